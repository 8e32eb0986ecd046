/** The statistics table (`data-role="statistics"`): the run's statistics object, figure by figure, exactly. */
import type { PageRun } from "../../core/pageData/pageRun.ts"
import { append, html } from "../shared/dom.ts"
import { formatCount } from "./format.ts"
import { statisticsRows } from "./statisticsRows.ts"

export const statisticsTable = (run: PageRun): HTMLTableElement => {
  const table = html("table", { class: "statistics", "data-role": "statistics" })
  // The page keeps only the least and the most busy of many consumers (pageStatistics.ts): say so.
  const listed = Object.keys(run.statistics.utilization.byConsumer).length
  const consumers = run.header.scenario.consumers
  const cut =
    listed < consumers
      ? `; of the ${formatCount(consumers)} consumers' utilization, the least and the most busy`
      : ""
  table.appendChild(html("caption", {}, `Statistics (the --json object of this run${cut})`))
  const body = html("tbody")
  const rows = statisticsRows(run.statistics)
  for (const row of rows) {
    append(
      body,
      append(
        html("tr", { "data-path": row.path }),
        html("th", { scope: "row" }, row.path),
        html("td", { class: "value" }, row.value),
        html("td", { class: "unit" }, row.unit),
      ),
    )
  }
  // The names column fits the longest name (monospace: about 0.61em a character), so that one such
  // as utilization.byConsumer.consumer-12 stays on its line instead of running into its value (set
  // through the CSSOM, which the page's policy allows).
  const longest = Math.max(0, ...rows.map((row) => row.path.length))
  table.style.setProperty("--names-width", `calc(${longest} * 0.61em + 12px)`)
  return append(table, body)
}
