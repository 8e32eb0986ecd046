/**
 * The actors of a run and their roles, from its header: producers 1..P, then consumers 1..C, each
 * with a fixed index that the lifecycle, the statistics and the page share. Roles come from the
 * scenario, never guessed from a name or from the events an actor reports. A recording naming any
 * other actor is refused before any fold sees it (the consistency check), so a fold meeting one is
 * fed wrongly: `indexOf` answers -1 and the fold says so.
 *
 * Names are made on demand, not held: a recording's header may claim far more actors than a run
 * can have (it is refused, but only after its check is built).
 *
 * In a pipeline the consumers are the stages' workers, stage by stage in the scenario's order,
 * each named `STAGE-N` (workerName): the number after the last `-` is the worker's, so a name
 * belongs to one stage only.
 */
import { consumerName, producerName } from "../engine/events.ts"
import { workerName } from "../scenario/stages.ts"

/** What the roster needs of a pipeline's stage: its name and how many workers it has. */
export interface RosterStage {
  readonly name: string
  readonly workers?: number | undefined
}

export type ActorRole = "producer" | "consumer"

/** How many actors' names are compared before the map is looked in. */
const recentSlots = 8

const producerPrefix = "producer-"
const consumerPrefix = "consumer-"

/** `producer-3` -> 3 for its prefix; 0 when the rest is not a plain number from 1. */
const numberAfter = (name: string, prefix: string): number => {
  const digits = name.slice(prefix.length)
  return /^[1-9]\d{0,15}$/.test(digits) ? Number(digits) : 0
}

export class ActorRoster {
  readonly producers: number
  readonly consumers: number
  /** Names already looked up (only actors that report events): most runs have a handful. */
  private readonly seen = new Map<string, number>()
  private readonly recentNames: Array<string> = []
  private readonly recentIndices: Array<number> = []

  private remember(name: string, index: number): void {
    if (this.recentNames.length >= recentSlots) return
    this.recentNames.push(name)
    this.recentIndices.push(index)
  }

  /** A pipeline's stages, in order; empty for the course's single queue. */
  readonly stages: ReadonlyArray<{ readonly name: string; readonly workers: number; readonly first: number }>
  private readonly stageByName = new Map<string, number>()

  constructor(counts: {
    readonly producers: number
    readonly consumers: number
    readonly stages?: ReadonlyArray<RosterStage> | null | undefined
  }) {
    this.producers = counts.producers
    let first = counts.producers
    this.stages = (counts.stages ?? []).map((stage) => {
      const workers = stage.workers ?? 0
      const placed = { name: stage.name, workers, first }
      first += workers
      return placed
    })
    for (const [index, stage] of this.stages.entries()) this.stageByName.set(stage.name, index)
    this.consumers = this.stages.length === 0 ? counts.consumers : first - counts.producers
  }

  /** A stage's index by name, or -1. */
  stageIndexOf(name: string): number {
    // Every event of a pipeline names its stage, and a run has a few: comparing them (by identity,
    // mostly) is cheaper than hashing. From the last, as the map keeps the last of equal names.
    const stages = this.stages
    if (stages.length > recentSlots) return this.stageByName.get(name) ?? -1
    for (let index = stages.length - 1; index >= 0; index--)
      if ((stages[index] as { readonly name: string }).name === name) return index
    return -1
  }

  /** The stage whose worker the actor is, or -1 (a producer, or a run without stages). */
  stageOf(actor: number): number {
    if (actor < this.producers) return -1
    for (let index = this.stages.length - 1; index >= 0; index--) {
      if (actor >= (this.stages[index] as { readonly first: number }).first) return index
    }
    return -1
  }

  /** The index of producer `number` (from 1): how the engine hands its folds the actor. */
  producerIndex(number: number): number {
    return number - 1
  }

  /** The index of consumer `number` (from 1) of the course's single queue. */
  consumerIndex(number: number): number {
    return this.producers + number - 1
  }

  /** The index of worker `number` (from 1) of the stage at `stage` in the pipeline's order. */
  workerIndex(stage: number, number: number): number {
    return (this.stages[stage] as { readonly first: number }).first + number - 1
  }

  /** The actor's index, or -1 for a name the run does not have. */
  indexOf(name: string): number {
    // The engine hands every event of an actor the same string: a few recent names are compared
    // first (by identity, mostly), before the map's hashing, on this path taken for every event.
    const recent = this.recentNames
    for (let slot = 0; slot < recent.length; slot++)
      if (recent[slot] === name) return this.recentIndices[slot] as number
    const known = this.seen.get(name)
    if (known !== undefined) {
      this.remember(name, known)
      return known
    }
    let index = -1
    if (name.startsWith(producerPrefix)) {
      const number = numberAfter(name, producerPrefix)
      if (number >= 1 && number <= this.producers) index = number - 1
    } else if (this.stages.length > 0) {
      const dash = name.lastIndexOf("-")
      const stage = this.stages[this.stageIndexOf(name.slice(0, dash))]
      const number = numberAfter(name, name.slice(0, dash + 1))
      if (dash > 0 && stage !== undefined && number >= 1 && number <= stage.workers)
        index = stage.first + number - 1
    } else if (name.startsWith(consumerPrefix)) {
      const number = numberAfter(name, consumerPrefix)
      if (number >= 1 && number <= this.consumers) index = this.producers + number - 1
    }
    // Only names of the run are kept, so a stream of strange names cannot grow the map.
    if (index >= 0) {
      this.seen.set(name, index)
      this.remember(name, index)
    }
    return index
  }

  nameOf(actor: number): string {
    if (actor < this.producers) return producerName(actor + 1)
    const stage = this.stages[this.stageOf(actor)]
    return stage === undefined
      ? consumerName(actor - this.producers + 1)
      : workerName(stage.name, actor - stage.first + 1)
  }

  roleOf(actor: number): ActorRole {
    return actor < this.producers ? "producer" : "consumer"
  }

  isProducer(actor: number): boolean {
    return actor < this.producers
  }

  get size(): number {
    return this.producers + this.consumers
  }
}
