/**
 * The actors of a run and their roles, from its header: producers 1..P, then consumers 1..C, each
 * with a fixed index that the lifecycle, the statistics and the page share. Roles come from the
 * scenario, never guessed from a name or from the events an actor reports. A recording naming any
 * other actor is refused before any fold sees it (the consistency check), so a fold meeting one is
 * fed wrongly: `indexOf` answers -1 and the fold says so.
 */
import { consumerName, producerName } from "../engine/events.ts"

export type ActorRole = "producer" | "consumer"

/** How many of the first names are searched by a plain loop before the map (the engine passes the same strings). */
const scannedNames = 8

export class ActorRoster {
  readonly names: ReadonlyArray<string>
  readonly roles: ReadonlyArray<ActorRole>
  readonly producers: number
  private readonly index = new Map<string, number>()

  constructor(counts: { readonly producers: number; readonly consumers: number }) {
    const names: Array<string> = []
    const roles: Array<ActorRole> = []
    for (let number = 1; number <= counts.producers; number++) {
      names.push(producerName(number))
      roles.push("producer")
    }
    for (let number = 1; number <= counts.consumers; number++) {
      names.push(consumerName(number))
      roles.push("consumer")
    }
    names.forEach((name, index) => {
      this.index.set(name, index)
    })
    this.names = names
    this.roles = roles
    this.producers = counts.producers
  }

  /** The actor's index, or -1 for a name the run does not have. */
  indexOf(name: string): number {
    const names = this.names
    const scanned = Math.min(scannedNames, names.length)
    for (let index = 0; index < scanned; index++) if (names[index] === name) return index
    return this.index.get(name) ?? -1
  }

  isProducer(actor: number): boolean {
    return actor < this.producers
  }

  get size(): number {
    return this.names.length
  }
}
