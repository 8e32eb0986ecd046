/**
 * Who runs a sweep: this thread, and worker threads started only when the runs left repay their
 * start-up. The start-up is given (the pool's assumption before it has seen one), so that whether a
 * worker starts does not hang on the machine's speed; the result is the same bytes either way.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { RunPlatform } from "../../src/core/engine/runPlatform.ts"
import { runSweepRequest, type SweepRequest } from "../../src/experiment/sweep.ts"
import { nodePlatform } from "../../src/run/nodePlatform.ts"
import { plannedOrThrow } from "./support.ts"

/** The README's sizing sweep, `replications` of each of its four configurations. */
/** As the command line runs it: Node's event loop turns between a long run's slices, so workers are heard. */
const sweep = (request: SweepRequest) =>
  Effect.provideService(runSweepRequest(request), RunPlatform, nodePlatform)

const sweepOf = (items: number, replications: number) =>
  plannedOrThrow({
    scenario: { producers: 1, items, produce: "exp(100ms)", process: "lognormal(250ms,150ms)", seed: 3 },
    vary: ["consumers=2,3,4,5"],
    replications,
    warmup: "60s",
    targets: ["latency.p99<=500ms"],
  })

describe("a sweep's runners", () => {
  it.live(
    "start a worker when the runs left repay its start-up, with the same result as this thread alone",
    () =>
      Effect.gen(function* () {
        // 24 runs of 30,000 items: long enough that a worker started early takes some of them.
        const plan = sweepOf(30_000, 6)
        const alone = yield* sweep({ plan, workers: 1 })
        expect(alone.workers).toEqual({ started: 0, runs: 0 })
        const helped = yield* sweep({ plan, workers: 2, workerStartSeconds: 0 })
        expect(helped.workers.started).toBe(1)
        expect(helped.workers.runs).toBeGreaterThan(0)
        expect(JSON.stringify(helped.result)).toBe(JSON.stringify(alone.result))
        expect(helped.finished).toEqual(alone.finished)
      }),
  )

  it.live("start one before any run is timed when the plan shows it pays, none when it does not", () =>
    Effect.gen(function* () {
      // Runs far shorter than the start-up given (an hour): once timed, they never start a worker;
      // only the plan can, when it says each of its items costs an hour.
      const plan = sweepOf(2000, 2)
      const long = yield* sweep({ plan, workers: 2, workerStartSeconds: 3600, itemSeconds: 3600 })
      expect(long.workers.started).toBe(1)
      const short = yield* sweep({ plan, workers: 2, workerStartSeconds: 3600, itemSeconds: 1e-9 })
      expect(short.workers).toEqual({ started: 0, runs: 0 })
      expect(JSON.stringify(long.result)).toBe(JSON.stringify(short.result))
    }),
  )

  it.live("start none when the runs left end before a start-up would pay, however many are allowed", () =>
    Effect.gen(function* () {
      const plan = sweepOf(2000, 5)
      const outcome = yield* sweep({ plan, workers: 8, workerStartSeconds: 3600 })
      expect(outcome.workers).toEqual({ started: 0, runs: 0 })
      expect(outcome.finished).toEqual([5, 5, 5, 5])
    }),
  )
})
