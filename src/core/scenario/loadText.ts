/**
 * How an offered load is said, wherever it is shown: the statistics block of an overloaded run,
 * the sweep's table, CSV and page. Pure, with no imports that run, so the page's browser code can
 * use it too.
 */
import type { OfferedLoad } from "./offeredLoad.ts"

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`

/** A figure to three significant digits at most, without trailing zeros: 40, 0.07, 1.17. */
const figure = (value: number): string => String(Number(value.toPrecision(3)))

/** "40/s" */
export const arrivalRateText = (arrivalRate: number | null): string =>
  arrivalRate === null ? "all at once" : `${figure(arrivalRate)}/s`

/** "70 ms" */
export const meanServiceText = (seconds: number): string =>
  seconds < 1 ? `${figure(seconds * 1000)} ms` : `${figure(seconds)} s`

/** The load per worker alone: "0.700", or "every item at once". */
export const perWorkerText = (load: OfferedLoad): string =>
  load.perWorker === null ? "every item at once" : load.perWorker.toFixed(3)

/** "1.167 per consumer (40/s arrivals x 70 ms mean service / 4 consumers)" */
export const loadText = (load: OfferedLoad, worker = "consumer"): string =>
  `${perWorkerText(load)} per ${worker} (${arrivalRateText(load.arrivalRate)} arrivals x ${meanServiceText(load.meanService)} mean service / ${plural(load.workers, worker)})`

/** A pipeline's load, stage by stage: "parse 0.750 per worker (...); store 0.889 per worker (...)". */
export const stageLoadsText = (stages: Readonly<Record<string, OfferedLoad>>): string =>
  Object.entries(stages)
    .map(([name, load]) => `${name} ${loadText(load, "worker")}`)
    .join("; ")

/** The queue a scenario has: a bound or none, and what a full one does; undefined where it varies. */
export interface QueueKind {
  readonly capacity: number | null | undefined
  readonly whenFull: string | undefined
}

/**
 * What a load at or above 1 per worker does to a run, in one line. An unbounded queue grows for as
 * long as items arrive; a bounded one stays full and holds arrivals back or drops them.
 */
export const overloadConsequence = ({ capacity, whenFull }: QueueKind): string => {
  const unbounded = "the queue grows without bound and the figures depend on the run's length"
  if (capacity === null) return unbounded
  const bounded =
    whenFull === "suspend"
      ? "the queue stays full and the producers wait"
      : whenFull === undefined
        ? "a bounded queue stays full and holds arrivals back or drops them"
        : "the queue stays full and the excess is dropped"
  return capacity === undefined ? `${unbounded} (${bounded})` : bounded
}

/** "unstable: the queue grows without bound and ...", for a load at or above 1 per worker. */
export const overloadLine = (queue: QueueKind): string => `unstable: ${overloadConsequence(queue)}`
