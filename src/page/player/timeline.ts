/**
 * One run's timeline, an SVG: lane labels, the time axis, the lanes drawn from aggregates and/or
 * event by event (as the draw plan says), and the playhead. Redrawn whole on zoom, pan or resize;
 * only the playhead moves while playing.
 */

import { append, svg } from "../shared/dom.ts"
import { drawAggregateLanes } from "./aggregateLanes.ts"
import { columnGroups } from "./columnsInView.ts"
import { drawDetailPart } from "./detailLanes.ts"
import { type Drawing, depthScaleOf } from "./drawing.ts"
import { type DrawPlan, drawPlan } from "./drawPlan.ts"
import { formatCount, formatSecondsFor } from "./format.ts"
import { type WindowMarks, windowMarks } from "./laneMarks.ts"
import { markPatterns } from "./patterns.ts"
import { pipelineMarks } from "./pipelineMarks.ts"
import type { PreparedRun, PreparedWindow } from "./preparedRun.ts"
import { stageClass } from "./stageColors.ts"
import { type Lane, timelineLayout } from "./timelineLayout.ts"
import { type AxisScale, axisScale, axisTicks, type TimeView } from "./timeView.ts"

/** Long names are cut on screen (the full name is the label's tooltip). */
const shortName = (name: string) => (name.length > 15 ? `${name.slice(0, 14)}…` : name)

/** A pipeline's stage heading across the timeline: its name (the user's words, from an editable recording: text only). */
const drawStageHeading = (root: SVGSVGElement, lane: Lane, plotRight: number): void => {
  root.appendChild(
    svg("rect", {
      class: `stage-heading${stageClass(lane.stage)}`,
      x: 0,
      y: lane.top,
      width: plotRight,
      height: lane.height,
    }),
  )
  root.appendChild(
    svg(
      "text",
      {
        x: 8,
        y: lane.top + lane.height / 2 + 5,
        class: `stage-name${stageClass(lane.stage)}`,
        "data-role": "stage-heading",
      },
      `stage ${(lane.stage ?? 0) + 1}: ${lane.label}`,
    ),
  )
}

export class RunTimeline {
  readonly element: SVGSVGElement
  private readonly prepared: PreparedRun
  private readonly ids: string
  private readonly marks = new Map<PreparedWindow, WindowMarks>()
  private readonly playhead = svg("g", { class: "playhead" })
  private scale: AxisScale | undefined
  private layoutWidth = 1

  constructor(prepared: PreparedRun, ids: string) {
    this.prepared = prepared
    this.ids = ids
    this.element = svg("svg", { class: "timeline", role: "img" })
  }

  private marksOf(window: PreparedWindow): WindowMarks {
    let marks = this.marks.get(window)
    if (marks === undefined) {
      const run = this.prepared.run
      const stages = run.data.stages
      marks =
        stages === undefined
          ? windowMarks(window, run.data.actors, run.end.at, run.header.scenario.items, 24)
          : pipelineMarks(window, run.data.actors, stages.length, run.end.at, run.header.scenario.items)
      this.marks.set(window, marks)
    }
    return marks
  }

  /** What `view` at `totalWidth` shows: the layout, the plan, the marks and the deepest queue in view. */
  private frame(view: TimeView, totalWidth: number) {
    const run = this.prepared.run
    const layout = timelineLayout(run, totalWidth)
    const plan = drawPlan(this.prepared, view, layout.plotWidth)
    const marks = plan.detail.map((part) => this.marksOf(part.window))
    const consumers = run.data.actors.flatMap((actor, index) => (actor.role === "consumer" ? [index] : []))
    const groups = plan.aggregates
      ? columnGroups(
          run.data.columns,
          view,
          layout.plotWidth,
          run.end.at,
          consumers,
          run.data.actors.map((actor) => actor.members ?? 1),
        )
      : []
    // The depth chart's scale fits what is in view, so a zoomed-in stretch is not drawn flat.
    let depthInView = 1
    for (const group of groups) depthInView = Math.max(depthInView, group.depthMax ?? 0)
    plan.detail.forEach((part, index) => {
      for (const point of (marks[index] as WindowMarks).depth) {
        if (point.at <= part.to) depthInView = Math.max(depthInView, point.depth)
      }
    })
    // A pipeline's queues each have their own scale: a bounded queue of 10 beside an unbounded one.
    const stageDepthsInView = run.data.stages?.map((_, stage) => {
      let most = 1
      for (const group of groups) most = Math.max(most, group.stageDepths?.[stage]?.depthMax ?? 0)
      plan.detail.forEach((part, index) => {
        for (const point of (marks[index] as WindowMarks).stages?.[stage]?.depth ?? []) {
          if (point.at <= part.to) most = Math.max(most, point.depth)
        }
      })
      return most
    })
    return { layout, plan, marks, groups, depthInView, stageDepthsInView }
  }

  /** The greatest queue depth in `view`, which runs compared on one page share as their scale. */
  depthInView(view: TimeView, totalWidth: number): number {
    return this.frame(view, totalWidth).depthInView
  }

