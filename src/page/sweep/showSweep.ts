/**
 * A sweep drawn into a container: its header, legend, a chart per metric and the table of figures,
 * the charts drawn to the width they get (again when the window is resized). The sweep's page and the
 * playground's sweep panel both draw a sweep through here.
 */
import type { SweepPageDocument } from "../../core/sweep/sweepDocument.ts"
import { append, html } from "../shared/dom.ts"
import { chartOrder, metricChart } from "./metricChart.ts"
import { chartFigure } from "./sweepChart.ts"
import { type SweepHeaderOptions, sweepHeader } from "./sweepHeader.ts"
import { sweepLayout } from "./sweepLayout.ts"
import { sweepLegend } from "./sweepLegend.ts"
import { sweepTable } from "./sweepTable.ts"

export interface ShownSweep {
  /** Takes the sweep off the page and stops following the window's size. */
  readonly remove: () => void
}

export const showSweep = (
  container: HTMLElement,
  sweep: SweepPageDocument,
  header: SweepHeaderOptions = {},
): ShownSweep => {
  const layout = sweepLayout(sweep.varied, sweep.result.rows)
  const metrics = chartOrder(sweep)
  const charts = metrics.map((metric) => chartFigure(sweep, layout, metricChart(sweep, layout, metric)))
  const parts = [
    sweepHeader(sweep, header),
    sweepLegend(layout, sweep.result.confidence, sweep.targets.length > 0),
    append(html("main", { class: "charts" }), ...charts.map((chart) => chart.element)),
    sweepTable(sweep, metrics),
  ]
  append(container, ...parts)
  const draw = () => {
    for (const chart of charts) chart.draw()
  }
  draw()
  let resizing: number | undefined
  const onResize = () => {
    clearTimeout(resizing)
    resizing = window.setTimeout(draw, 100)
  }
  window.addEventListener("resize", onResize)
  return {
    remove: () => {
      clearTimeout(resizing)
      window.removeEventListener("resize", onResize)
      for (const part of parts) part.remove()
    },
  }
}
