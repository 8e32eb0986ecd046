/**
 * A run's sinks as a run feeds them: the run's own statistics fold first, then every other sink,
 * each started with the read-only context that fold answers (this pick-up's latency, the window's
 * opening state, the final figures). `simulate`, `--compare`, `replay` and the sweep's runs all
 * feed their sinks through here, so the figures a sink reads are the fold's, whatever the sinks'
 * order.
 */
import * as Effect from "effect/Effect"
import type { RunEnd, SimEvent } from "../engine/events.ts"
import type { Statistics } from "../stats/schema.ts"
import { StatisticsFold, type TimeWindow } from "../stats/statistics.ts"
import { type ErrorOf, fanOut, type ResultOf, type RunFeed, type RunSink } from "./sink.ts"

// biome-ignore lint/suspicious/noExplicitAny: the bound of a heterogeneous record of sinks.
export type Sinks = Readonly<Record<string, RunSink<any, any>>>

export type RunResults<S extends Sinks> = { readonly [Name in keyof S]: ResultOf<S[Name]> } & {
  readonly statistics: Statistics
}

/** One sink: a new statistics fold over `window` (the whole run by default), then `sinks`. */
export const withStatistics = <const S extends Sinks>(
  sinks: S,
  window?: TimeWindow,
): RunFeed<RunResults<S>, ErrorOf<S[keyof S]>> => {
  const statistics = new StatisticsFold(window)
  const others = fanOut(sinks)
  // Every event, to the fold and then to each sink: this runs for every event of a run. The fold
  // is called by name, so the optimizer can inline it; only the other sinks go through the list.
  const fold = statistics.event
  const receivers: ReadonlyArray<(event: SimEvent, actor?: number) => void> = Object.values(sinks).map(
    (sink) => sink.event,
  )
  const count = receivers.length
  return {
    start: (header) => {
      statistics.start(header)
      others.start(header, statistics.context)
    },
    event: (event, actor) => {
      fold(event, actor)
      for (let index = 0; index < count; index++)
        (receivers[index] as (event: SimEvent, actor?: number) => void)(event, actor)
    },
    end: (end: RunEnd) =>
      Effect.gen(function* () {
        const figures = statistics.finish(end)
        const results = yield* others.end(end)
        return { ...results, statistics: figures } as RunResults<S>
      }),
    abort: others.abort,
    ...(others.drain === undefined ? {} : { drain: others.drain }),
  }
}
