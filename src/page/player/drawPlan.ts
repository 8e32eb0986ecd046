/**
 * How the timeline draws a run in the current view: event by event where the page holds the events
 * and they would be at least a pixel apart on average, from the time columns (aggregates) elsewhere.
 * The notice says which, in words, so the page never passes an aggregate off as detail. A run whose
 * actors share lanes (actorLanes.ts) is drawn from the columns throughout: a lane of many has no
 * single actor's events to draw.
 */
import { formatCount, formatDurationShort } from "./format.ts"
import { countBefore } from "./playhead.ts"
import type { PreparedRun, PreparedWindow } from "./preparedRun.ts"
import type { TimeView } from "./timeView.ts"

export interface DetailPart {
  readonly window: PreparedWindow
  readonly from: number
  readonly to: number
}

export interface DrawPlan {
  /** Stretches drawn event by event; aggregates are drawn under and around them. */
  readonly detail: ReadonlyArray<DetailPart>
  /** Whether some of the view is drawn from columns. */
  readonly aggregates: boolean
  readonly notice: string
}

/** Detail is drawn when the events of the busiest lane would be at least this many pixels apart on average. */
const leastPixelsPerEvent = 1

/**
 * The share of a run's events that its busiest lane draws: about a third of the events are items
 * made, spread over the producers, and two thirds items taken and processed, over the consumers.
 * A run of 100 producers and 200 consumers has room for many more events than one of 2 and 1.
 */
const busiestLaneShare = (producers: number, consumers: number): number =>
  Math.max(1 / 3 / Math.max(1, producers), 2 / 3 / Math.max(1, consumers))

/**
 * A pipeline's: an item is made once, then each stage takes it, serves it and passes it on (about
 * three events a stage), so the busiest lane is a producer or a worker of the stage with fewest.
 */
const pipelineLaneShare = (producers: number, stageWorkers: ReadonlyArray<number>): number => {
  const perItem = 1 + 3 * stageWorkers.length
  return Math.max(1 / perItem / Math.max(1, producers), 3 / perItem / Math.max(1, Math.min(...stageWorkers)))
}

export const drawPlan = (prepared: PreparedRun, view: TimeView, widthPixels: number): DrawPlan => {
  const { run } = prepared
  const pixelsPerMicro = widthPixels / (view.to - view.from)
  const viewTo = Math.min(view.to, run.end.at)
  const { stages } = run.header.scenario
  const share =
    stages === undefined
      ? busiestLaneShare(run.header.scenario.producers, run.header.scenario.consumers)
      : pipelineLaneShare(
          run.header.scenario.producers,
          stages.map((stage) => stage.workers ?? 1),
        )
  const actors = run.data.actors
  const sharedLanes = actors.some((actor) => (actor.members ?? 1) > 1)
  const detail: Array<DetailPart> = []
  let crowded = 0
  let covered = 0
  for (const window of sharedLanes ? [] : prepared.windows) {
    const from = Math.max(window.window.from, view.from)
    const to = Math.min(window.window.until, view.to)
    if (to < from || (to === from && window.events.length === 0)) continue
    const events = countBefore(window.times, to + 1) - countBefore(window.times, from)
    if (events * share * leastPixelsPerEvent <= Math.max(1, (to - from) * pixelsPerMicro)) {
      detail.push({ window, from, to })
      covered += Math.max(0, Math.min(to, viewTo) - from)
    } else crowded++
  }
  const { detail: held, columns } = run.data
  const column = formatDurationShort(columns.width)
  const whole = held.heldEvents === held.runEvents
  const aggregates = covered < viewTo - view.from
  if (!aggregates) {
    return {
      detail,
      aggregates,
      notice: whole
        ? `Every event drawn: the page holds all ${formatCount(held.runEvents)} events of this run.`
        : "Every event in view drawn.",
    }
  }
  const sample = `The page holds ${formatCount(held.heldEvents)} of ${formatCount(held.runEvents)} events, in ${formatCount(held.windows.length)} ${held.windows.length === 1 ? "stretch" : "stretches"} marked under the axis`
  if (sharedLanes) {
    const members = actors.reduce((sum, actor) => sum + (actor.members ?? 1), 0)
    return {
      detail,
      aggregates,
      notice: `Aggregates: ${formatCount(members)} actors in ${formatCount(actors.length)} lanes, each lane of many drawing its members' mean busy or blocked share and the items they made or took; each column sums ${column} of the run. ${whole ? `The page holds all ${formatCount(held.runEvents)} events` : sample}: the lines and the queue beside list them.`,
    }
  }
  const notice =
    detail.length > 0
      ? `Events drawn one by one in the marked stretches; elsewhere aggregates of ${column} columns (no single events held there).`
      : crowded > 0
        ? `Aggregates: each column sums ${column} of the run; single events would be under a pixel. ${sample}: zoom in to see them.`
        : `Aggregates: each column sums ${column}; the page holds no single events here. ${sample}.`
  return { detail, aggregates, notice }
}
