/**
 * What the timeline draws of a detail window, event by event: per producer its stamps, pauses and
 * blocked spans; per consumer its busy spans; each item's wait (creation to pick-up or drop) on a
 * row of its own; the drops; and the queue depth as steps. Spans under way when the window starts
 * come from its starting state; spans still open when it ends are cut there and say so.
 */

import type { DetailEvent } from "../../core/pageData/detailEvents.ts"
import { EventCode, type PageActor } from "../../core/pageData/pageData.ts"
import type { PreparedWindow } from "./preparedRun.ts"

export interface Span {
  readonly from: number
  readonly to: number
  readonly item: number
  readonly value: number | undefined
  /** The span goes on past `to` (the page holds no more of it). */
  readonly open: boolean
  /** In a pipeline: the attempt this busy span was failed. */
  readonly failed?: boolean
}

export interface Stamp {
  readonly at: number
  readonly item: number
  readonly value: number | undefined
  /** The producer's own count, 1..n: the `#n` of the course's ` -- generated item n`. */
  readonly index: number
}

export interface Pause {
  readonly from: number
  readonly to: number
}

export interface Mark {
  readonly at: number
  readonly item: number
  readonly value: number | undefined
}

export interface WaitMark extends Span {
  /** How the wait ended: picked up, dropped, or still waiting where the window ends. */
  readonly outcome: "picked" | "dropped" | "waiting"
  /** Row in the waits lane, so that waits at the same time do not cover each other. */
  readonly row: number
}

export interface ActorMarks {
  /** Busy spans (consumers) or blocked spans (producers). */
  readonly spans: Array<Span>
  readonly stamps: Array<Stamp>
  readonly pauses: Array<Pause>
  readonly drops: Array<Mark>
  /** In a pipeline: a worker's spans held by a full queue below, and the items it gave up on. */
  readonly held?: Array<Span>
  readonly deadLetters?: Array<Mark>
}

/** A pipeline stage's queue in a window: its depth steps, and the failed items that entered it again. */
export interface StageQueueMarks {
  readonly depth: ReadonlyArray<{ readonly at: number; readonly depth: number }>
  readonly retries: ReadonlyArray<Mark>
}

export interface WindowMarks {
  readonly actors: ReadonlyArray<ActorMarks>
  readonly waits: ReadonlyArray<WaitMark>
  readonly rows: number
  /** Depth held from each point on (same-instant steps folded into the last one). */
  readonly depth: ReadonlyArray<{ readonly at: number; readonly depth: number }>
  /** In a pipeline: each stage's queue (`depth` is the first's). */
  readonly stages?: ReadonlyArray<StageQueueMarks>
}

interface OpenWait {
  readonly from: number
  readonly item: number
  readonly value: number | undefined
}

/** Greedy rows: each wait takes the lowest row free at its start; at most `mostRows` rows (then they are shared). */
const assignRows = (
  waits: ReadonlyArray<Omit<WaitMark, "row">>,
  mostRows: number,
): { marks: Array<WaitMark>; rows: number } => {
  const rowEnds: Array<number> = []
  const marks = [...waits]
    .sort((a, b) => a.from - b.from || a.item - b.item)
    .map((wait, index) => {
      let row = rowEnds.findIndex((end) => end <= wait.from)
      if (row < 0 && rowEnds.length < mostRows) row = rowEnds.length
      if (row < 0) row = index % mostRows
      rowEnds[row] = Math.max(rowEnds[row] ?? 0, wait.to)
      return { ...wait, row }
    })
  return { marks, rows: rowEnds.length }
}

/** What a producer's stamps and pauses are followed by, along a window. */
export interface StampState {
  readonly pauseStart: Map<number, number>
  readonly stampCount: Map<number, number>
  readonly itemsPerProducer: number
}

/** A producer stamps an item: its pause ends, and (unless it was its last) a new one starts. */
export const stamp = (actor: ActorMarks, event: DetailEvent, state: StampState): void => {
  const { at, item, value, actorIndex } = event
  const pausedSince = state.pauseStart.get(actorIndex)
  if (pausedSince !== undefined) actor.pauses.push({ from: pausedSince, to: at })
  // The producer's own count, whether this event or a later `handedOver` carries it (trio's
  // send, a put that waited): the stamp shows it either way.
  const count = (state.stampCount.get(actorIndex) ?? 0) + 1
  state.stampCount.set(actorIndex, count)
  actor.stamps.push({ at, item, value, index: event.index ?? count })
  if (count < state.itemsPerProducer) state.pauseStart.set(actorIndex, at)
  else state.pauseStart.delete(actorIndex)
}

