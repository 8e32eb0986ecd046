/**
 * When a sweep should start another worker thread. A worker runs nothing until it has loaded its
 * code (its start-up), while the threads already there keep running replications; so it is worth
 * starting only when the runs left finish sooner with it than without it. Pure arithmetic over what
 * the caller measured (the cost of a run, the start-up), so that the decision is tested with made-up
 * costs and the pool only measures and obeys.
 */

import { type Scenario, totalItems } from "../core/scenario/scenario.ts"

export interface Outlook {
  /** Runs not yet started. */
  readonly runsLeft: number
  /** Seconds one run takes, as measured so far. */
  readonly runSeconds: number
  /**
   * One entry per runner there is (this thread, workers busy, idle or still starting): seconds
   * until it can take a run.
   */
  readonly runnersFreeIn: ReadonlyArray<number>
  /** Seconds a new worker needs before it can take its first run. */
  readonly startSeconds: number
}

/** Runs timed before the cost of a run is trusted, and how many of the latest it is taken from. */
const timedRunsFirst = 2
const recentRuns = 5

const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/**
 * The cost of a run, from `timed` (each runner's runs but its first, which carries the JIT's warm-up):
 * the median of the latest few, once there are two: the JIT keeps warming over the first runs, and a
 * run the machine held up (another process, a collection) must not pass for the cost of those left.
 * Before that, this thread's first run, when it lasted at least a start-up: its warm-up is then a
 * small part of it, and waiting for two more runs that long would cost more than a worker's start.
 * Undefined: wait for another run.
 */
export const runCost = (
  timed: ReadonlyArray<number>,
  firstRun: number | undefined,
  startSeconds: number,
): number | undefined => {
  if (timed.length >= timedRunsFirst) return median(timed.slice(-recentRuns))
  return firstRun !== undefined && firstRun >= startSeconds ? firstRun : undefined
}

/**
 * A run's items as the plan says, the mean over the runs to come: none for a run with a timeout,
 * which may stop it long before its last item.
 */
export const plannedItemsPerRun = (
  scenarios: ReadonlyArray<Scenario>,
  runs: ReadonlyArray<{ readonly configuration: number }>,
): number => {
  let items = 0
  for (const { configuration } of runs) {
    const scenario = scenarios[configuration] as Scenario
    if (scenario.timeoutMicros === null) items += totalItems(scenario)
  }
  return runs.length === 0 ? 0 : items / runs.length
}

/**
 * The cost of a run to decide on: as measured (runCost) once it can be trusted; before that, the
 * plan's items at `itemSeconds` each, which the caller takes low, so that the plan starts a worker
 * only when it pays even if the runs turn out cheaper than expected (a sweep it leaves alone still
 * starts one once its runs are timed). Undefined when neither says anything.
 */
export const costToDecideOn = (
  measured: number | undefined,
  itemsPerRun: number,
  itemSeconds: number,
): number | undefined =>
  measured ?? (itemsPerRun > 0 && itemSeconds > 0 ? itemsPerRun * itemSeconds : undefined)

/** Runs finished by `time` when each runner takes the next run as soon as it is free. */
const runsDoneBy = (time: number, runSeconds: number, freeIn: ReadonlyArray<number>): number => {
  let done = 0
  for (const free of freeIn) if (time >= free) done += Math.floor((time - free) / runSeconds + 1e-9)
  return done
}

/**
 * Seconds until the last of `runsLeft` runs of `runSeconds` each ends, every runner taking the next
 * run as soon as it is free (as the pool does). Infinite with no runner.
 */
export const finishIn = (runsLeft: number, runSeconds: number, freeIn: ReadonlyArray<number>): number => {
  if (runsLeft <= 0) return 0
  if (freeIn.length === 0) return Number.POSITIVE_INFINITY
  // The end is one runner's free time plus a whole number of runs: the least such time by which
  // every run is done, found by bisection on the count (runs done never decrease with time).
  let low = Math.min(...freeIn)
  let high = Math.max(...freeIn) + runsLeft * runSeconds
  for (let step = 0; step < 100 && high - low > runSeconds * 1e-9; step++) {
    const middle = (low + high) / 2
    if (runsDoneBy(middle, runSeconds, freeIn) >= runsLeft) high = middle
    else low = middle
  }
  return high
}

/**
 * How many new workers (at most `room`) make the runs left finish sooner, added one at a time while
 * each one brings the predicted finish forward by at least its own start-up. The start-up is the
 * least sure of the figures (a busy machine stretches it, and a loading worker slows the runs beside
 * it), and a worker that gains less than it costs to start risks a sweep slower than without it.
 */
export const workersWorthStarting = (outlook: Outlook, room: number): number => {
  if (!(outlook.runSeconds > 0) || outlook.runsLeft <= 0) return 0
  const runners = [...outlook.runnersFreeIn]
  let finish = finishIn(outlook.runsLeft, outlook.runSeconds, runners)
  let started = 0
  while (started < room) {
    const withOneMore = finishIn(outlook.runsLeft, outlook.runSeconds, [...runners, outlook.startSeconds])
    // (Within rounding: a gain of exactly its start-up counts.)
    if (withOneMore >= finish || withOneMore > finish - outlook.startSeconds + finish * 1e-9) break
    runners.push(outlook.startSeconds)
    finish = withOneMore
    started++
  }
  return started
}
