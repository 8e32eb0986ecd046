import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import { StopRequests } from "../../src/run/stopRequests.ts"

describe("stop requests", () => {
  it.effect("stop a command that listens, once; repeats are the same request", () =>
    Effect.gen(function* () {
      const stops = new StopRequests()
      const listener = yield* Effect.forkChild(stops.requested, { startImmediately: true })
      expect(stops.receive("SIGINT")).toBe("stop")
      yield* Fiber.join(listener)
      // npm forwards the terminal's Ctrl-C: the second SIGINT is no new request.
      expect(stops.receive("SIGINT")).toBe("ignore")
      expect(stops.receive("SIGTERM")).toBe("ignore")
      expect(stops.signal).toBe("SIGINT")
    }),
  )

  it.effect("interrupt a command that is not listening (opening its files)", () =>
    Effect.gen(function* () {
      const stops = new StopRequests()
      const listener = yield* Effect.forkChild(stops.requested, { startImmediately: true })
      yield* Fiber.interrupt(listener)
      expect(stops.receive("SIGTERM")).toBe("interrupt")
      expect(stops.signal).toBe("SIGTERM")
      // Listening after the request: it is already there.
      yield* stops.requested
    }),
  )
})
