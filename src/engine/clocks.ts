/**
 * The clock is a choice made at the edge. `virtual`: Effect's TestClock, advanced automatically
 * from one pending wake-up to the next until the run ends, so a 30-second run takes milliseconds.
 * `live`: the real clock. The program is the same in both.
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/testing/TestClock"

/**
 * TestClock keeps time as a float count of milliseconds. To keep every instant exact, one of its
 * milliseconds stands for one simulated microsecond: all its timestamps are then integers, and
 * wake-ups at the same instant compare equal and keep the order they were registered in.
 */
const microsecondClock = (testClock: TestClock.TestClock) => {
  // After the final adjustment TestClock reads Infinity; report the last real instant instead.
  let lastMicros = 0
  // Every use of the clock counts as a sign of life of the program (see runOnVirtualClock).
  let uses = 0
  const micros = (): number => {
    uses++
    const value = testClock.currentTimeMillisUnsafe()
    if (Number.isFinite(value)) lastMicros = value
    return lastMicros
  }
  const nanos = (): bigint => BigInt(micros()) * 1000n
  const clock: Clock.Clock = {
    currentTimeMillisUnsafe: () => micros() / 1000,
    currentTimeMillis: Effect.sync(() => micros() / 1000),
    currentTimeNanosUnsafe: nanos,
    currentTimeNanos: Effect.sync(nanos),
    monotonicTimeNanosUnsafe: nanos,
    monotonicTimeNanos: Effect.sync(nanos),
    sleep: (duration) => {
      uses++
      return testClock.sleep(Duration.millis(Duration.toMicros(duration)))
    },
  }
  return { clock, uses: () => uses }
}

/** One turn of the real event loop, so fibers that only yield (zero pauses) get to run. */
const nextMacrotask = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))

/** The virtual run would wait forever: every fiber waits on another and no time is pending. */
export class StalledRun extends Error {
  override readonly name = "StalledRun"
}

/** Runs `program` on virtual time, advancing the clock until the program is done. */
export const runOnVirtualClock = <A, E>(program: Effect.Effect<A, E>): Effect.Effect<A, E> =>
  Effect.gen(function* () {
    const virtual = microsecondClock(yield* TestClock.testClockWith(Effect.succeed))
    const fiber = yield* program.pipe(
      Effect.provideService(Clock.Clock, virtual.clock),
      Effect.forkChild({ startImmediately: true }),
    )
    while (true) {
      // Wakes every pending sleep in time order; returns when none is left.
      yield* TestClock.adjust(Duration.infinity)
      const usesBefore = virtual.uses()
      yield* nextMacrotask
      const exit = fiber.pollUnsafe()
      if (exit !== undefined) return yield* exit
      // Not done, yet nothing touched the clock in a whole turn of the event loop: no fiber can move.
      if (virtual.uses() === usesBefore) {
        yield* Fiber.interrupt(fiber)
        return yield* Effect.die(new StalledRun("the run stalled: every actor waits and no time is pending"))
      }
    }
  }).pipe(Effect.provide(TestClock.layer()))
