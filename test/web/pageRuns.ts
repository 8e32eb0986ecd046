/** Runs scenarios on the fast virtual clock and folds them for the page tests: events, PageData, statistics. */
import * as Effect from "effect/Effect"
import { runScenario } from "../../src/core/engine/engine.ts"
import type { RunEnd, RunHeader, SimEvent } from "../../src/core/engine/events.ts"
import { runOnFastVirtualClock } from "../../src/core/engine/virtualDriver.ts"
import type { PageData } from "../../src/core/pageData/pageData.ts"
import { type PageDataOptions, pageFoldOf } from "../../src/core/pageData/pageDataSink.ts"
import type { PageRun } from "../../src/core/pageData/pageRun.ts"
import { makePainter } from "../../src/core/render/color.ts"
import { bufferedOutput } from "../../src/core/render/output.ts"
import { makeRunView } from "../../src/core/render/runView.ts"
import { runHeader } from "../../src/core/run.ts"
import type { ScenarioInput } from "../../src/core/scenario/scenario.ts"
import { withStatistics } from "../../src/core/sinks/runSinks.ts"
import { type Statistics, StatisticsFold } from "../../src/core/stats/statistics.ts"
import { resolveOrThrow } from "../support/runs.ts"

export interface FoldedRun {
  readonly header: RunHeader
  readonly events: ReadonlyArray<SimEvent>
  readonly end: RunEnd
  readonly data: PageData
  readonly statistics: Statistics
}

export const headerOf = (input: ScenarioInput): RunHeader => runHeader(resolveOrThrow(input))

/** Folds given events as the sinks would: the page-data fold and the statistics fold, side by side. */
export const foldEvents = (
  header: RunHeader,
  events: ReadonlyArray<SimEvent>,
  end: RunEnd,
  options: PageDataOptions = {},
): FoldedRun => {
  const page = pageFoldOf(header, options)
  const statistics = new StatisticsFold()
  statistics.start(header)
  for (const event of events) {
    page.add(event)
    statistics.event(event)
  }
  return { header, events, end, data: page.finish(end), statistics: statistics.finish(end) }
}

/** Runs a scenario, keeping its events (small runs only). */
export const foldRun = (input: ScenarioInput, options: PageDataOptions = {}): Promise<FoldedRun> => {
  const scenario = resolveOrThrow(input)
  const events: Array<SimEvent> = []
  return Effect.runPromise(runOnFastVirtualClock(runScenario(scenario, (event) => events.push(event)))).then(
    (end) => foldEvents(headerOf(input), events, end, options),
  )
}

/** The value, which the test knows is there (fails loudly if not). */
export const defined = <T>(value: T | undefined | null): T => {
  if (value === undefined || value === null) throw new Error("expected a value")
  return value
}

/** The lines the terminal view prints for `replay --until T` (T undefined: the whole run), without colour. */
export const terminalLines = (run: FoldedRun, untilMicros?: number): Array<string> => {
  let text = ""
  const window = untilMicros === undefined ? undefined : { fromMicros: 0, untilMicros }
  const view = withStatistics(
    {
      view: makeRunView({
        verbosity: "full",
        paint: makePainter(false),
        output: bufferedOutput(
          (chunk) => {
            text += chunk
          },
          { immediate: true },
        ),
        ...(window === undefined ? {} : { window }),
      }),
    },
    window,
  )
  view.start(run.header)
  for (const event of run.events) view.event(event)
  Effect.runSync(view.end(run.end))
  return (text.split("\n\nStatistics")[0] ?? "").split("\n")
}

export const pageRunOf = (run: FoldedRun): PageRun => ({
  header: run.header,
  end: run.end,
  data: run.data,
  statistics: run.statistics,
})
