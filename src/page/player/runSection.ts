/**
 * One run on the page: its header; the notice saying how it is drawn and the timeline; the panes
 * about the playhead (the lines, the queue's contents, the latency histogram); the statistics table.
 * page.css places them for the window's width.
 */

import { append, html } from "../shared/dom.ts"
import { type HistogramScale, histogramChart } from "./histogramChart.ts"
import { LinesPane } from "./linesPane.ts"
import type { PreparedRun } from "./preparedRun.ts"
import { QueuePane } from "./queuePane.ts"
import { runHeader } from "./runHeader.ts"
import { stageStatistics } from "./stageStatistics.ts"
import { statisticsTable } from "./statisticsTable.ts"
import { RunTimeline } from "./timeline.ts"
import type { TimeView } from "./timeView.ts"

export class RunSection {
  readonly element: HTMLElement
  readonly timeline: RunTimeline
  private readonly timelineBox = html("div", { class: "timeline-box" })
  private readonly notice = html("p", { class: "notice", "data-role": "notice" })
  private readonly lines: LinesPane
  private readonly queue: QueuePane
  readonly prepared: PreparedRun
  private readonly histogramBox = html("div", { class: "side-pane" })

  constructor(prepared: PreparedRun, index: number) {
    this.prepared = prepared
    this.timeline = new RunTimeline(prepared, `run${index}`)
    this.lines = new LinesPane(prepared)
    this.queue = new QueuePane(prepared)
    this.timelineBox.appendChild(this.timeline.element)
    const main = append(
      html("div", { class: "run-main" }),
      this.notice,
      this.timelineBox,
      stageStatistics(prepared.run),
    )
    const side = append(
      html("div", { class: "side" }),
      append(
        html("div", { class: "side-pane" }),
        html("h3", {}, "What the program printed so far"),
        this.lines.element,
      ),
      append(html("div", { class: "side-pane" }), html("h3", {}, "At the playhead"), this.queue.element),
      this.histogramBox,
    )
    this.element = append(
      html("section", { class: "run", "data-mode": prepared.run.header.mode }),
      runHeader(prepared.run),
      append(html("div", { class: "run-body" }), main, side, statisticsTable(prepared.run)),
    )
  }

  private timelineWidth(): number {
    return Math.max(300, this.timelineBox.clientWidth)
  }

  /** The greatest queue depth this run shows in `view`. */
  depthInView(view: TimeView): number {
    return this.timeline.depthInView(view, this.timelineWidth())
  }

  /** Draws `view`, the depth chart scaled to at least `depthAtLeast` (when runs share a scale). */
  draw(view: TimeView, depthAtLeast = 0): void {
    const plan = this.timeline.draw(view, this.timelineWidth(), depthAtLeast)
    this.notice.textContent = plan.notice
    this.notice.dataset.aggregates = String(plan.aggregates)
  }

  /** Draws the latency histogram on `scale` (its own when undefined). */
  showHistogram(scale?: HistogramScale): void {
    this.histogramBox.replaceChildren(histogramChart(this.prepared.run, scale))
  }

  showTime(at: number): void {
    this.timeline.setPlayhead(at)
    this.queue.update(at)
    this.lines.update(at)
  }
}
