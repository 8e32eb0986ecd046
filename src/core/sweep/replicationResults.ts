/**
 * The figures of every (configuration, replication) pair, stored by position, not by arrival: runs
 * finish in any order (several workers, several machines), and a result built from this store is
 * the same bytes whatever that order was.
 */

/** One run's figures, in the order of the sweep's metrics; null where the run has no value. */
export type ReplicationValues = ReadonlyArray<number | null>

export interface Pair {
  /** 0-based, in grid order. */
  readonly configuration: number
  /** 1-based, as seeds and rows number them. */
  readonly replication: number
}

/** Position of a pair in the flat order: configuration by configuration, replications within each. */
export const pairIndex = (replications: number, pair: Pair): number =>
  pair.configuration * replications + pair.replication - 1

export const pairAt = (replications: number, index: number): Pair => ({
  configuration: Math.floor(index / replications),
  replication: (index % replications) + 1,
})

export class ReplicationResults {
  private readonly values: Array<ReplicationValues | undefined>
  readonly configurations: number
  readonly replications: number

  constructor(configurations: number, replications: number) {
    this.configurations = configurations
    this.replications = replications
    this.values = new Array(configurations * replications).fill(undefined)
  }

  set(pair: Pair, values: ReplicationValues): void {
    this.values[pairIndex(this.replications, pair)] = values
  }

  /** undefined when that pair has not run (yet, or in this share). */
  get(pair: Pair): ReplicationValues | undefined {
    return this.values[pairIndex(this.replications, pair)]
  }

  has(pair: Pair): boolean {
    return this.get(pair) !== undefined
  }

  /** Pairs that have figures, in flat order. */
  done(): ReadonlyArray<Pair> {
    const pairs: Array<Pair> = []
    this.values.forEach((values, index) => {
      if (values !== undefined) pairs.push(pairAt(this.replications, index))
    })
    return pairs
  }
}
