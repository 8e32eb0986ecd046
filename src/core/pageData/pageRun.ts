/**
 * What the HTML page is given for each run, and embeds as JSON: the run's header and end, the page
 * data folded from its events, and its statistics object (the `--json` one, shown as it is, never
 * recomputed). A comparison page holds several runs.
 */
import type { RunEnd, RunHeader } from "../engine/events.ts"
import type { Statistics } from "../stats/statistics.ts"
import type { PageData } from "./pageData.ts"
import { pageStatistics } from "./pageStatistics.ts"

export interface PageRun {
  readonly header: RunHeader
  readonly end: RunEnd
  readonly data: PageData
  readonly statistics: Statistics
}

export interface PageDocument {
  readonly runs: ReadonlyArray<PageRun>
}

/** What a page shows of its runs: each run as it is, its statistics with a long per-consumer list cut (pageStatistics.ts). */
export const pageDocumentOf = (runs: ReadonlyArray<PageRun>): PageDocument => ({
  runs: runs.map((run) => ({ ...run, statistics: pageStatistics(run.statistics) })),
})
