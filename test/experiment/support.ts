/** Small sweeps for the experiment tests: planned or the test fails, run on today's engine. */
import * as Effect from "effect/Effect"
import { planSweep, type SweepOptions, type SweepPlan } from "../../src/core/sweep/plan.ts"
import { runReplication } from "../../src/core/sweep/replicationRun.ts"
import type { ReplicationExecutor } from "../../src/core/sweep/runner.ts"
import { UsageError } from "../../src/errors.ts"

export const plannedOrThrow = (options: SweepOptions): SweepPlan => {
  const plan = planSweep(options)
  if (plan instanceof UsageError) throw new Error(plan.message)
  return plan
}

/** Four configurations of a short M/G/c run, five replications: 20 runs of 60 items. */
export const smallSweep: SweepOptions = {
  scenario: { producers: 1, items: 60, produce: "exp(100ms)", seed: 5 },
  vary: ["consumers=1,2", "process=exp(150ms),lognormal(150ms,50ms)"],
  replications: 5,
  warmup: "500ms",
  targets: ["latency.p99<=300ms", "utilization.consumers>=0.5"],
}

/**
 * The real replication, finishing in a scrambled order: each run first yields a pseudo-random
 * number of times (fixed by its seed and configuration), so with concurrency the runs end in an
 * order unlike the grid's. `finished` records the order they ended in.
 */
export const scrambledExecutor =
  (finished: Array<string>): ReplicationExecutor =>
  (scenario, warmupMicros) =>
    Effect.gen(function* () {
      const key = `${JSON.stringify(scenario.process)}/${scenario.consumers}/${scenario.seed}`
      let hash = 0
      for (const character of key) hash = (hash * 31 + character.charCodeAt(0)) % 1_000_003
      for (let turn = 0; turn < hash % 13; turn++) yield* Effect.yieldNow
      const statistics = yield* runReplication(scenario, warmupMicros)
      finished.push(key)
      return statistics
    })
