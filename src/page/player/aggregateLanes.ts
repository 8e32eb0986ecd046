/**
 * The timeline from the time columns, where single events would be under a pixel: per consumer
 * its busy fraction, per producer its stamps per column and its blocked fraction (hatched), in the
 * waits lane the mean and longest wait of each column, and red bars where items were dropped.
 */

import { svg } from "../shared/dom.ts"
import type { ColumnGroup } from "./columnsInView.ts"
import { barsPath, type Drawing, depthScaleOf, laneBand } from "./drawing.ts"
import { stageClass } from "./stageColors.ts"

export const drawAggregateLanes = (
  parent: SVGGElement,
  drawing: Drawing,
  groups: ReadonlyArray<ColumnGroup>,
): void => {
  const { layout, scale } = drawing
  const xs = groups.map(
    (group) => [scale.x(group.from), Math.max(scale.x(group.to), scale.x(group.from) + 0.8)] as const,
  )
  const path = (d: string, attributes: Record<string, string | number>) => {
    if (d !== "") parent.appendChild(svg("path", { d, ...attributes }))
  }
  for (const lane of layout.lanes) {
    const { top, bottom } = laneBand(lane.top, lane.height)
    const height = bottom - top
    if (lane.kind === "consumer") {
      if (drawing.polling) {
        path(barsPath(xs.map(([x0, x1]) => [x0, x1, top, bottom])), { fill: `url(#${drawing.ids}-poll)` })
      }
      const bars = groups.map((group, index) => {
        const [x0, x1] = xs[index] as readonly [number, number]
        return [x0, x1, bottom - height * (group.spanFraction[lane.actor] ?? 0), bottom] as const
      })
      path(barsPath(bars), { class: `consumer-fill${stageClass(lane.stage)}` })
      // A pipeline's worker held by a full queue below: that share hatched from the top.
      if (lane.stage !== undefined) {
        const held = groups.map((group, index) => {
          const [x0, x1] = xs[index] as readonly [number, number]
          return [x0, x1, top, top + height * (group.heldFraction?.[lane.actor] ?? 0)] as const
        })
        path(barsPath(held), { fill: `url(#${drawing.ids}-blocked)` })
      }
    } else if (lane.kind === "producer") {
      const most = Math.max(1, ...groups.map((group) => group.items[lane.actor] ?? 0))
      const stamps = groups.map((group, index) => {
        const [x0, x1] = xs[index] as readonly [number, number]
        return [x0, x1, bottom - height * ((group.items[lane.actor] ?? 0) / most), bottom] as const
      })
      path(barsPath(stamps), { class: "producer-fill" })
      const blocked = groups.map((group, index) => {
        const [x0, x1] = xs[index] as readonly [number, number]
        return [x0, x1, top, top + height * (group.spanFraction[lane.actor] ?? 0)] as const
      })
      path(barsPath(blocked), { fill: `url(#${drawing.ids}-blocked)` })
    } else if (lane.kind === "waits") {
      const longest = Math.max(1, ...groups.map((group) => group.waitMax))
      const bar = (value: (group: ColumnGroup) => number) =>
        barsPath(
          groups.map((group, index) => {
            const [x0, x1] = xs[index] as readonly [number, number]
            return [x0, x1, bottom - height * (value(group) / longest), bottom] as const
          }),
        )
      path(
        bar((group) => group.waitMax),
        { class: "wait-max" },
      )
      path(
        bar((group) => group.waitMean),
        { class: "wait-mean" },
      )
      const mostDropped = Math.max(1, ...groups.map((group) => group.dropped))
      const drops = groups.map((group, index) => {
        const [x0, x1] = xs[index] as readonly [number, number]
        return [
          x0,
          x1,
          top,
          group.dropped > 0 ? top + 3 + (height / 3) * (group.dropped / mostDropped) : top,
        ] as const
      })
      path(barsPath(drops), { class: "drop-fill" })
    } else if (lane.kind === "depth") {
      const scale = depthScaleOf(drawing, lane.stage)
      const level = (depth: number) => bottom - height * Math.min(1, depth / scale)
      // A pipeline's stage: its own queue's columns.
      const depthOf = (group: ColumnGroup) =>
        lane.stage === undefined ? group : (group.stageDepths?.[lane.stage] ?? group)
      const band = groups.map((group, index) => {
        const [x0, x1] = xs[index] as readonly [number, number]
        const depth = depthOf(group)
        return [x0, x1, level(depth.depthMax ?? 0), level(depth.depthMin ?? 0) + 0.8] as const
      })
      path(barsPath(band), { class: `depth-band${stageClass(lane.stage)}` })
      // A pipeline stage's drops: red bars from the top of its queue's track.
      if (lane.stage !== undefined) {
        const drops = groups.map((group) => depthOf(group).dropped ?? 0)
        const most = Math.max(1, ...drops)
        const bars = groups.map((_, index) => {
          const [x0, x1] = xs[index] as readonly [number, number]
          const dropped = drops[index] ?? 0
          return [x0, x1, top, dropped > 0 ? top + 3 + (height / 3) * (dropped / most) : top] as const
        })
        path(barsPath(bars), { class: "drop-fill" })
      }
      const mean = groups
        .map(
          (group, index) =>
            `${index === 0 ? "M" : "L"}${(xs[index]?.[0] ?? 0).toFixed(1)} ${level(depthOf(group).depthMean).toFixed(1)}`,
        )
        .join("")
      path(mean, { class: "depth-mean" })
    }
  }
}
