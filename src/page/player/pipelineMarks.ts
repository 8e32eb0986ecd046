/**
 * What the timeline draws of a pipeline's detail window, event by event: per producer its stamps,
 * pauses and blocked spans (as a single queue's); per worker its busy spans (a failed attempt
 * marked), its spans held by a full queue below, and the items it dead-lettered; per stage's queue
 * its depth as steps and the failed items that entered it again. Spans under way when the window
 * starts come from its starting state; spans still open when it ends are cut there and say so.
 */
import { type PageActor, PipelineCode } from "../../core/pageData/pageData.ts"
import {
  type ActorMarks,
  type Mark,
  type Span,
  type StageQueueMarks,
  stamp,
  type WindowMarks,
} from "./laneMarks.ts"
import type { PreparedWindow } from "./preparedRun.ts"

type DepthPoint = { at: number; depth: number }

interface OpenSpan {
  readonly from: number
  readonly item: number
  readonly value: number | undefined
  /** Busy (serving in its stage), or held (by a full queue: a worker held, a producer blocked). */
  readonly held: boolean
}

export const pipelineMarks = (
  prepared: PreparedWindow,
  actors: ReadonlyArray<PageActor>,
  stageCount: number,
  endAt: number,
  itemsPerProducer: number,
): WindowMarks => {
  const { window, events } = prepared
  const stop = Math.min(window.until, endAt)
  const open = window.until <= endAt
  const marks: Array<ActorMarks> = actors.map(() => ({
    spans: [],
    stamps: [],
    pauses: [],
    drops: [],
    held: [],
    deadLetters: [],
  }))
  const startStages = window.start.stages ?? []
  const depths: Array<Array<DepthPoint>> = Array.from({ length: stageCount }, (_, stage) => [
    { at: window.from, depth: startStages[stage]?.depth ?? 0 },
  ])
  const retries: Array<Array<Mark>> = Array.from({ length: stageCount }, () => [])
  const spanStart = new Map<number, OpenSpan>()
  const pauseStart = new Map<number, number>()
  window.start.holding.forEach((held, actor) => {
    if (held === null) return
    const blocked = actors[actor]?.role === "producer" || held.blockedOn !== undefined
    spanStart.set(actor, { from: held.since, item: held.item, value: held.value, held: blocked })
  })
  window.start.done.forEach((done, actor) => {
    if (actors[actor]?.role === "producer" && !spanStart.has(actor) && done > 0 && done < itemsPerProducer)
      pauseStart.set(actor, window.from)
  })
  const stampCount = new Map<number, number>(window.start.done.map((done, actor) => [actor, done]))
  const moveDepth = (stage: number, at: number, by: number) => {
    const points = depths[stage]
    const last = points?.[points.length - 1]
    if (points === undefined || last === undefined) return
    if (last.at === at) last.depth += by
    else points.push({ at, depth: last.depth + by })
  }
  const endSpan = (actor: number, at: number, failed = false) => {
    const started = spanStart.get(actor)
    if (started === undefined) return
    spanStart.delete(actor)
    const span: Span = { from: started.from, to: at, item: started.item, value: started.value, open: false }
    const into = marks[actor]
    if (into === undefined) return
    if (started.held && actors[actor]?.role === "consumer") into.held?.push(span)
    else into.spans.push(failed ? { ...span, failed } : span)
  }
  for (const event of events) {
    const actor = marks[event.actorIndex]
    const stage = event.stageIndex ?? 0
    if (actor === undefined) continue
    const { at, item, value } = event
    const take = (held: boolean) => spanStart.set(event.actorIndex, { from: at, item, value, held })
    switch (event.code) {
      case PipelineCode.produced: {
        moveDepth(stage, at, 1)
        stamp(actor, event, { pauseStart, stampCount, itemsPerProducer })
        break
      }
      case PipelineCode.forwarded:
        moveDepth(stage, at, 1)
        break
      case PipelineCode.retried:
        moveDepth(stage, at, 1)
        retries[stage]?.push({ at, item, value })
        break
      case PipelineCode.blocked:
      case PipelineCode.held:
        moveDepth(stage, at, -1)
        pauseStart.delete(event.actorIndex)
        take(true)
        break
      case PipelineCode.enqueued:
      case PipelineCode.handedOn:
        moveDepth(stage, at, 1)
        endSpan(event.actorIndex, at)
        if (
          actors[event.actorIndex]?.role === "producer" &&
          (stampCount.get(event.actorIndex) ?? 0) < itemsPerProducer
        )
          pauseStart.set(event.actorIndex, at)
        break
      case PipelineCode.dequeued:
        moveDepth(stage, at, -1)
        take(false)
        break
      case PipelineCode.processed:
        endSpan(event.actorIndex, at)
        break
      case PipelineCode.failed:
        endSpan(event.actorIndex, at, true)
        break
      case PipelineCode.dropped:
        moveDepth(stage, at, -1)
        actor.drops.push({ at, item, value })
        break
      case PipelineCode.deadLettered:
        actor.deadLetters?.push({ at, item, value })
        break
    }
  }
  for (const [actor, started] of spanStart) {
    const span: Span = { from: started.from, to: stop, item: started.item, value: started.value, open }
    const into = marks[actor]
    if (started.held && actors[actor]?.role === "consumer") into?.held?.push(span)
    else into?.spans.push(span)
  }
  for (const [actor, from] of pauseStart) marks[actor]?.pauses.push({ from, to: stop })
  const stages: Array<StageQueueMarks> = depths.map((depth, stage) => ({
    depth,
    retries: retries[stage] ?? [],
  }))
  return { actors: marks, waits: [], rows: 0, depth: stages[0]?.depth ?? [], stages }
}
