/** The statistics table (`data-role="statistics"`): the run's statistics object, figure by figure, exactly. */
import type { PageRun } from "../pageRun.ts"
import { statisticsRows } from "../view/statisticsRows.ts"
import { append, html } from "./dom.ts"

export const statisticsTable = (run: PageRun): HTMLTableElement => {
  const table = html("table", { class: "statistics", "data-role": "statistics" })
  table.appendChild(html("caption", {}, "Statistics (the --json object of this run)"))
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
