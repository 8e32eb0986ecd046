/**
 * One replication of a sweep: an ordinary run (runToStatistics, the same path as `simulate`), its
 * statistics counted from the warm-up on, like replay's `--from`. No recording unless a sink asks.
 */
import * as Effect from "effect/Effect"
import { runToStatistics } from "../run/run.ts"
import type { Scenario } from "../scenario/scenario.ts"
import { type Statistics, StatisticsFold } from "../stats/statistics.ts"

export const runReplication = (scenario: Scenario, warmupMicros: number): Effect.Effect<Statistics> =>
  Effect.suspend(() =>
    Effect.map(
      runToStatistics(
        scenario,
        {},
        {
          statistics: new StatisticsFold({ fromMicros: warmupMicros, untilMicros: Number.POSITIVE_INFINITY }),
        },
      ),
      (run) => run.statistics,
    ),
  )
