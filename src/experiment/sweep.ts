/**
 * A sweep, run: the plan's (configuration, replication) pairs, or one share of them, on `workers`
 * runners (this thread, and worker threads started as they are worth it), each an ordinary run, with its recording kept when
 * asked. A stop request (Ctrl-C) interrupts it: the result then holds the runs that finished, and
 * says it was stopped. Whatever the number of workers, the same plan gives the same result.
 */
import * as Effect from "effect/Effect"
import type { SweepPlan } from "../core/sweep/plan.ts"
import type { Pair } from "../core/sweep/replicationResults.ts"
import { assembleResult } from "../core/sweep/result.ts"
import type { SweepResult } from "../core/sweep/resultSchema.ts"
import { newResults, runReplications, shareOf } from "../core/sweep/runner.ts"
import { pairsToRun, type ShardSpec } from "../core/sweep/shards.ts"
import type { CannotWrite, UsageError } from "../errors.ts"
import { recordingOf } from "./replication.ts"
import { makeRunners, type WorkerCounts } from "./workerPool.ts"
import { plannedItemsPerRun } from "./workerStarts.ts"

export interface SweepRequest {
  readonly plan: SweepPlan
  /** Runners at most: this thread, and up to `workers - 1` worker threads; 1 runs in this thread. */
  readonly workers: number
  /** A worker's start-up in seconds, until one is seen (the pool's assumption by default). */
  readonly workerStartSeconds?: number | undefined
  /** What an item costs at least, in seconds, until runs are timed (the pool's assumption by default). */
  readonly itemSeconds?: number | undefined
  readonly shard?: ShardSpec | undefined
  /** `--record DIR`: keep every replication's recording there. */
  readonly recordDirectory?: string | undefined
  readonly stop?: Effect.Effect<void> | undefined
  readonly onProgress?: ((done: number, total: number) => void) | undefined
}

export interface SweepOutcome {
  readonly result: SweepResult
  /** True when a stop request cut it short: the result holds only the runs that finished. */
  readonly stopped: boolean
  /** Runs finished, by row of the result: by configuration in grid order (a share: those it ran). */
  readonly finished: ReadonlyArray<number>
  /** Worker threads started, and the runs they made (none: this thread made them all). */
  readonly workers: WorkerCounts
}

export const runSweepRequest = (
  request: SweepRequest,
): Effect.Effect<SweepOutcome, UsageError | CannotWrite> =>
  Effect.scoped(
    Effect.gen(function* () {
      const { plan, recordDirectory } = request
      const pairs = pairsToRun(plan.scenarios.length, plan.replications, request.shard)
      const runners = yield* makeRunners({
        runners: request.workers,
        runs: pairs.length,
        folder: recordDirectory,
        startSeconds: request.workerStartSeconds,
        itemsPerRun: plannedItemsPerRun(plan.scenarios, pairs),
        itemSeconds: request.itemSeconds,
      })
      const execute = (scenario: SweepPlan["scenarios"][number], warmupMicros: number, pair: Pair) =>
        runners.execute({
          scenario,
          warmupMicros,
          recording: recordDirectory === undefined ? undefined : recordingOf(recordDirectory, pair),
        })
      const results = newResults(plan)
      const running = runReplications(plan, execute, {
        concurrency: request.workers,
        shard: request.shard,
        results,
        onProgress: request.onProgress,
      })
      const stopped =
        request.stop === undefined
          ? yield* Effect.as(running, false)
          : yield* Effect.raceFirst(Effect.as(running, false), Effect.as(request.stop, true))
      const finished = plan.parameters.map(() => 0)
      for (const pair of results.done())
        finished[pair.configuration] = (finished[pair.configuration] ?? 0) + 1
      // A share's result has the rows of the configurations it ran (result.ts): so has its count.
      const shown = request.shard === undefined ? finished : finished.filter((count) => count > 0)
      return {
        result: assembleResult(plan, results, shareOf(plan, request.shard)),
        stopped,
        finished: shown,
        workers: runners.workers(),
      }
    }),
  )
