/**
 * The latency histogram (creation to pick-up) from the page data's bins, with p50, p90 and p99 of
 * the statistics object marked (each with its own line style and label, not colour alone). Runs
 * compared on one page can share its scales, so that equal bars mean equal counts and waits.
 */
import type { PageRun } from "../../core/pageData/pageRun.ts"
import { svg } from "../shared/dom.ts"
import { formatSecondsExact, formatSecondsFor, formatSecondsShort } from "./format.ts"
import { axisTicks } from "./timeView.ts"

const width = 360
const height = 170
const left = 40
const right = 14
const top = 68
const bottom = 24

/** How far the waits axis reaches (microseconds) and the count at the top of the bars. */
export interface HistogramScale {
  readonly span: number
  readonly most: number
}

/** The scale that fits this run's histogram alone. */
export const histogramScale = (run: PageRun): HistogramScale => {
  const { counts, width: binWidth } = run.data.latencyHistogram
  // At least a millisecond wide: when every item waited 0 s (consumers to spare), an axis of one
  // microsecond had ticks nobody could read.
  const span = Math.max(
    binWidth * counts.length,
    Math.round((run.statistics.latency.max ?? 0) * 1e6) + 1,
    1_000,
  )
  return { span, most: Math.max(1, ...counts) }
}

/** One scale that fits every run's histogram. */
export const sharedHistogramScale = (scales: ReadonlyArray<HistogramScale>): HistogramScale => ({
  span: Math.max(1_000, ...scales.map((scale) => scale.span)),
  most: Math.max(1, ...scales.map((scale) => scale.most)),
})

export const histogramChart = (run: PageRun, scale: HistogramScale = histogramScale(run)): SVGSVGElement => {
  const { counts, width: binWidth } = run.data.latencyHistogram
  const latency = run.statistics.latency
  const root = svg("svg", {
    class: "histogram",
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
  })
  root.appendChild(svg("title", {}, "Latency histogram"))
  root.appendChild(
    svg(
      "text",
      { x: 0, y: 12, class: "chart-title" },
      `Latency (creation → pick-up) of ${latency.count} items`,
    ),
  )
  if (latency.count === 0 || counts.length === 0) {
    root.appendChild(svg("text", { x: left, y: top + 30, class: "muted" }, "No item was picked up."))
    return root
  }
  const { span, most } = scale
  const plotWidth = width - left - right
  const plotHeight = height - top - bottom
  const x = (micros: number) => left + (micros / span) * plotWidth
  const y = (count: number) => top + plotHeight - (count / most) * plotHeight
  let path = ""
  counts.forEach((count, bin) => {
    if (count === 0) return
    const x0 = x(bin * binWidth)
    const x1 = Math.max(x0 + 3, x((bin + 1) * binWidth) - 0.5)
    path += `M${x0.toFixed(1)} ${top + plotHeight}V${y(count).toFixed(1)}H${x1.toFixed(1)}V${top + plotHeight}Z`
  })
  root.appendChild(svg("path", { d: path, class: "histogram-bar" }))
  root.appendChild(
    svg("line", {
      x1: left,
      x2: left + plotWidth,
      y1: top + plotHeight,
      y2: top + plotHeight,
      class: "axis-line",
    }),
  )
  const ticks = axisTicks({ from: 0, to: span }, plotWidth, 80)
  const step = (ticks[1] ?? span) - (ticks[0] ?? 0)
  for (const tick of ticks) {
    root.appendChild(
      svg(
        "text",
        // The last tick can sit at the plot's right end: it ends there instead of overflowing.
        { x: x(tick), y: height - 6, class: "tick", "text-anchor": x(tick) > width - 30 ? "end" : "middle" },
        formatSecondsFor(tick, step),
      ),
    )
  }
  root.appendChild(
    svg("text", { x: left - 6, y: top + 4, class: "tick", "text-anchor": "end" }, String(most)),
  )
  root.appendChild(
    svg("text", { x: left - 6, y: top + plotHeight, class: "tick", "text-anchor": "end" }, "0"),
  )
  const marks = [
    ["p50", latency.p50, "p50"],
    ["p90", latency.p90, "p90"],
    ["p99", latency.p99, "p99"],
  ] as const
  // Every line first, then every label over them (each with a halo): when two percentiles lie
  // close, a label would otherwise be crossed by its neighbour's line.
  const placed = marks.flatMap(([name, seconds, style], row) =>
    seconds === null ? [] : [{ name, seconds, style, row, at: x(seconds * 1e6) }],
  )
  for (const { style, row, at } of placed) {
    root.appendChild(
      svg("line", {
        x1: at,
        x2: at,
        y1: 22 + row * 13,
        y2: top + plotHeight,
        class: `percentile ${style}`,
      }),
    )
  }
  // Rounded beside the picture; the exact figure (the statistics table's) on hover.
  for (const { name, seconds, row, at } of placed) {
    const micros = Math.round(seconds * 1e6)
    const label = svg(
      "text",
      {
        x: at + (at > width - 120 ? -4 : 4),
        y: 32 + row * 13,
        class: "percentile-label",
        "text-anchor": at > width - 120 ? "end" : "start",
      },
      `${name} ${formatSecondsShort(micros)}`,
    )
    label.appendChild(svg("title", {}, `latency.${name} = ${formatSecondsExact(micros)}`))
    root.appendChild(label)
  }
  return root
}
