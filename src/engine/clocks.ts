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
const microsecondClock = (testClock: TestClock.TestClock): Clock.Clock => {
  // After the final adjustment TestClock reads Infinity; report the last real instant instead.
  let lastMicros = 0
  const micros = (): number => {
    const value = testClock.currentTimeMillisUnsafe()
    if (Number.isFinite(value)) lastMicros = value
    return lastMicros
  }
  const nanos = (): bigint => BigInt(micros()) * 1000n
  return {
    currentTimeMillisUnsafe: () => micros() / 1000,
    currentTimeMillis: Effect.sync(() => micros() / 1000),
    currentTimeNanosUnsafe: nanos,
    currentTimeNanos: Effect.sync(nanos),
    monotonicTimeNanosUnsafe: nanos,
    monotonicTimeNanos: Effect.sync(nanos),
    sleep: (duration) => testClock.sleep(Duration.millis(Duration.toMicros(duration))),
  }
}

/** The virtual run would wait forever: every fiber waits on another and no time is pending. */
export class StalledRun extends Error {
  override readonly name = "StalledRun"
}

/** Runs `program` on virtual time, advancing the clock until the program is done. */
export const runOnVirtualClock = <A, E>(program: Effect.Effect<A, E>): Effect.Effect<A, E> =>
  Effect.gen(function* () {
    const testClock = yield* TestClock.testClockWith(Effect.succeed)
    const fiber = yield* program.pipe(
      Effect.provideService(Clock.Clock, microsecondClock(testClock)),
      Effect.forkChild({ startImmediately: true }),
    )
    yield* TestClock.adjust(Duration.infinity)
    const exit = fiber.pollUnsafe()
    if (exit === undefined) {
      yield* Fiber.interrupt(fiber)
      return yield* Effect.die(new StalledRun("the run stalled: every actor waits and no time is pending"))
    }
    return yield* exit
  }).pipe(Effect.provide(TestClock.layer()))
