/**
 * A sink is anything that consumes a run as it happens: the recording writer, the terminal view, the
 * statistics fold, the progress line, the page and the trace. Every sink has the same life cycle:
 * `start` with the run's header, `event` for each event in order, then `end`, which answers the
 * sink's result, or `abort` when the run failed before it could end (a sink then drops whatever it
 * had started, such as a temporary file). `fanOut` makes one sink of several.
 */
import * as Effect from "effect/Effect"
import type { RunEnd, RunHeader, SimEvent } from "../engine/events.ts"

export interface Sink<out Result = void, out Error = never> {
  /** Called once, before any event. */
  readonly start: (header: RunHeader) => void
  /** Called for every event, in order. Synchronous and cheap: it runs millions of times. */
  readonly event: (event: SimEvent) => void
  /** Called once, after the last event: finish and answer the result. */
  readonly end: (end: RunEnd) => Effect.Effect<Result, Error>
  /** Called instead of `end` when the run failed or was abandoned: leave nothing half-done behind. */
  readonly abort: () => Effect.Effect<void>
  /**
   * Waits, if need be, until what the sink holds is out (a compressing writer's backlog). A
   * virtual run calls it between its slices, so a sink slower than the run holds it back.
   */
  readonly drain?: () => Effect.Effect<void>
}

// biome-ignore lint/suspicious/noExplicitAny: the bound of a heterogeneous record of sinks.
type AnySink = Sink<any, any>
export type ResultOf<S> = S extends Sink<infer Result, infer _Error> ? Result : never
export type ErrorOf<S> = S extends Sink<infer _Result, infer Error> ? Error : never

/** A sink that only watches events; its result is nothing. */
export const eventSink = (onEvent: (event: SimEvent) => void): Sink => ({
  start: () => {},
  event: onEvent,
  end: () => Effect.void,
  abort: () => Effect.void,
})

/**
 * One sink that hands everything to each of `sinks`, in the order they are listed (a sink that reads
 * another, as the terminal view reads the statistics fold, is listed after it). Its result holds each
 * one's result under the same name. If one fails to end, the ones after it are aborted and the
 * failure is the result.
 */
export const fanOut = <const Sinks extends Readonly<Record<string, AnySink>>>(
  sinks: Sinks,
): Sink<{ readonly [Name in keyof Sinks]: ResultOf<Sinks[Name]> }, ErrorOf<Sinks[keyof Sinks]>> => {
  const names = Object.keys(sinks) as Array<keyof Sinks & string>
  const list: ReadonlyArray<AnySink> = names.map((name) => sinks[name] as AnySink)
  const count = list.length
  const draining = list.filter(
    (sink): sink is AnySink & { drain: () => Effect.Effect<void> } => sink.drain !== undefined,
  )
  return {
    start: (header) => {
      for (const sink of list) sink.start(header)
    },
    event: (event) => {
      for (let index = 0; index < count; index++) (list[index] as AnySink).event(event)
    },
    end: (end) =>
      Effect.gen(function* () {
        const results: Record<string, unknown> = {}
        for (let index = 0; index < count; index++) {
          const name = names[index] as string
          results[name] = yield* (list[index] as AnySink)
            .end(end)
            .pipe(
              Effect.onError(() =>
                Effect.forEach(list.slice(index + 1), (sink) => sink.abort(), { discard: true }),
              ),
            )
        }
        return results as { readonly [Name in keyof Sinks]: ResultOf<Sinks[Name]> }
      }),
    abort: () => Effect.forEach(list, (sink) => sink.abort(), { discard: true }),
    drain: () => Effect.forEach(draining, (sink) => sink.drain(), { discard: true }),
  }
}
