/**
 * One metric's chart (`data-role="chart"`, `data-metric`): each configuration's mean with its
 * confidence bar, side by side per series and joined by a line when the axis has an order, and each
 * target as a line at its bound; under the axis, the targets' verdicts (verdictStrips.ts). Plain
 * SVG, drawn to the width its box has (and again when the window is resized); every string goes in
 * as text.
 */

import { formatEstimate, formatValue } from "../../core/sweep/figures.ts"
import type { SweepPageDocument } from "../../core/sweep/sweepDocument.ts"
import { append, html, svg } from "../shared/dom.ts"
import { type ChartPoint, type MetricChart, verdictMarks } from "./metricChart.ts"
import { type Placement, placement, type SweepLayout } from "./sweepLayout.ts"
import { confidenceBar, seriesClass, seriesDash, verdictShape } from "./sweepMarks.ts"
import { fitted, stripsHeight, verdictStrips } from "./verdictStrips.ts"

export const chartMargins = { left: 62, right: 20, top: 10 } as const
const plotHeight = 220
/** Tick labels and the axis' name under the plot. */
const axisRoom = 40
const narrowest = 420

/** `consumers=4 capacity=20`, or "the scenario" when nothing was varied. */
export const rowName = (document: SweepPageDocument, row: number, separator = " "): string => {
  const entries = Object.entries(document.result.rows[row]?.parameters ?? {})
  return entries.length === 0
    ? "the scenario"
    : entries.map(([name, value]) => `${name}=${formatValue(value)}`).join(separator)
}

/** "consumers=4, capacity=20: latency.p99 0.390 ± 0.090 (min 0.301, max 0.523), target met". */
const pointTitle = (document: SweepPageDocument, chart: MetricChart, point: ChartPoint): string => {
  const summary = document.result.rows[point.row]?.metrics[chart.metric]
  const figures =
    summary === undefined ? "" : ` ${formatEstimate(summary)} (min ${summary.min}, max ${summary.max})`
  const verdict = point.verdict === undefined ? "" : `, target ${verdictMarks[point.verdict].word}`
  return `${rowName(document, point.row, ", ")}: ${chart.metric}${figures}${verdict}`
}

interface Plot {
  readonly root: SVGSVGElement
  readonly place: Placement
  readonly y: (value: number) => number
  readonly right: number
}

const drawAxes = ({ root, place, y, right }: Plot, chart: MetricChart, layout: SweepLayout): void => {
  const { left, top } = chartMargins
  const bottom = top + plotHeight
  root.appendChild(
    svg("rect", { class: "plot-bg", x: left, y: top, width: right - left, height: plotHeight }),
  )
  for (const tick of chart.axis.ticks) {
    const at = y(tick)
    append(
      root,
      svg("line", { class: "grid", x1: left, x2: right, y1: at, y2: at }),
      svg("text", { class: "tick", x: left - 6, y: at + 3.5, "text-anchor": "end" }, chart.axis.format(tick)),
    )
  }
  root.appendChild(svg("line", { class: "axis-line", x1: left, x2: right, y1: bottom, y2: bottom }))
  layout.values.forEach((value, index) => {
    const shown = fitted(value.label, place.slot - 4)
    const label = svg(
      "text",
      { class: "tick value", x: place.valueX(index), y: bottom + 15, "text-anchor": "middle" },
      shown,
    )
    if (shown !== value.label) label.appendChild(svg("title", {}, value.label))
    root.appendChild(label)
  })
  if (layout.parameter !== undefined) {
    const middle = left + (right - left) / 2
    root.appendChild(
      svg(
        "text",
        { class: "axis-title", x: middle, y: bottom + 33, "text-anchor": "middle" },
        layout.parameter,
      ),
    )
  }
}

/**
 * Where a target's label goes: at the right or left end of its line, above or below it, the first
 * of those that no point's bar crosses (or the one fewest do).
 */
const targetLabel = ({ place, y, right }: Plot, chart: MetricChart, at: number, text: string) => {
  const width = text.length * 6.5 + 8
  const candidates = [
    { x: right - 4, anchor: "end", from: right - width, below: false },
    { x: chartMargins.left + 4, anchor: "start", from: chartMargins.left, below: false },
    { x: right - 4, anchor: "end", from: right - width, below: true },
    { x: chartMargins.left + 4, anchor: "start", from: chartMargins.left, below: true },
  ] as const
  const crossings = candidates.map(({ from, below }) => {
    const [top, bottom] = below ? [at + 1, at + 16] : [at - 16, at - 1]
    return chart.points.filter((point) => {
      const x = place.x(point.place)
      const high = y(point.interval?.high ?? point.mean) - 5
      const low = y(point.interval?.low ?? point.mean) + 5
      return x >= from - 5 && x <= from + width + 5 && high <= bottom && low >= top
    }).length
  })
  const best = candidates[crossings.indexOf(Math.min(...crossings))] ?? candidates[0]
  return svg(
    "text",
    { class: "target-label", x: best.x, y: best.below ? at + 13 : at - 4, "text-anchor": best.anchor },
    text,
  )
}

