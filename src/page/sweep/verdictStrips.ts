/**
 * Under a chart's axis, each target's verdicts: a row per series, a cell under each value with the
 * verdict's shape and word ("✕ missed", "◇ undecided (+4)") in its colour. Where the values stand
 * too close for words, the cells show the shape alone and the word is in their tooltip (and in the
 * table of figures).
 */
import { formatValue } from "../../core/sweep/figures.ts"
import { append, svg } from "../shared/dom.ts"
import { type MetricChart, verdictWord, verdictWordsFit } from "./metricChart.ts"
import type { Placement, SweepLayout } from "./sweepLayout.ts"
import { seriesClass, seriesDash, verdictShape } from "./sweepMarks.ts"

const headHeight = 18
const rowHeight = 18

export const stripsHeight = (chart: MetricChart, layout: SweepLayout): number =>
  chart.strips.length * (headHeight + layout.series.length * rowHeight)

/** At most `room` pixels of text (about 6.2 per character), cut with an ellipsis. */
export const fitted = (text: string, room: number): string => {
  const most = Math.max(3, Math.floor(room / 6.2))
  return text.length <= most ? text : `${text.slice(0, most - 1)}…`
}

export const verdictStrips = (
  root: SVGSVGElement,
  chart: MetricChart,
  layout: SweepLayout,
  place: Placement,
  top: number,
): void => {
  const words = verdictWordsFit(chart, place.slot)
  const several = layout.series.length > 1
  // The series' names stand left of the first value's cell.
  const labelRoom = place.valueX(0) - (words ? 28 : 10) - 38
  let rowTop = top
  for (const strip of chart.strips) {
    const by = several ? `, by ${layout.seriesParameters.join(", ")}` : ""
    root.appendChild(
      svg(
        "text",
        { class: "strip-head", x: 4, y: rowTop + 12 },
        `Verdicts, ${strip.target.metric} ${strip.bound}${by}:`,
      ),
    )
    rowTop += headHeight
    layout.series.forEach((series, index) => {
      const middle = rowTop + rowHeight / 2
      if (several) {
        const name = series.values.map(formatValue).join(", ")
        const shown = fitted(name, labelRoom)
        const label = svg("text", { class: "strip-series-label", x: 38, y: middle + 3.5 }, shown)
        if (shown !== name) label.appendChild(svg("title", {}, series.label))
        append(
          root,
          svg("line", {
            class: `series-line ${seriesClass(index)}`,
            x1: 6,
            x2: 32,
            y1: middle,
            y2: middle,
            "stroke-dasharray": seriesDash(index),
          }),
          label,
        )
      }
      for (const cell of strip.cells.filter((candidate) => candidate.place.series === index)) {
        const x = place.valueX(cell.place.value)
        const word = verdictWord(cell)
        const group = svg("g", { class: `verdict-cell ${cell.verdict}`, "data-row": cell.row })
        group.appendChild(svg("title", {}, `${series.label === "" ? "" : `${series.label}: `}${word}`))
        group.appendChild(verdictShape(cell.verdict, words ? x - 20 : x, middle, 8))
        if (words) {
          group.appendChild(
            svg("text", { class: `verdict-word ${cell.verdict}`, x: x - 12, y: middle + 3.5 }, word),
          )
        }
        root.appendChild(group)
      }
      rowTop += rowHeight
    })
  }
}
