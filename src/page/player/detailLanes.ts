/**
 * The timeline event by event, in one stretch the page holds: stamps (triangles, with the
 * producer's count), pauses (a thin line), blocked spans (hatched, "blocked"), busy spans (boxes
 * labelled with the item's value when it fits), idle time (a dashed line, or dots where the threads
 * mode polls), each item's wait on its own row, drops (✕), and the queue depth as steps.
 */

import { append, svg } from "../shared/dom.ts"
import { type Drawing, depthScaleOf, laneBand } from "./drawing.ts"
import type { DetailPart } from "./drawPlan.ts"
import type { ActorMarks, WindowMarks } from "./laneMarks.ts"
import { stageClass } from "./stageColors.ts"
import { waitRowHeight } from "./timelineLayout.ts"

/** Roughly how wide a label is, to draw it only where it fits. */
const textWidth = (text: string) => text.length * 6.2 + 4

const seconds = (micros: number) => `${(micros / 1_000_000).toFixed(3)} s`

export const drawDetailPart = (
  parent: SVGGElement,
  drawing: Drawing,
  part: DetailPart,
  marks: WindowMarks,
): void => {
  const { layout, scale } = drawing
  const x0 = scale.x(part.from)
  const x1 = scale.x(part.to)
  const clipId = `${drawing.ids}-clip-${Math.round(part.from)}`
  append(
    parent,
    append(
      svg("clipPath", { id: clipId }),
      svg("rect", { x: x0, y: 0, width: Math.max(0, x1 - x0), height: layout.height }),
    ),
  )
  const group = append(parent, svg("g", { "clip-path": `url(#${clipId})`, class: "detail" }))
  // Hide the aggregates under the stretch drawn here.
  const last = layout.lanes[layout.lanes.length - 1]
  group.appendChild(
    svg("rect", {
      class: "plot-bg",
      x: x0,
      y: layout.axisHeight,
      width: Math.max(0, x1 - x0),
      height: (last?.top ?? 0) + (last?.height ?? 0) - layout.axisHeight,
    }),
  )
  const x = scale.x
  const span = (from: number, to: number) => ({ x: x(from), width: Math.max(1, x(to) - x(from)) })
  for (const lane of layout.lanes) {
    const { top, bottom } = laneBand(lane.top, lane.height)
    const middle = (top + bottom) / 2
    if (lane.kind === "stage") {
      group.appendChild(
        svg("rect", {
          class: `stage-heading${stageClass(lane.stage)}`,
          x: x0,
          y: lane.top,
          width: Math.max(0, x1 - x0),
          height: lane.height,
        }),
      )
    } else if (lane.kind === "producer") {
      const actor = marks.actors[lane.actor]
      if (actor === undefined) continue
      for (const pause of actor.pauses) {
        group.appendChild(
          svg("line", { class: "pause", x1: x(pause.from), x2: x(pause.to), y1: middle, y2: middle }),
        )
      }
      // A producer blocked on a full queue holds the item it just stamped: the box says which
      // ("#5 blocked"), where the stamp's own label would lie under it.
      const stampOf = new Map(actor.stamps.map((stamp) => [stamp.item, stamp]))
      const namedInBox = new Set<number>()
      for (const blocked of actor.spans) {
        const box = span(blocked.from, blocked.to)
        group.appendChild(
          svg("rect", {
            ...box,
            y: top,
            height: bottom - top,
            fill: `url(#${drawing.ids}-blocked)`,
            class: "blocked",
            ...itemOf(drawing, blocked.item),
          }),
        )
        const stamp = stampOf.get(blocked.item)
        const named = stamp === undefined ? "blocked" : `#${stamp.index} blocked`
        const text =
          box.width > textWidth(named) ? named : box.width > textWidth("blocked") ? "blocked" : undefined
        if (text !== undefined) {
          group.appendChild(svg("text", { x: box.x + 4, y: middle + 4, class: "label-on-dark" }, text))
          if (text === named) namedInBox.add(blocked.item)
        }
      }
      actor.stamps.forEach((stamp, index) => {
        const at = x(stamp.at)
        group.appendChild(
          svg("path", { class: "stamp", d: `M${at - 5} ${top}L${at + 5} ${top}L${at} ${top + 9}Z` }),
        )
        group.appendChild(svg("line", { class: "stamp-line", x1: at, x2: at, y1: top, y2: bottom }))
        const next = actor.stamps[index + 1]
        const room = (next === undefined ? x(part.to) : x(next.at)) - at
        const label = `#${stamp.index}`
        if (room > textWidth(label) && !namedInBox.has(stamp.item))
          group.appendChild(svg("text", { x: at + 4, y: bottom - 1, class: "label producer-text" }, label))
      })
      // Drops and stamps are both in time order: the next stamp after each drop, found as they go.
      let stampAfter = 0
      actor.drops.forEach((drop, index) => {
        const at = x(drop.at)
        const label = `dropped ${drop.value ?? drop.item}`
        const mark = svg("text", { x: at - 5, y: middle + 5, class: "drop-mark" }, "✕")
        mark.appendChild(
          svg("title", {}, `item ${drop.item}, value ${drop.value}: ${label} at ${seconds(drop.at)}`),
        )
        group.appendChild(mark)
        // Its label needs room before the next drop and the next stamp, whose triangle it would cross.
        const next = actor.drops[index + 1]
        while ((actor.stamps[stampAfter]?.at ?? Number.POSITIVE_INFINITY) <= drop.at) stampAfter++
        const nextStamp = actor.stamps[stampAfter]
        const room =
          Math.min(
            next === undefined ? x(part.to) : x(next.at),
            nextStamp === undefined ? x(part.to) : x(nextStamp.at) - 5,
          ) - at
        if (room > textWidth(label) + 8)
          group.appendChild(svg("text", { x: at + 7, y: top + 8, class: "label drop-text" }, label))
      })
    } else if (lane.kind === "consumer") {
      const actor = marks.actors[lane.actor]
      if (actor === undefined) continue
      const idle = drawing.polling
        ? svg("rect", {
            x: x0,
            width: Math.max(0, x1 - x0),
            y: top,
            height: bottom - top,
            fill: `url(#${drawing.ids}-poll)`,
          })
        : svg("line", { class: "idle", x1: x0, x2: x1, y1: middle, y2: middle })
      group.appendChild(idle)
      for (const busy of actor.spans) {
        const box = span(busy.from, busy.to)
        const rect = svg("rect", {
          ...box,
          y: top,
          height: bottom - top,
          class: `${busy.open ? "busy open" : "busy"}${stageClass(lane.stage)}${busy.failed ? " failed" : ""}`,
          ...itemOf(drawing, busy.item),
        })
        rect.appendChild(
          svg(
            "title",
            {},
            `item ${busy.item}, value ${busy.value}: ${seconds(busy.from)} to ${seconds(busy.to)}${busy.failed ? ", failed" : ""}`,
          ),
        )
        group.appendChild(rect)
        // The value in the box, in a smaller type if that is what makes it fit.
        const label = String(busy.value ?? busy.item)
        const size =
          box.width > textWidth(label) ? "" : box.width > label.length * 5 + 2 ? " small" : undefined
        if (size !== undefined) {
          const at = { x: box.x + box.width / 2, y: middle + 4, "text-anchor": "middle" }
          group.appendChild(svg("text", { ...at, class: `label-on-busy${size}` }, label))
        }
      }
      drawHeldUp(group, drawing, actor, span, top, bottom)
    } else if (lane.kind === "waits") {
      for (const wait of marks.waits) {
        const y = top + (wait.row % layout.waitRows) * waitRowHeight
        const box = span(wait.from, wait.to)
        const bar = svg("rect", { ...box, y, height: waitRowHeight - 2, class: `wait ${wait.outcome}` })
        const how =
          wait.outcome === "picked" ? "picked up" : wait.outcome === "dropped" ? "dropped" : "still waiting"
        bar.appendChild(
          svg(
            "title",
            {},
            `item ${wait.item}, value ${wait.value}: waited ${seconds(wait.to - wait.from)}, then ${how}`,
          ),
        )
        group.appendChild(bar)
        group.appendChild(
          svg("rect", { x: box.x, y, width: 2, height: waitRowHeight - 2, class: "wait-start" }),
        )
        if (wait.outcome === "picked") {
          group.appendChild(
            svg("rect", {
              x: box.x + box.width - 2,
              y,
              width: 2,
              height: waitRowHeight - 2,
              class: "wait-end",
            }),
          )
        } else if (wait.outcome === "dropped") {
          group.appendChild(
            svg("text", { x: box.x + box.width - 4, y: y + waitRowHeight, class: "drop-mark small" }, "✕"),
          )
        }
      }
    } else {
      const scale = depthScaleOf(drawing, lane.stage)
      const level = (depth: number) => bottom - (bottom - top) * Math.min(1, depth / scale)
      const stop = Math.min(part.to, drawing.run.end.at)
      const queue = lane.stage === undefined ? undefined : marks.stages?.[lane.stage]
      const depth = queue?.depth ?? marks.depth
      let path = ""
      depth.forEach((point, index) => {
        const next = depth[index + 1]
        const y = level(point.depth).toFixed(1)
        path += `${index === 0 ? "M" : "V"}${index === 0 ? `${x(point.at).toFixed(1)} ` : ""}${y}H${x(next?.at ?? stop).toFixed(1)}`
      })
      if (path !== "") {
        group.appendChild(
          svg("path", {
            d: `${path}V${bottom}H${x(depth[0]?.at ?? 0).toFixed(1)}Z`,
            class: `depth-area${stageClass(lane.stage)}`,
          }),
        )
        group.appendChild(svg("path", { d: path, class: "depth-line" }))
      }
      // A failed item entering its stage's queue again, after its backoff.
      for (const retry of queue?.retries ?? []) {
        const mark = svg(
          "text",
          { x: x(retry.at) - 5, y: top + 9, class: "retry-mark", ...itemOf(drawing, retry.item) },
          "↻",
        )
        mark.appendChild(
          svg("title", {}, `item ${retry.item}, value ${retry.value}: retried at ${seconds(retry.at)}`),
        )
        group.appendChild(mark)
      }
    }
  }
}

