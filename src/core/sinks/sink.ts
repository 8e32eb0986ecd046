/**
 * A run sink is anything that consumes a run as it happens: the recording writer, the terminal
 * view, the statistics fold, the progress line, the page and the trace. Every sink has the same
 * life cycle: `start` with the run's header and its context, `event` for each event in order, then
 * `end`, which answers the sink's result, or `abort` when the run failed before it could end (a
 * sink then drops whatever it had started, such as a temporary file). `fanOut` makes one sink of
 * several. (Named apart from Effect's own `Sink` module, which is a different thing.)
 *
 * Sinks never read one another. What one needs beyond the event (this pick-up's latency, how the
 * window opened, the final figures) it reads from the run's context, which the run answers from
 * its own statistics fold, fed each event before any sink (runSinks.ts).
 */
import * as Effect from "effect/Effect"
import type { RunEnd, RunHeader, SimEvent } from "../engine/events.ts"
import type { Statistics } from "../stats/schema.ts"

/** What the queue and the consumers held at a moment. */
export interface Snapshot {
  readonly queueDepth: number
  /**
   * What each worker holds; `heldFor` names the stage whose full queue keeps a pipeline's worker
   * holding its finished item.
   */
  readonly inProcess: ReadonlyMap<
    string,
    { readonly item: number; readonly value: number | undefined; readonly heldFor?: string }
  >
  /** A pipeline's queues, stage by stage (`queueDepth` is their sum); absent for the single queue. */
  readonly queues?: ReadonlyArray<{ readonly stage: string; readonly depth: number }>
}

/** What every sink may read of the run, besides its events. Read-only. */
export interface RunContext {
  /** The latency of a pick-up (a `dequeued` event) in microseconds: what the course's cyan line prints. */
  readonly latencyOf: (event: SimEvent) => number | undefined
  /** What the queue and the consumers held when the window opened (before its first event). */
  readonly windowStart: () => Snapshot
  /** Items produced so far, counted from the run's start whatever the window. */
  readonly producedSoFar: () => number
  /** The run's figures; answered once the run has ended (from a sink's `end` on). */
  readonly statistics: () => Statistics
}

export interface RunSink<out Result = void, out Error = never> {
  /** Called once, before any event. */
  readonly start: (header: RunHeader, context: RunContext) => void
  /**
   * Called for every event, in order. Synchronous and cheap: it runs millions of times. A run and a
   * replay give the index of the event's actor in the run's roster (actorRoster.ts) too; a feeder
   * that does not leaves it out, and a sink that needs the actor then finds it by name.
   */
  readonly event: (event: SimEvent, actor?: number) => void
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

/** What a run or a replay feeds directly: a sink that makes its own context (runSinks.ts). */
export type RunFeed<Result = void, Error = never> = Omit<RunSink<Result, Error>, "start"> & {
  readonly start: (header: RunHeader) => void
}

// biome-ignore lint/suspicious/noExplicitAny: the bound of a heterogeneous record of sinks.
type AnySink = RunSink<any, any>
export type ResultOf<S> = S extends RunSink<infer Result, infer _Error> ? Result : never
export type ErrorOf<S> = S extends RunSink<infer _Result, infer Error> ? Error : never

/** A sink that only watches events; its result is nothing. */
export const eventSink = (onEvent: (event: SimEvent) => void): RunSink => ({
  start: () => {},
  event: onEvent,
  end: () => Effect.void,
  abort: () => Effect.void,
})

/**
 * One sink that hands everything to each of `sinks`. Its result holds each one's result under the
 * same name. If one fails to end, the ones after it are aborted and the failure is the result.
 */
export const fanOut = <const Sinks extends Readonly<Record<string, AnySink>>>(
  sinks: Sinks,
): RunSink<{ readonly [Name in keyof Sinks]: ResultOf<Sinks[Name]> }, ErrorOf<Sinks[keyof Sinks]>> => {
  const names = Object.keys(sinks) as Array<keyof Sinks & string>
  const list: ReadonlyArray<AnySink> = names.map((name) => sinks[name] as AnySink)
  const count = list.length
  const draining = list.filter(
    (sink): sink is AnySink & { drain: () => Effect.Effect<void> } => sink.drain !== undefined,
  )
  return {
    start: (header, context) => {
      for (const sink of list) sink.start(header, context)
    },
    event: (event, actor) => {
      for (let index = 0; index < count; index++) (list[index] as AnySink).event(event, actor)
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
