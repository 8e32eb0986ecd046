/**
 * The page-data sink that keeps each run whole for a page (header, end, data, statistics): what the
 * run page's `--html` output and the playground's worker both hand to the player.
 */
import * as Effect from "effect/Effect"
import type { RunContext, RunSink } from "../sinks/sink.ts"
import type { PageData } from "./pageData.ts"
import type { PageDataOptions } from "./pageDataSink.ts"
import type { PageRun } from "./pageRun.ts"

/** Pushes each finished run onto `runs`; `makePageDataSink` is passed in so a caller can load it on demand. */
export const pageRunSink = (
  runs: Array<PageRun>,
  makePageDataSink: (options?: PageDataOptions) => RunSink<PageData>,
): RunSink<unknown> => {
  const data = makePageDataSink()
  let header: PageRun["header"] | undefined
  let run: RunContext | undefined
  return {
    start: (runHeader, context) => {
      header = runHeader
      run = context
      data.start(runHeader, context)
    },
    event: data.event,
    end: (end) =>
      Effect.map(data.end(end), (page) => {
        if (header !== undefined && run !== undefined)
          runs.push({ header, end, data: page, statistics: run.statistics() })
      }),
    abort: data.abort,
  }
}
