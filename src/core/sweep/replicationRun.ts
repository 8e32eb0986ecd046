/**
 * One replication of a sweep: an ordinary run (runToStatistics, the same path as `simulate`), its
 * statistics counted from the warm-up on, like replay's `--from`. The command line's worker threads
 * and the playground's Web Workers run it alike, so both count the same figures.
 */
import * as Effect from "effect/Effect"
import { runToStatistics } from "../run.ts"
import type { Scenario } from "../scenario/scenario.ts"
import type { Statistics } from "../stats/statistics.ts"

/** The statistics' window: from the end of the warm-up to the end of the run. */
export const warmedUp = (warmupMicros: number) => ({
  window: { fromMicros: warmupMicros, untilMicros: Number.POSITIVE_INFINITY },
})

export const runReplication = (scenario: Scenario, warmupMicros: number): Effect.Effect<Statistics> =>
  Effect.map(runToStatistics(scenario, {}, warmedUp(warmupMicros)), (run) => run.statistics)
