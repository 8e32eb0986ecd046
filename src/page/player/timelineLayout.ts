/**
 * Where each lane of a run's timeline sits: the time axis on top, one lane per producer, the waits
 * lane (each item's wait on a row), one lane per consumer, then the queue depth chart. A pipeline's
 * producers are followed, stage by stage, by the stage's heading, its workers' lanes and its
 * queue's depth chart.
 */
import type { PageRun } from "../../core/pageData/pageRun.ts"

export type LaneKind = "producer" | "consumer" | "waits" | "depth" | "stage"

export interface Lane {
  readonly kind: LaneKind
  /** Index in the run's actors, for producer and consumer lanes. */
  readonly actor: number
  readonly top: number
  readonly height: number
  /** As the run named the actor (untrusted: drawn as text only), or the lane's own name. */
  readonly label: string
  /** In a pipeline: the stage the lane belongs to (its heading, a worker's lane, its queue's depth). */
  readonly stage?: number
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
const stageDepthLaneHeight = 44
const stageHeadingHeight = 22
export const waitRowHeight = 6
const mostWaitRows = 24

export const timelineLayout = (run: PageRun, totalWidth: number): TimelineLayout => {
  const lanes: Array<Lane> = []
  let top = axisHeight
  const add = (kind: LaneKind, actor: number, height: number, label: string, stage?: number) => {
    lanes.push(
      stage === undefined ? { kind, actor, top, height, label } : { kind, actor, top, height, label, stage },
    )
    top += height
  }
  const actors = run.data.actors
  const stages = run.data.stages
  if (stages !== undefined) {
    actors.forEach((actor, index) => {
      if (actor.role === "producer") add("producer", index, actorLaneHeight, actor.name)
    })
    stages.forEach((stage, stageIndex) => {
      add("stage", -1, stageHeadingHeight, stage.name, stageIndex)
      actors.forEach((actor, index) => {
        if (actor.stage === stageIndex) add("consumer", index, actorLaneHeight, actor.name, stageIndex)
      })
      add("depth", -1, stageDepthLaneHeight, "queue depth", stageIndex)
    })
    return {
      left: labelWidth,
      plotWidth: Math.max(100, totalWidth - labelWidth - 12),
      axisHeight,
      lanes,
      waitRows: 1,
      height: top + 4,
    }
  }
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
