/**
 * The sweep page's entry point, bundled into its HTML file: reads the sweep embedded as JSON, lays
 * out its header, legend, a chart per metric and the table of figures, draws the charts to the
 * width they get (again when the window is resized), then marks `<body data-ready="true">`.
 */
import type { SweepPageDocument } from "../../core/sweep/sweepDocument.ts"
import { append, html } from "../shared/dom.ts"
import { readEmbedded } from "../shared/embedded.ts"
import { chartOrder, metricChart } from "./metricChart.ts"
import { chartFigure } from "./sweepChart.ts"
import { sweepHeader } from "./sweepHeader.ts"
import { sweepLayout } from "./sweepLayout.ts"
import { sweepLegend } from "./sweepLegend.ts"
import { sweepTable } from "./sweepTable.ts"

const main = (): void => {
  const sweep = readEmbedded<SweepPageDocument>()
  const layout = sweepLayout(sweep.varied, sweep.result.rows)
  const metrics = chartOrder(sweep)
  document.title = `prodcon-sim sweep: ${sweep.varied.map(({ name }) => name).join(" × ") || "one scenario"}`
  const charts = metrics.map((metric) => chartFigure(sweep, layout, metricChart(sweep, layout, metric)))
  append(
    document.body,
    sweepHeader(sweep),
    sweepLegend(layout, sweep.result.confidence, sweep.targets.length > 0),
    append(html("main", { class: "charts" }), ...charts.map((chart) => chart.element)),
    sweepTable(sweep, metrics),
  )
  const draw = () => {
    for (const chart of charts) chart.draw()
  }
  draw()
  let resizing: number | undefined
  window.addEventListener("resize", () => {
    clearTimeout(resizing)
    resizing = window.setTimeout(draw, 100)
  })
  document.body.dataset.ready = "true"
}

main()
