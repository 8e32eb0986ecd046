/**
 * A detail window's events, decoded from the page's flat number array (pageData.ts) back into
 * events the course's line functions and the drawing code take.
 */
import type { EventType, SimEvent } from "../engine/events.ts"
import {
  actorShift,
  type DetailWindow,
  EventCode,
  eventTypeNames,
  type PageActor,
  type PageStage,
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

/** How a page's events are packed: a single queue's, or a pipeline's (pageData.ts). */
interface Packing {
  readonly shift: number
  readonly types: ReadonlyArray<string>
  /** Whether a stage's index follows the value. */
  readonly staged: boolean
  readonly hasExtra: (code: number) => boolean
}

const singleQueue: Packing = {
  shift: actorShift,
  types: eventTypeNames,
  staged: false,
  hasExtra: (code) =>
    code === EventCode.produced || code === EventCode.dequeued || code === EventCode.handedOver,
}

const pipeline: Packing = {
  shift: pipelineActorShift,
  types: pipelineEventTypes,
  staged: true,
  hasExtra: pipelineCodeHasExtra,
}

export const decodeWindow = (
  window: DetailWindow,
  actors: ReadonlyArray<PageActor>,
  stages?: ReadonlyArray<PageStage>,
): Array<DetailEvent> => {
  const packing = stages === undefined ? singleQueue : pipeline
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
    const stageIndex = packing.staged ? (numbers[position++] as number) : undefined
    const code = packed % packing.shift
    const actorIndex = Math.floor(packed / packing.shift)
    const extra = packing.hasExtra(code) ? (numbers[position++] ?? undefined) : undefined
    const type = packing.types[code] as EventType
    events.push({
      at,
      type,
      actor: actors[actorIndex]?.name ?? "?",
      item,
      value,
      code,
      actorIndex,
      ...(stageIndex === undefined ? {} : { stageIndex, stage: stages?.[stageIndex]?.name ?? "?" }),
      ...(extra === undefined && !packing.hasExtra(code)
        ? {}
        : type === "dequeued"
          ? { latency: extra }
          : type === "failed"
            ? { attempt: extra }
            : { index: extra }),
    })
  }
  return events
}
