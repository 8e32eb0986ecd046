/**
 * One replication of a sweep with today's engine: the scenario on fast virtual time, its events
 * folded to statistics counted from the warm-up on. The sweep's runner takes any such function;
 * the CLI plugs in the headless run and the worker pool.
 */
import * as Effect from "effect/Effect"
import { runScenario } from "../../src/engine/engine.ts"
import type { RunEnd } from "../../src/engine/events.ts"
import { runOnFastVirtualClock } from "../../src/engine/virtualDriver.ts"
import type { Scenario } from "../../src/scenario/scenario.ts"
import { type Statistics, StatisticsFold } from "../../src/stats/statistics.ts"

export const runReplication = (scenario: Scenario, warmupMicros: number): Effect.Effect<Statistics> =>
  Effect.suspend(() => {
    const fold = new StatisticsFold({ fromMicros: warmupMicros, untilMicros: Number.POSITIVE_INFINITY })
    let end: RunEnd | undefined
    return runOnFastVirtualClock(
      runScenario(scenario, {
        event: (event) => fold.add(event),
        end: (runEnd) => {
          end = runEnd
        },
      }),
    ).pipe(
      Effect.map(() => {
        if (end === undefined) throw new Error("the run did not report its end")
        return fold.finish(end, { mode: scenario.mode, seed: scenario.seed, consumers: scenario.consumers })
      }),
    )
  })
