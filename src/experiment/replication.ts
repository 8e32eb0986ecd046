/**
 * One replication's job in Node: the core's run (core/sweep/replicationRun.ts), with its recording
 * kept when the sweep was asked to (`--record DIR`). The same job runs in this thread or in a worker.
 */
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { runToStatistics } from "../core/run.ts"
import type { Scenario } from "../core/scenario/scenario.ts"
import type { Statistics } from "../core/stats/statistics.ts"
import type { Pair } from "../core/sweep/replicationResults.ts"
import { runReplication, warmedUp } from "../core/sweep/replicationRun.ts"
import type { CannotWrite, UsageError } from "../errors.ts"
import { openRecordingSink } from "../recording/writer.ts"

export interface ReplicationJob {
  readonly scenario: Scenario
  readonly warmupMicros: number
  /** Where to keep its recording, if anywhere. */
  readonly recording?: string | undefined
}

export const runJob = (job: ReplicationJob): Effect.Effect<Statistics, UsageError | CannotWrite> =>
  job.recording === undefined
    ? runReplication(job.scenario, job.warmupMicros)
    : Effect.gen(function* () {
        const recording = yield* openRecordingSink({
          kind: "named",
          path: job.recording as string,
          force: false,
        })
        const run = yield* runToStatistics(job.scenario, { recording }, warmedUp(job.warmupMicros))
        return run.statistics
      })

/** Where `--record DIR` keeps a replication: configuration (1-based, grid order) and replication. */
export const recordingOf = (directory: string, pair: Pair): string =>
  path.join(directory, `configuration-${pair.configuration + 1}-replication-${pair.replication}.json`)
