/**
 * Effect's `Clock`, built over virtual time kept in whole microseconds. Both virtual drivers (the
 * TestClock one and the fast one) describe their clock through here, and the engine asks for
 * microseconds directly on its hot path, without BigInt arithmetic or Durations.
 */
import type * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { InternalError } from "../../errors.ts"

export interface MicrosecondClock extends Clock.Clock {
  readonly currentTimeMicrosUnsafe: () => number
  readonly sleepMicros: (micros: number) => Effect.Effect<void>
}

export const isMicrosecondClock = (clock: Clock.Clock): clock is MicrosecondClock =>
  "currentTimeMicrosUnsafe" in clock

/** A clock reading `now()` microseconds and sleeping through `sleepMicros`. */
export const makeMicrosecondClock = (
  now: () => number,
  sleepMicros: (micros: number) => Effect.Effect<void>,
): MicrosecondClock => {
  const nanos = () => BigInt(now()) * 1000n
  return {
    sleepMicros,
    currentTimeMicrosUnsafe: now,
    currentTimeMillisUnsafe: () => now() / 1000,
    currentTimeMillis: Effect.sync(() => now() / 1000),
    currentTimeNanosUnsafe: nanos,
    currentTimeNanos: Effect.sync(nanos),
    monotonicTimeNanosUnsafe: nanos,
    monotonicTimeNanos: Effect.sync(nanos),
    sleep: (duration) => sleepMicros(Math.round(Duration.toMicros(duration))),
  }
}

/** What a virtual driver reports when every actor waits and no time is pending: a bug in a program. */
export const stalledRun = (): InternalError =>
  new InternalError({ message: "the run stalled: every actor waits and no time is pending" })