/** A pipeline's marks name their item, so that pointing at one shows its path through the stages. */
const itemOf = (drawing: Drawing, item: number): Record<string, number> =>
  drawing.run.data.stages === undefined ? {} : { "data-item": item }

/** A pipeline worker's spans held by a full queue below (hatched), and the items it dropped or dead-lettered. */
const drawHeldUp = (
  group: SVGGElement,
  drawing: Drawing,
  actor: ActorMarks,
  span: (from: number, to: number) => { x: number; width: number },
  top: number,
  bottom: number,
): void => {
  for (const held of actor.held ?? []) {
    const box = span(held.from, held.to)
    const rect = svg("rect", {
      ...box,
      y: top,
      height: bottom - top,
      fill: `url(#${drawing.ids}-blocked)`,
      class: "blocked held-up",
      ...itemOf(drawing, held.item),
    })
    rect.appendChild(
      svg(
        "title",
        {},
        `item ${held.item}, value ${held.value}: held by a full queue below from ${seconds(held.from)} to ${seconds(held.to)}`,
      ),
    )
    group.appendChild(rect)
    if (box.width > textWidth("held"))
      group.appendChild(
        svg("text", { x: box.x + 4, y: (top + bottom) / 2 + 4, class: "label-on-dark" }, "held"),
      )
  }
  // A worker's item dropped by the full queue it was offered to, or given up on: both leave the run here.
  const leaving = [
    ...actor.drops.map((mark) => ({ ...mark, how: "dropped by a full queue" })),
    ...(actor.deadLetters ?? []).map((mark) => ({ ...mark, how: "dead-lettered" })),
  ]
  for (const gone of leaving) {
    const mark = svg(
      "text",
      {
        x: drawing.scale.x(gone.at) - 5,
        y: (top + bottom) / 2 + 5,
        class: "drop-mark",
        ...itemOf(drawing, gone.item),
      },
      "✕",
    )
    mark.appendChild(
      svg("title", {}, `item ${gone.item}, value ${gone.value}: ${gone.how} at ${seconds(gone.at)}`),
    )
    group.appendChild(mark)
  }
}
