/**
 * Plays a recording into a sink: at once, or at its recorded pace like a terminal-session player
 * (only the window's events wait for their moment; those before it are folded in at once). A stop
 * request (Ctrl-C) ends the playing where it stands: the sink is then aborted.
 */
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Stream from "effect/Stream"
import type { RunEnd, SimEvent } from "../core/engine/events.ts"
import type { RunFeed } from "../core/sinks/sink.ts"
import { type TimeWindow, wholeRun } from "../core/stats/statistics.ts"
import type { BadInputFile } from "../errors.ts"
import type { OpenedRecording } from "../recording/reader.ts"
import { type Pacing, waitUntil } from "./pacing.ts"

export interface PlayOptions<WindowAfterEnd = never> {
  /** Play at the recorded pace; at once when absent. */
  readonly pacing?: Pacing | undefined
  readonly window?: TimeWindow | undefined
  /** Completes to stop playing. */
  readonly stop?: Effect.Effect<void> | undefined
  /** The failure when the window starts after the run's end: checked before the sink ends, which then shows nothing. */
  readonly windowAfterEnd?: ((end: RunEnd) => WindowAfterEnd) | undefined
}

export type Played<R> = { readonly stopped: false; readonly result: R } | { readonly stopped: true }

export const playRecording = <R, E, WindowAfterEnd = never>(
  recording: OpenedRecording,
  sink: RunFeed<R, E>,
  options: PlayOptions<WindowAfterEnd> = {},
): Effect.Effect<Played<R>, E | BadInputFile | WindowAfterEnd> => {
  const window = options.window ?? wholeRun
  const pacing = options.pacing
  const events =
    pacing === undefined
      ? Stream.runForEach(recording.batches, ({ events, actors }) =>
          Effect.sync(() => {
            for (let index = 0; index < events.length; index++)
              sink.event(events[index] as SimEvent, actors[index])
          }),
        )
      : Effect.gen(function* () {
          let previousAt = window.fromMicros
          yield* Stream.runForEach(recording.batches, ({ events, actors }) =>
            Effect.forEach(
              events,
              (event, index): Effect.Effect<void> => {
                const actor = actors[index]
                if (event.at < window.fromMicros || event.at > window.untilMicros)
                  return Effect.sync(() => sink.event(event, actor))
                const waited = waitUntil(previousAt, event.at, pacing)
                previousAt = event.at
                return Effect.andThen(
                  waited,
                  Effect.sync(() => sink.event(event, actor)),
                )
              },
              { discard: true },
            ),
          )
          const end = yield* recording.end
          yield* waitUntil(previousAt, Math.max(previousAt, Math.min(window.untilMicros, end.at)), pacing)
        })
  const play: Effect.Effect<Played<R>, E | BadInputFile | WindowAfterEnd> = Effect.gen(function* () {
    sink.start(recording.header)
    yield* events
    const end = yield* recording.end
    if (options.windowAfterEnd !== undefined && window.fromMicros > end.at)
      return yield* Effect.fail(options.windowAfterEnd(end))
    const result = yield* sink.end(end)
    return { stopped: false as const, result }
  }).pipe(Effect.onExit((exit) => (Exit.isSuccess(exit) ? Effect.void : sink.abort())))
  if (options.stop === undefined) return play
  const stopped: Effect.Effect<Played<R>> = Effect.as(options.stop, { stopped: true as const })
  // The loser of the race is interrupted, which aborts the sink.
  return Effect.raceFirst(play, stopped)
}
