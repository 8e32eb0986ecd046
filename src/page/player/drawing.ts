/** What every part of a run's timeline needs to draw itself in the current view. */
import type { PageRun } from "../../core/pageData/pageRun.ts"
import type { TimelineLayout } from "./timelineLayout.ts"
import type { AxisScale } from "./timeView.ts"

export interface Drawing {
  readonly run: PageRun
  readonly layout: TimelineLayout
  readonly scale: AxisScale
  /** Prefix of this timeline's element ids (patterns, clips), unique in the page. */
  readonly ids: string
  /** The threads mode: an idle consumer polls the shared list. */
  readonly polling: boolean
  /** Top of the depth chart's scale, in items. */
  readonly depthScale: number
  /** In a pipeline: each stage's queue's depth scale, in items. */
  readonly stageDepthScales?: ReadonlyArray<number>
}

/** The depth scale of a lane: its stage's, or the run's single queue's. */
export const depthScaleOf = (drawing: Drawing, stage: number | undefined): number =>
  stage === undefined ? drawing.depthScale : (drawing.stageDepthScales?.[stage] ?? drawing.depthScale)

/** An SVG path of upright bars: each [x0, x1, top, bottom]. */
export const barsPath = (bars: ReadonlyArray<readonly [number, number, number, number]>): string => {
  let path = ""
  for (const [x0, x1, top, bottom] of bars) {
    if (x1 <= x0 || bottom <= top) continue
    path += `M${x0.toFixed(1)} ${bottom.toFixed(1)}V${top.toFixed(1)}H${x1.toFixed(1)}V${bottom.toFixed(1)}Z`
  }
  return path
}

/** The lane's inner band, leaving a little room above and below. */
export const laneBand = (top: number, height: number) => ({ top: top + 4, bottom: top + height - 4 })
