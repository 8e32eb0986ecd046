/**
 * A pipeline's figures per stage and its bottleneck, beside its timeline: the rows the terminal's
 * statistics block prints (core/render/stageRows.ts), so the page and the terminal say the
 * same. Stage names in them are escaped there, and go in as text.
 */
import type { PageRun } from "../../core/pageData/pageRun.ts"
import { stageStatisticsLines } from "../../core/render/stageRows.ts"
import { append, html } from "../shared/dom.ts"

export const stageStatistics = (run: PageRun): HTMLElement | undefined => {
  const { statistics } = run
  if (statistics.stages === undefined) return undefined
  const bottleneck = statistics.bottleneck
  return append(
    html("div", { class: "stage-statistics", "data-role": "stage-statistics" }),
    html(
      "h3",
      {},
      bottleneck === null || bottleneck === undefined
        ? "Stages (no stage served)"
        : `Stages: the bottleneck is ${bottleneck}, its workers busiest serving`,
    ),
    html("pre", {}, stageStatisticsLines(statistics).join("\n")),
  )
}
