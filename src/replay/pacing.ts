/**
 * Playing a recording at its own pace, like a terminal-session player: each pause between events is
 * the recorded one divided by the speed, and never longer than `--max-idle`. The pauses are Effect
 * sleeps, so tests drive them with TestClock.
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"

export interface Pacing {
  /** 1 plays as it happened, 2 twice as fast. */
  readonly speed: number
  readonly maxIdleMicros: number | undefined
}

/** The slowest pace: one recorded microsecond a second (slower ones would wait for ever, or overflow). */
export const slowestSpeed = 1e-6

/** How long to wait, in whole microseconds, for a recorded gap. */
export const pauseFor = (gapMicros: number, pacing: Pacing): number =>
  Math.round(Math.min(gapMicros / pacing.speed, pacing.maxIdleMicros ?? Number.POSITIVE_INFINITY))

/** Waits until the recorded instant `at`, counted from the previous one. */
export const waitUntil = (previousAt: number, at: number, pacing: Pacing): Effect.Effect<void> => {
  const pause = pauseFor(at - previousAt, pacing)
  return pause > 0 ? Effect.sleep(Duration.micros(BigInt(pause))) : Effect.void
}
