/**
 * Where each lane of a run's timeline sits: the time axis on top, one lane per producer, the waits
 * lane (each item's wait on a row), one lane per consumer, then the queue depth chart.
 */
import type { PageRun } from "../../core/pageData/pageRun.ts"

export type LaneKind = "producer" | "consumer" | "waits" | "depth"

export interface Lane {
  readonly kind: LaneKind
  /** Index in the run's actors, for producer and consumer lanes. */
  readonly actor: number
  readonly top: number
  readonly height: number
  /** As the run named the actor (untrusted: drawn as text only), or the lane's own name. */
  readonly label: string
}

export interface TimelineLayout {
  /** Plot area, in pixels: from `left` to `left + plotWidth`. */
  readonly left: number
  readonly plotWidth: number
  readonly axisHeight: number
  readonly lanes: ReadonlyArray<Lane>
  readonly waitRows: number
  readonly height: number
}

export const labelWidth = 128
export const axisHeight = 30
const actorLaneHeight = 30
const depthLaneHeight = 64
export const waitRowHeight = 6
const mostWaitRows = 24

export const timelineLayout = (run: PageRun, totalWidth: number): TimelineLayout => {
  const lanes: Array<Lane> = []
  let top = axisHeight
  const add = (kind: LaneKind, actor: number, height: number, label: string) => {
    lanes.push({ kind, actor, top, height, label })
    top += height
  }
  const actors = run.data.actors
  actors.forEach((actor, index) => {
    if (actor.role === "producer") add("producer", index, actorLaneHeight, actor.name)
  })
  // Items wait in the queue or in a blocked producer's hands: at most this many at once.
  const producers = actors.filter((actor) => actor.role === "producer").length
  const waitRows = Math.max(1, Math.min(mostWaitRows, run.statistics.queue.maxDepth + producers + 1))
  add("waits", -1, Math.max(actorLaneHeight, waitRows * waitRowHeight + 8), "waits")
  actors.forEach((actor, index) => {
    if (actor.role === "consumer") add("consumer", index, actorLaneHeight, actor.name)
  })
  add("depth", -1, depthLaneHeight, "queue depth")
  return {
    left: labelWidth,
    plotWidth: Math.max(100, totalWidth - labelWidth - 12),
    axisHeight,
    lanes,
    waitRows,
    height: top + 4,
  }
}