  /** Draws `view`; the depth chart's scale is at least `depthAtLeast` (another run's, when compared). */
  draw(view: TimeView, totalWidth: number, depthAtLeast = 0): DrawPlan {
    const run = this.prepared.run
    const { layout, plan, marks, groups, depthInView, stageDepthsInView } = this.frame(view, totalWidth)
    const scale = axisScale(view, layout.left, layout.plotWidth)
    this.scale = scale
    this.layoutWidth = layout.plotWidth
    const depthScale = Math.max(depthInView, depthAtLeast)
    const drawing: Drawing = {
      run,
      layout,
      scale,
      ids: this.ids,
      polling: run.header.scenario.handoff === "poll",
      depthScale,
      ...(stageDepthsInView === undefined ? {} : { stageDepthScales: stageDepthsInView }),
    }
    const root = this.element
    root.replaceChildren()
    root.setAttribute("width", String(totalWidth))
    root.setAttribute("height", String(layout.height))
    root.setAttribute("viewBox", `0 0 ${totalWidth} ${layout.height}`)
    root.appendChild(markPatterns(this.ids))
    const plotRight = layout.left + layout.plotWidth
    const bottom = layout.height - 4
    // Lanes: background, label (with the role in words as well as colour), separators.
    for (const lane of layout.lanes) {
      if (lane.kind === "stage") {
        drawStageHeading(root, lane, plotRight)
        continue
      }
      root.appendChild(
        svg("rect", {
          class: `lane-bg ${lane.kind}`,
          x: 0,
          y: lane.top,
          width: plotRight,
          height: lane.height,
        }),
      )
      // A lane of many says how many it stands for (its members' names are its tooltip).
      const members = run.data.actors[lane.actor]?.members ?? 1
      const label = svg(
        "text",
        {
          x: 8,
          y: lane.top + lane.height / 2 - 2,
          class: `lane-label ${lane.kind}${stageClass(lane.stage)}`,
        },
        members > 1
          ? `${formatCount(members)} ${lane.stage === undefined ? lane.kind : "worker"}s`
          : shortName(lane.label),
      )
      label.appendChild(svg("title", {}, lane.label))
      root.appendChild(label)
      const role =
        lane.kind === "producer"
          ? members > 1
            ? "▲ made, mean blocked"
            : "▲ producer"
          : lane.kind === "consumer"
            ? drawing.polling
              ? `■ polls every ${run.header.scenario.pollInterval}`
              : members > 1
                ? "■ mean busy"
                : lane.stage === undefined
                  ? "■ consumer"
                  : "■ worker"
            : lane.kind === "waits"
              ? "creation → pick-up"
              : `0 – ${depthScaleOf(drawing, lane.stage)} items`
      root.appendChild(svg("text", { x: 8, y: lane.top + lane.height / 2 + 10, class: "lane-role" }, role))
    }
    // Axis and grid.
    const ticks = axisTicks(view, layout.plotWidth)
    const step = (ticks[1] ?? view.to) - (ticks[0] ?? view.from)
    for (const tick of ticks) {
      const x = scale.x(tick)
      root.appendChild(svg("line", { class: "grid", x1: x, x2: x, y1: layout.axisHeight - 6, y2: bottom }))
      const anchor = x > plotRight - 40 ? "end" : "middle"
      root.appendChild(
        svg("text", { class: "tick", x, y: 13, "text-anchor": anchor }, formatSecondsFor(tick, step)),
      )
    }
    const plot = append(
      svg("g", { "clip-path": `url(#${this.ids}-plot)` }),
      append(
        svg("clipPath", { id: `${this.ids}-plot` }),
        svg("rect", { x: layout.left, y: 0, width: layout.plotWidth, height: layout.height }),
      ),
    )
    root.appendChild(plot)
    if (plan.aggregates) {
      drawAggregateLanes(append(plot, svg("g", { class: "aggregates" })), drawing, groups)
    }
    for (const [index, part] of plan.detail.entries())
      drawDetailPart(plot, drawing, part, marks[index] as WindowMarks)
    // Where the page holds single events, when it does not hold them all.
    const held = run.data.detail
    if (held.heldEvents < held.runEvents) {
      for (const window of held.windows) {
        const x0 = scale.x(window.from)
        const x1 = scale.x(Math.min(window.until, run.end.at))
        plot.appendChild(
          svg("rect", {
            class: "held",
            x: x0,
            y: layout.axisHeight - 5,
            width: Math.max(2, x1 - x0),
            height: 3,
          }),
        )
      }
    }
    if (run.end.at < view.to) {
      const x = scale.x(run.end.at)
      plot.appendChild(
        svg("rect", {
          class: "after-end",
          x,
          y: layout.axisHeight,
          width: Math.max(0, plotRight - x),
          height: bottom - layout.axisHeight,
        }),
      )
      plot.appendChild(
        svg(
          "text",
          { class: "after-end-text", x: x + 6, y: layout.axisHeight + 14 },
          `run ended (${run.end.reason})`,
        ),
      )
    }
    this.playhead.replaceChildren(
      svg("line", { x1: 0, x2: 0, y1: layout.axisHeight - 8, y2: bottom }),
      svg("path", { d: "M-6 16L6 16L0 24Z" }),
    )
    root.appendChild(this.playhead)
    return plan
  }

  setPlayhead(at: number): void {
    if (this.scale === undefined) return
    this.playhead.setAttribute("transform", `translate(${this.scale.x(at).toFixed(1)} 0)`)
  }

  /** The plot's width in pixels, as last drawn. */
  plotWidth(): number {
    return this.layoutWidth
  }

  /** The instant under a point of the screen (for seeking and zooming). */
  timeAt(clientX: number): number | undefined {
    if (this.scale === undefined) return undefined
    const box = this.element.getBoundingClientRect()
    return this.scale.time(clientX - box.left)
  }
}
