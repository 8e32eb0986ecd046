import { describe, expect, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { InternalError } from "../../src/errors.ts"
import { runOnVirtualClock } from "../support/clocks.ts"
import { collectRun, ofType } from "../support/runs.ts"

describe("the virtual clock", () => {
  it.effect("runs sleeps in virtual time, to the exact microsecond", () =>
    Effect.gen(function* () {
      const readings = yield* runOnVirtualClock(
        Effect.gen(function* () {
          const readings: Array<bigint> = []
          for (const micros of [1n, 999_999n, 100_000_001n]) {
            yield* Effect.sleep(Duration.micros(micros))
            readings.push(yield* Clock.currentTimeNanos)
          }
          return readings
        }),
      )
      expect(readings).toEqual([1_000n, 1_000_000_000n, 101_000_001_000n])
    }),
  )

  it.effect("finishes programs whose fibers only yield (zero pauses)", () =>
    Effect.gen(function* () {
      const run = yield* collectRun({ items: 300, produce: "0ms", process: "0ms" })
      expect(run.end).toEqual({ at: 0, reason: "completed" })
      expect(ofType(run.events, "processed")).toHaveLength(600)
    }),
  )

  it.effect("reports a run that can never move instead of hanging", () =>
    Effect.gen(function* () {
      const never = yield* Deferred.make<void>()
      const exit = yield* Effect.exit(runOnVirtualClock(Deferred.await(never)))
      expect(Exit.isFailure(exit) && Cause.squash(exit.cause) instanceof InternalError).toBe(true)
    }),
  )
})
