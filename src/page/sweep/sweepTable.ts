/**
 * The table of figures (`data-role="figures"`): a line per configuration, in the result's order,
 * with each metric's mean ± half-width spelled as the terminal table spells it (its min and max in
 * the cell's tooltip) and, after a target's metric, the target's verdict by shape and word. Each
 * line gives its configuration's offered load per consumer, an unstable one marked and explained.
 */

import { loadText, perWorkerText, stageLoadsText } from "../../core/scenario/loadText.ts"
import { formatEstimate, formatValue, loadNote, unstableNote } from "../../core/sweep/figures.ts"
import type { SweepPageDocument } from "../../core/sweep/sweepDocument.ts"
import { append, html } from "../shared/dom.ts"
import { boundText, describeMetric, verdictMarks } from "./metricChart.ts"

export const sweepTable = (document: SweepPageDocument, metrics: ReadonlyArray<string>): HTMLElement => {
  const { result } = document
  const parameters = document.varied.map(({ name }) => name)
  const targetsOf = (metric: string) => document.targets.filter((target) => target.metric === metric)
  const unitOf = (metric: string) => document.metrics.find(({ name }) => name === metric)?.unit ?? ""
  const table = html("table", { class: "figures", "data-role": "figures" })
  table.appendChild(
    html(
      "caption",
      {},
      `Figures: mean ± ${Math.round(result.confidence * 100)}% half-width over ${result.replications} replications (the --json result; min and max in each cell's tooltip)`,
    ),
  )
  const pipeline = result.rows.some((row) => row.load.stages !== undefined)
  const head = html("tr")
  for (const name of parameters) head.appendChild(html("th", { scope: "col", class: "parameter" }, name))
  head.appendChild(
    html(
      "th",
      {
        scope: "col",
        title: pipeline
          ? loadNote(true).replace(/^load: /, "")
          : "offered load per consumer: arrival rate x mean service time / consumers",
      },
      "load",
    ),
  )
  for (const metric of metrics) {
    head.appendChild(html("th", { scope: "col", title: describeMetric(metric, unitOf(metric)) }, metric))
    for (const target of targetsOf(metric)) {
      head.appendChild(
        html("th", { scope: "col", class: "verdict", title: target.target }, boundText(target)),
      )
    }
  }
  table.appendChild(append(html("thead"), head))
  const body = html("tbody")
  let missing = false
  result.rows.forEach((row, index) => {
    const line = html("tr", { "data-row": index })
    for (const name of parameters) {
      line.appendChild(html("td", { class: "parameter" }, formatValue(row.parameters[name] ?? null)))
    }
    line.appendChild(
      html(
        "td",
        {
          class: row.load.unstable ? "load unstable" : "load",
          title: row.load.stages === undefined ? loadText(row.load) : stageLoadsText(row.load.stages),
        },
        `${perWorkerText(row.load)}${row.load.stage === undefined ? "" : ` ${row.load.stage}`}${row.load.unstable ? " ! unstable" : ""}`,
      ),
    )
    for (const metric of metrics) {
      const summary = row.metrics[metric]
      missing ||= summary?.missing !== undefined
      line.appendChild(
        html(
          "td",
          {
            class: "figure",
            title:
              summary === undefined
                ? undefined
                : `min ${summary.min ?? "-"}, max ${summary.max ?? "-"}${summary.missing === undefined ? "" : `, ${summary.missing} replications without a value`}`,
          },
          summary === undefined ? "-" : formatEstimate(summary),
        ),
      )
      for (const target of targetsOf(metric)) {
        const outcome = row.targets.find((candidate) => candidate.target === target.target)
        const cell = html("td", { class: `verdict ${outcome?.verdict ?? ""}` })
        if (outcome !== undefined) {
          const { symbol, word } = verdictMarks[outcome.verdict]
          const more = outcome.moreReplications ?? undefined
          append(cell, html("span", { class: "symbol", "aria-hidden": "true" }, symbol))
          cell.append(` ${word}${more === undefined ? "" : ` (+${more})`}`)
        }
        line.appendChild(cell)
      }
    }
    body.appendChild(line)
  })
  table.appendChild(body)
  const section = append(html("section", { class: "figures-box" }), table)
  if (result.rows.some((row) => row.load.unstable)) {
    section.appendChild(
      html("p", { class: "note", "data-role": "unstable" }, `! ${unstableNote(result.scenario, pipeline)}`),
    )
  }
  if (missing) {
    section.appendChild(
      html(
        "p",
        { class: "note" },
        "* some replications had no value (nothing counted after the warm-up); the others are shown",
      ),
    )
  }
  return section
}