const drawTargets = (plot: Plot, chart: MetricChart): void => {
  for (const strip of chart.strips) {
    const at = plot.y(strip.target.bound)
    append(
      plot.root,
      svg("line", { class: "target-line", x1: chartMargins.left, x2: plot.right, y1: at, y2: at }),
      targetLabel(plot, chart, at, `target ${strip.bound}`),
    )
  }
}

const drawSeriesLines = ({ root, place, y }: Plot, chart: MetricChart, layout: SweepLayout): void => {
  if (!layout.joined) return
  layout.series.forEach((_, series) => {
    const points = chart.points
      .filter((point) => point.place.series === series)
      .sort((a, b) => a.place.value - b.place.value)
    if (points.length < 2) return
    const d = points
      .map(
        (point, index) =>
          `${index === 0 ? "M" : "L"}${place.x(point.place).toFixed(1)} ${y(point.mean).toFixed(1)}`,
      )
      .join("")
    root.appendChild(
      svg("path", { class: `series-line ${seriesClass(series)}`, d, "stroke-dasharray": seriesDash(series) }),
    )
  })
}

const drawPoints = ({ root, place, y }: Plot, chart: MetricChart, document: SweepPageDocument): void => {
  const outside = (value: number) => chart.axis.fraction(value) < 0 || chart.axis.fraction(value) > 1
  for (const point of chart.points) {
    const x = place.x(point.place)
    const { series } = point.place
    const group = svg("g", { class: "point", "data-row": point.row, "data-series": series })
    group.appendChild(svg("title", {}, pointTitle(document, chart, point)))
    if (point.interval !== undefined) {
      const { low, high } = point.interval
      const bar = { top: y(high), bottom: y(low), cutTop: outside(high), cutBottom: outside(low) }
      group.appendChild(confidenceBar(x, bar, series))
    }
    const at = y(point.mean)
    group.appendChild(
      point.verdict === undefined
        ? svg("circle", { class: `mean ${seriesClass(series)}`, cx: x.toFixed(1), cy: at.toFixed(1), r: 3.5 })
        : verdictShape(point.verdict, x, at, 9),
    )
    root.appendChild(group)
  }
}

export interface ChartFigure {
  readonly element: HTMLElement
  /** Draws the chart to the width its box has now. */
  readonly draw: () => void
}

export const chartFigure = (
  document: SweepPageDocument,
  layout: SweepLayout,
  chart: MetricChart,
): ChartFigure => {
  const box = html("div", { class: "chart-box" })
  const caption = `${chart.description}${chart.axis.scale === "log" ? " (log scale: the values span orders of magnitude)" : ""}`
  const element = append(
    html("figure", { class: "chart", "data-role": "chart", "data-metric": chart.metric }),
    append(html("figcaption"), html("h2", {}, chart.metric), html("p", {}, caption)),
    box,
  )
  if (chart.noValue.length > 0) {
    const names = chart.noValue.map((row) => rowName(document, row)).join("; ")
    element.appendChild(
      html("p", { class: "no-value" }, `No value (no replication counted one after the warm-up): ${names}`),
    )
  }
  const draw = () => {
    const width = Math.max(narrowest, box.clientWidth)
    const stripsTop = chartMargins.top + plotHeight + axisRoom
    const height = stripsTop + stripsHeight(chart, layout) + 4
    const root = svg("svg", {
      class: "sweep-chart",
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: "img",
    })
    root.appendChild(svg("title", {}, `${chart.metric} against ${layout.parameter ?? "the scenario"}`))
    const right = width - chartMargins.right
    const plot: Plot = {
      root,
      place: placement(layout, chartMargins.left, right - chartMargins.left),
      y: (value) =>
        chartMargins.top + plotHeight * (1 - Math.min(1, Math.max(0, chart.axis.fraction(value)))),
      right,
    }
    drawAxes(plot, chart, layout)
    drawTargets(plot, chart)
    drawSeriesLines(plot, chart, layout)
    drawPoints(plot, chart, document)
    verdictStrips(root, chart, layout, plot.place, stripsTop)
    box.replaceChildren(root)
  }
  return { element, draw }
}
