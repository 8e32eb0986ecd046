/**
 * The offered load of a scenario: how much work arrives per worker, from the distributions' means
 * alone, before anything runs. Arrival rate times mean service time over the consumers: at or above
 * 1 the consumers cannot keep up, however the run goes, and its figures say more about how long it
 * ran than about the system.
 *
 * Arrivals: each producer makes an item, hands it over and pauses (engine.ts). Handing over takes no
 * time of its own: it returns at once, or waits for room, which is the queue holding arrivals back
 * (what the load decides), not a cost of the producer. So a producer's items come one per mean
 * pause, and producers that run together add up; the sync program runs its producers one after the
 * other, so only one at a time makes items.
 */
import { meanMicros } from "./distribution.ts"
import type { Scenario } from "./scenario.ts"

export interface OfferedLoad {
  /** Items arriving per second on average; null when every item comes at once (pauses of no time). */
  readonly arrivalRate: number | null
  /** Mean service time of an item, in seconds. */
  readonly meanService: number
  readonly workers: number
  /** Arrival rate times mean service time over the workers; null when every item comes at once. */
  readonly perWorker: number | null
  /** At or above 1 per worker: the queue cannot drain. */
  readonly unstable: boolean
}

/** Figures kept to six decimals, as the statistics object keeps its own. */
const rounded = (value: number): number => Math.round(value * 1e6) / 1e6

/** Producers making items at the same time. */
const producersAtOnce = (scenario: Scenario): number =>
  scenario.start === "together" ? scenario.producers : 1

export const offeredLoad = (scenario: Scenario): OfferedLoad => {
  const gapMicros = meanMicros(scenario.produce)
  const serviceMicros = meanMicros(scenario.process)
  const workers = scenario.consumers
  const meanService = rounded(serviceMicros / 1_000_000)
  if (gapMicros === 0) {
    return { arrivalRate: null, meanService, workers, perWorker: null, unstable: serviceMicros > 0 }
  }
  const producers = producersAtOnce(scenario)
  // From the exact means, so that a load of exactly 1 is judged unstable, not rounded either way.
  const perWorker = (producers * serviceMicros) / (gapMicros * workers)
  return {
    arrivalRate: rounded((producers * 1_000_000) / gapMicros),
    meanService,
    workers,
    perWorker: rounded(perWorker),
    unstable: perWorker >= 1,
  }
}
