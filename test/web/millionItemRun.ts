/**
 * The lecture's async scenario at 2 x 500,000 items (the bench's largest run), on the fast virtual
 * clock, streamed through the page-data sink and the statistics fold without keeping its events.
 */
import * as Effect from "effect/Effect"
import { runScenario } from "../../src/engine/engine.ts"
import { runOnFastVirtualClock } from "../../src/engine/virtualDriver.ts"
import { StatisticsFold } from "../../src/stats/statistics.ts"
import { makePageDataSink } from "../../src/web/pageDataSink.ts"
import type { PageRun } from "../../src/web/pageRun.ts"
import { resolveOrThrow } from "../support/runs.ts"
import { headerOf } from "./pageRuns.ts"

export const millionItemScenario = { mode: "async", items: 500_000 } as const

export const foldMillionItemRun = (): Promise<PageRun> => {
  const scenario = resolveOrThrow(millionItemScenario)
  const header = headerOf(millionItemScenario)
  const page = makePageDataSink()
  const statistics = new StatisticsFold()
  page.start(header)
  const program = Effect.gen(function* () {
    const end = yield* runOnFastVirtualClock(
      runScenario(scenario, {
        event: (event) => {
          page.event(event)
          statistics.add(event)
        },
        end: () => {},
      }),
    )
    const data = yield* page.end(end)
    return {
      header,
      end,
      data,
      statistics: statistics.finish(end, {
        mode: header.mode,
        seed: header.seed,
        consumers: scenario.consumers,
      }),
    }
  })
  return Effect.runPromise(program)
}
