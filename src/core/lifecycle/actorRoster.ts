/**
 * The actors of a run and their roles, from its header: producers 1..P, then consumers 1..C, each
 * with a fixed index that the lifecycle, the statistics and the page share. Roles come from the
 * scenario, never guessed from a name or from the events an actor reports. A recording naming any
 * other actor is refused before any fold sees it (the consistency check), so a fold meeting one is
 * fed wrongly: `indexOf` answers -1 and the fold says so.
 *
 * Names are made on demand, not held: a recording's header may claim far more actors than a run
 * can have (it is refused, but only after its check is built).
 */
import { consumerName, producerName } from "../engine/events.ts"

export type ActorRole = "producer" | "consumer"

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

  constructor(counts: { readonly producers: number; readonly consumers: number }) {
    this.producers = counts.producers
    this.consumers = counts.consumers
  }

  /** The actor's index, or -1 for a name the run does not have. */
  indexOf(name: string): number {
    const known = this.seen.get(name)
    if (known !== undefined) return known
    let index = -1
    if (name.startsWith(producerPrefix)) {
      const number = numberAfter(name, producerPrefix)
      if (number >= 1 && number <= this.producers) index = number - 1
    } else if (name.startsWith(consumerPrefix)) {
      const number = numberAfter(name, consumerPrefix)
      if (number >= 1 && number <= this.consumers) index = this.producers + number - 1
    }
    // Only names of the run are kept, so a stream of strange names cannot grow the map.
    if (index >= 0) this.seen.set(name, index)
    return index
  }

  nameOf(actor: number): string {
    return actor < this.producers ? producerName(actor + 1) : consumerName(actor - this.producers + 1)
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
