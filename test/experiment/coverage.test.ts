/**
 * Do the sweep's 95% intervals cover the truth 95% of the time? Each sweep here is an M/M/1 queue
 * with a known mean wait: one producer with exp(1s) pauses (lambda = 1/s), one consumer with
 * exp(500ms) service (mu = 2/s), so rho = 0.5 and Wq = rho / (mu - lambda) = 0.5 s. `latency` is
 * the wait in queue (test/theory/queueing.test.ts), so latency.mean estimates Wq.
 *
 * 200 independent sweeps (base seeds 1..200, whose replication seeds never overlap), each of 10
 * replications of 500 items with a 30 s warm-up: the queue starts empty, and at rho = 0.5 it
 * forgets that start within a few seconds (relaxation time 1 / (mu (1 - sqrt(rho))^2) ~ 6 s), so
 * 30 s removes the start-up bias while keeping ~94% of each ~500 s run. Each replication's mean
 * wait is an average over ~470 items, close enough to normal for the t interval to hold.
 *
 * The count is deterministic (fixed seeds): 191 of 200 (95.5%). Binomial noise alone would
 * spread a correct method's count over about 95% +- 3%, hence the 90-99% band the issue sets.
 * The same intervals around a value 10% off cover it only 70% of the time (140 of 200), so the
 * band has teeth. It takes about 3 s here (1,000,000 items in 2,000 runs; 2 busy shared cores).
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { runReplication } from "../../src/core/sweep/replicationRun.ts"
import { runSweep } from "../../src/core/sweep/runner.ts"
import { longTestLimitMillis } from "../support/timeLimits.ts"
import { mm1Wait } from "../theory/closedForms.ts"
import { plannedOrThrow } from "./support.ts"

const sweeps = 200
const theory = mm1Wait(1, 2)

/** The interval of latency.mean of one sweep. */
const sweepInterval = (baseSeed: number) =>
  Effect.gen(function* () {
    const plan = plannedOrThrow({
      scenario: {
        mode: "async",
        producers: 1,
        items: 500,
        consumers: 1,
        produce: "exp(1s)",
        process: "exp(500ms)",
        seed: baseSeed,
      },
      vary: [],
      replications: 10,
      warmup: "30s",
      targets: ["latency.mean<=500ms"],
    })
    const result = yield* runSweep(plan, runReplication)
    const summary = result.rows[0]?.metrics["latency.mean"]
    if (summary?.mean == null || summary.halfWidth == null) throw new Error("no interval")
    return { mean: summary.mean, halfWidth: summary.halfWidth }
  })

describe("coverage of the sweep's confidence intervals", () => {
  it.effect(
    `over ${sweeps} M/M/1 sweeps, the 95% interval of the mean wait covers the theory 90-99% of the time`,
    () =>
      Effect.gen(function* () {
        expect(theory).toBeCloseTo(0.5, 12)
        const started = Date.now()
        const intervals = yield* Effect.forEach(
          Array.from({ length: sweeps }, (_, index) => index + 1),
          sweepInterval,
        )
        const covers = (value: number) =>
          intervals.filter(({ mean, halfWidth }) => Math.abs(mean - value) <= halfWidth).length / sweeps
        const coverage = covers(theory)
        const wrongCoverage = covers(theory * 1.1)
        const relativeHalfWidth =
          intervals.reduce((sum, { halfWidth }) => sum + halfWidth, 0) / sweeps / theory
        console.log(
          `coverage ${(coverage * 100).toFixed(1)}% of ${sweeps} sweeps (10 replications x 500 items, warm-up 30 s); ` +
            `mean half-width ${(relativeHalfWidth * 100).toFixed(1)}% of Wq; a value 10% off covered ${(wrongCoverage * 100).toFixed(1)}%; ` +
            `${((Date.now() - started) / 1000).toFixed(1)} s`,
        )
        expect(coverage).toBeGreaterThanOrEqual(0.9)
        expect(coverage).toBeLessThanOrEqual(0.99)
        expect(wrongCoverage).toBeLessThan(0.8)
      }),
    longTestLimitMillis,
  )
})