/**
 * The marks of a window; `endAt` is the run's end (spans open at the last window's end stop there,
 * as the run did), `itemsPerProducer` tells a producer's last item (no pause is known after it).
 */
export const windowMarks = (
  prepared: PreparedWindow,
  actors: ReadonlyArray<PageActor>,
  endAt: number,
  itemsPerProducer: number,
  mostRows = 24,
): WindowMarks => {
  const { window, events } = prepared
  const stop = Math.min(window.until, endAt)
  const open = window.until <= endAt
  const marks: Array<ActorMarks> = actors.map(() => ({ spans: [], stamps: [], pauses: [], drops: [] }))
  const spanStart = new Map<number, { from: number; item: number; value: number | undefined }>()
  const pauseStart = new Map<number, number>()
  const waiting = new Map<number, OpenWait>()
  const waits: Array<Omit<WaitMark, "row">> = []
  window.start.holding.forEach((held, actor) => {
    if (held === null) return
    spanStart.set(actor, { from: held.since, item: held.item, value: held.value })
    if (actors[actor]?.role === "producer") waiting.set(held.item, { from: held.producedAt, ...held })
  })
  for (const item of window.start.waiting) waiting.set(item.item, { from: item.producedAt, ...item })
  // A producer not blocked at the start is in a pause (unless it has made all its items).
  window.start.done.forEach((done, actor) => {
    if (actors[actor]?.role === "producer" && !spanStart.has(actor) && done > 0 && done < itemsPerProducer)
      pauseStart.set(actor, window.from)
  })
  const depth: Array<{ at: number; depth: number }> = [{ at: window.from, depth: window.start.depth }]
  let currentDepth = window.start.depth
  const endWait = (item: number, at: number, outcome: WaitMark["outcome"]) => {
    const started = waiting.get(item)
    if (started === undefined) return
    waiting.delete(item)
    waits.push({ from: started.from, to: at, item, value: started.value, open: false, outcome })
  }
  const endSpan = (actor: number, at: number) => {
    const started = spanStart.get(actor)
    if (started === undefined) return
    spanStart.delete(actor)
    marks[actor]?.spans.push({ ...started, to: at, open: false })
  }
  // Each producer's count so far: where the window starts, then one per stamp.
  const stampCount = new Map<number, number>(window.start.done.map((done, actor) => [actor, done]))
  for (const event of events) {
    const actor = marks[event.actorIndex]
    if (actor === undefined) continue
    const { at, item, value } = event
    switch (event.code) {
      case EventCode.produced: {
        currentDepth++
        stamp(actor, event, { pauseStart, stampCount, itemsPerProducer })
        waiting.set(item, { from: at, item, value })
        break
      }
      case EventCode.blocked:
        currentDepth--
        pauseStart.delete(event.actorIndex)
        spanStart.set(event.actorIndex, { from: at, item, value })
        break
      case EventCode.enqueued: {
        currentDepth++
        endSpan(event.actorIndex, at)
        if ((stampCount.get(event.actorIndex) ?? 0) < itemsPerProducer) pauseStart.set(event.actorIndex, at)
        break
      }
      case EventCode.dequeued:
        currentDepth--
        endWait(item, at, "picked")
        spanStart.set(event.actorIndex, { from: at, item, value })
        break
      case EventCode.processed:
        endSpan(event.actorIndex, at)
        break
      case EventCode.dropped:
        currentDepth--
        actor.drops.push({ at, item, value })
        endWait(item, at, "dropped")
        break
    }
    const last = depth[depth.length - 1]
    if (last !== undefined && last.at === at) last.depth = currentDepth
    else depth.push({ at, depth: currentDepth })
  }
  for (const [actor, started] of spanStart) marks[actor]?.spans.push({ ...started, to: stop, open })
  for (const [actor, from] of pauseStart) marks[actor]?.pauses.push({ from, to: stop })
  for (const [item, started] of waiting)
    waits.push({ from: started.from, to: stop, item, value: started.value, open, outcome: "waiting" })
  const { marks: waitMarks, rows } = assignRows(waits, mostRows)
  return { actors: marks, waits: waitMarks, rows, depth }
}
