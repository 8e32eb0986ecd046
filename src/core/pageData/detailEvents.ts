/**
 * A detail window's events, decoded from the page's flat number array (pageData.ts) back into
 * events the course's line functions and the drawing code take.
 */
import type { SimEvent } from "../engine/events.ts"
import {
  actorShift,
  type DetailWindow,
  EventCode,
  eventTypeNames,
  type PageActor,
  type PageEventType,
  type PageStage,
  PipelineCode,
  type PipelineEventType,
  pipelineActorShift,
  pipelineCodeHasExtra,
  pipelineEventTypes,
} from "./pageData.ts"

export interface DetailEvent extends SimEvent {
  readonly code: number
  readonly item: number
  /** Index of the actor in the page's actor list. */
  readonly actorIndex: number
  /** On a pick-up: its wait (latency) in microseconds, as the statistics fold counts it. */
  readonly latency?: number | undefined
  /** In a pipeline: the index of the event's stage (`stage` is its name); codes are PipelineCode's. */
  readonly stageIndex?: number
}

export const decodeWindow = (
  window: DetailWindow,
  actors: ReadonlyArray<PageActor>,
  stages?: ReadonlyArray<PageStage>,
): Array<DetailEvent> =>
  stages === undefined ? decodeSingle(window, actors) : decodePipeline(window, actors, stages)

const decodeSingle = (window: DetailWindow, actors: ReadonlyArray<PageActor>): Array<DetailEvent> => {
  const numbers = window.events
  const events: Array<DetailEvent> = []
  let at = window.from
  let item = 0
  let position = 0
  while (position < numbers.length) {
    at += numbers[position] as number
    const packed = numbers[position + 1] as number
    item += numbers[position + 2] as number
    const value = numbers[position + 3] ?? undefined
    position += 4
    const code = packed % actorShift
    const actorIndex = Math.floor(packed / actorShift)
    const base = {
      at,
      type: eventTypeNames[code] as PageEventType,
      actor: actors[actorIndex]?.name ?? "?",
      item,
      value,
      code,
      actorIndex,
    }
    if (code === EventCode.produced || code === EventCode.handedOver) {
      events.push({ ...base, index: numbers[position++] ?? undefined })
    } else if (code === EventCode.dequeued) {
      events.push({ ...base, latency: numbers[position++] ?? undefined })
    } else {
      events.push(base)
    }
  }
  return events
}

const decodePipeline = (
  window: DetailWindow,
  actors: ReadonlyArray<PageActor>,
  stages: ReadonlyArray<PageStage>,
): Array<DetailEvent> => {
  const numbers = window.events
  const events: Array<DetailEvent> = []
  let at = window.from
  let item = 0
  let position = 0
  while (position < numbers.length) {
    at += numbers[position] as number
    const packed = numbers[position + 1] as number
    item += numbers[position + 2] as number
    const value = numbers[position + 3] ?? undefined
    const stageIndex = numbers[position + 4] as number
    position += 5
    const code = packed % pipelineActorShift
    const actorIndex = Math.floor(packed / pipelineActorShift)
    const extra = pipelineCodeHasExtra(code) ? (numbers[position++] ?? undefined) : undefined
    events.push({
      at,
      type: pipelineEventTypes[code] as PipelineEventType,
      actor: actors[actorIndex]?.name ?? "?",
      item,
      value,
      code,
      actorIndex,
      stageIndex,
      stage: stages[stageIndex]?.name ?? "?",
      ...(code === PipelineCode.dequeued
        ? { latency: extra }
        : code === PipelineCode.failed
          ? { attempt: extra }
          : code === PipelineCode.produced || code === PipelineCode.handedOver
            ? { index: extra }
            : {}),
    })
  }
  return events
}
