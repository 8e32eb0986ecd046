/**
 * The lecture's async scenario at 2 x 500,000 items (the bench's largest run), on the fast virtual
 * clock, streamed through the page-data sink and the statistics fold without keeping its events.
 */
import * as Effect from "effect/Effect"
import { makePageDataSink } from "../../src/core/pageData/pageDataSink.ts"
import type { PageRun } from "../../src/core/pageData/pageRun.ts"
import { runHeader, runToStatistics } from "../../src/core/run.ts"
import { resolveOrThrow } from "../support/runs.ts"

export const millionItemScenario = { mode: "async", items: 500_000 } as const

export const foldMillionItemRun = (): Promise<PageRun> => {
  const scenario = resolveOrThrow(millionItemScenario)
  return Effect.runPromise(
    Effect.map(runToStatistics(scenario, { page: makePageDataSink() }), ({ statistics, end, page }) => ({
      header: runHeader(scenario),
      end,
      data: page,
      statistics,
    })),
  )
}
