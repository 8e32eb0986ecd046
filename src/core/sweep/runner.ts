/**
 * Runs a sweep's replications through an injected executor and assembles the result. How one run
 * is executed (in this thread, in a worker, with a recording) is the executor's business; this
 * module only decides which runs, with which seeds, how many at once, and where each figure goes.
 */
import * as Effect from "effect/Effect"
import type { Scenario } from "../scenario/scenario.ts"
import type { Statistics } from "../stats/statistics.ts"
import { generator } from "../version.ts"
import { readMetrics } from "./metrics.ts"
import { replicationScenario, type SweepPlan, sweepIdentity } from "./plan.ts"
import { type Pair, ReplicationResults } from "./replicationResults.ts"
import { assembleResult, type ShareOf } from "./result.ts"
import type { SweepResult } from "./resultSchema.ts"
import { pairsToRun, type ShardSpec } from "./shards.ts"

/**
 * Runs one replication: the scenario (its seed already the replication's) with statistics counted
 * from `warmupMicros` on, as StatisticsFold's window { fromMicros: warmupMicros, untilMicros: Infinity }.
 */
export type ReplicationExecutor<E = never, R = never> = (
  scenario: Scenario,
  warmupMicros: number,
  /** Which run it is (to name its recording, when recordings are kept). */
  pair: Pair,
) => Effect.Effect<Statistics, E, R>

export interface RunOptions {
  /** Runs in flight at once (workers); 1 by default. */
  readonly concurrency?: number | undefined
  /** Run only this share and answer a partial result. */
  readonly shard?: ShardSpec | undefined
  /** Called after each run with the number done and the number to do (a progress bar). */
  readonly onProgress?: ((done: number, total: number) => void) | undefined
  /**
   * Where figures go as runs finish. Pass your own to keep what finished if the sweep is
   * interrupted (assembleResult on it gives the rows so far); a new one by default.
   */
  readonly results?: ReplicationResults | undefined
}

/** Every run of the plan (or of its share), as a new results store filled in place. */
export const newResults = (plan: SweepPlan): ReplicationResults =>
  new ReplicationResults(plan.scenarios.length, plan.replications)

/** Runs the pairs not yet in `results`, at most `concurrency` at once. */
export const runReplications = <E, R>(
  plan: SweepPlan,
  execute: ReplicationExecutor<E, R>,
  options: RunOptions = {},
): Effect.Effect<ReplicationResults, E, R> =>
  Effect.suspend(() => {
    const results = options.results ?? newResults(plan)
    const pairs = pairsToRun(plan.scenarios.length, plan.replications, options.shard)
    const total = pairs.length
    let done = pairs.filter((pair) => results.has(pair)).length
    const runOne = (pair: Pair) =>
      Effect.map(
        execute(replicationScenario(plan, pair.configuration, pair.replication), plan.warmupMicros, pair),
        (statistics) => {
          // Only the figures are kept, never the statistics objects: memory stays flat.
          // A run that ended before the warm-up counted nothing: no value, not zeros.
          const counted = statistics.end.at * 1e6 > plan.warmupMicros
          results.set(pair, counted ? readMetrics(statistics, plan.metrics) : plan.metrics.map(() => null))
          done++
          options.onProgress?.(done, total)
        },
        // Other fibers (a stop request) get their turn between runs, however short the runs are.
      ).pipe(Effect.andThen(Effect.yieldNow))
    return Effect.as(
      Effect.forEach(
        pairs.filter((pair) => !results.has(pair)),
        runOne,
        { concurrency: options.concurrency ?? 1, discard: true },
      ),
      results,
    )
  })

/** Runs the sweep (or its share) and answers its result. */
export const runSweep = <E, R>(
  plan: SweepPlan,
  execute: ReplicationExecutor<E, R>,
  options: RunOptions = {},
): Effect.Effect<SweepResult, E, R> =>
  Effect.map(runReplications(plan, execute, options), (results) =>
    assembleResult(plan, results, shareOf(plan, options.shard)),
  )

/** What a share's partial result says of itself; undefined for the whole sweep. */
export const shareOf = (plan: SweepPlan, shard: ShardSpec | undefined): ShareOf | undefined =>
  shard === undefined ? undefined : { spec: shard, generator, sweep: sweepIdentity(plan) }
