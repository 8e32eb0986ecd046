/**
 * What the HTML page embeds of one run, besides its header, end and statistics: the shape that the
 * page-data fold (pageDataSink.ts) writes and the browser code reads. It is plain JSON, compact and
 * bounded whatever the run's length and its number of actors (many actors share lanes):
 * - `columns`: the run cut into at most `columnCapacity` equal time columns (aggregates: busy time per
 *   consumer, stamps and blocked time per producer, queue depth min/max/area, drops, pick-ups, waits);
 * - `latencyHistogram`: the latencies (creation to pick-up) in at most `histogramCapacity` equal bins;
 * - `detail`: every event of some stretches of the run ("windows"), each with the state it starts in.
 *   A short run is held whole; a long one keeps evenly spread samples plus its last stretch.
 * All times are integer microseconds since the run started, as in the recording.
 */
import type { EventType } from "../engine/events.ts"
import { knownEventTypes } from "../engine/eventTypes.ts"
import type { ActorRole } from "../lifecycle/actorRoster.ts"
import { EventCode, type ItemEventType } from "../lifecycle/itemLifecycle.ts"

export type { ActorRole } from "../lifecycle/actorRoster.ts"

/**
 * A lane of the timeline: one actor, or (in a run with many actors, see actorLanes.ts) a run of
 * neighbouring actors of one role, whose figures are their sums. Events, columns and starting
 * states name lanes by their index in `actors`.
 */
export interface PageActor {
  /** As the run named it (a lane of many: the first and last member's names): untrusted, shown as text only. */
  readonly name: string
  readonly role: ActorRole
  /** How many actors the lane stands for, when more than one. */
  readonly members?: number
  /** In a pipeline: the index in `stages` of the stage whose workers the lane holds. */
  readonly stage?: number
}

/** A pipeline's stage, in the scenario's order: its name (untrusted, shown as text only). */
export interface PageStage {
  readonly name: string
}

/** A queue's depth per time column: least, greatest, and items waiting times microseconds held. */
export interface DepthColumns {
  readonly depthMin: ReadonlyArray<number | null>
  readonly depthMax: ReadonlyArray<number | null>
  readonly depthArea: ReadonlyArray<number>
  /** Items the queue's full bound dropped or evicted (a pipeline stage's). */
  readonly dropped?: ReadonlyArray<number>
}

/** Equal bins of a quantity (time, or latency), as written by DoublingBins. */
export interface Bins {
  /** Width of each bin, in microseconds. Bin i covers [i * width, (i + 1) * width). */
  readonly width: number
  /** How many bins are used. */
  readonly count: number
}

/** Per time column; arrays have `count` entries. Sums and extremes, so columns add up. */
export interface TimeColumns extends Bins {
  /** Per lane (same index as `actors`): busy microseconds (consumers) or blocked microseconds (producers), summed over a lane's members. */
  readonly spanMicros: ReadonlyArray<ReadonlyArray<number>>
  /** Per lane: items stamped (producers) or picked up (consumers). */
  readonly itemCount: ReadonlyArray<ReadonlyArray<number>>
  /** Least and most items waiting in the queue, over the time the column covers (depths held for no time are left out). */
  readonly depthMin: ReadonlyArray<number | null>
  readonly depthMax: ReadonlyArray<number | null>
  /** Items waiting times microseconds held: the time-weighted mean depth is depthArea / covered time. */
  readonly depthArea: ReadonlyArray<number>
  readonly dropped: ReadonlyArray<number>
  /** Sum and largest of the waits (latencies) of the items picked up in the column. */
  readonly waitSum: ReadonlyArray<number>
  readonly waitMax: ReadonlyArray<number>
  /** In a pipeline: each stage's queue (the top-level depth is the first stage's, as in the statistics). */
  readonly stageDepths?: ReadonlyArray<DepthColumns>
  /** In a pipeline, per lane: microseconds its workers were held by a full queue below. */
  readonly heldMicros?: ReadonlyArray<ReadonlyArray<number>>
}

export interface LatencyHistogram extends Bins {
  readonly counts: ReadonlyArray<number>
}

/** An item waiting in the queue. */
export interface WaitingItem {
  readonly item: number
  readonly value: number | undefined
  readonly producedAt: number
  /** Index in `actors` of the producer that made it. */
  readonly producer: number
}

/** An item a consumer holds (processing) or a producer holds (blocked on a full queue), since when. */
export interface HeldItem {
  readonly item: number
  readonly value: number | undefined
  readonly producedAt: number
  readonly since: number
  /** In a pipeline: the stage whose full queue holds the actor up (a worker held, a producer blocked). */
  readonly blockedOn?: number
}

/** A pipeline stage's queue at one instant. */
export interface StageQueueSnapshot {
  readonly depth: number
  /** The oldest waiting items, oldest first (`producer`: the lane that put the item there). */
  readonly waiting: ReadonlyArray<WaitingItem>
}

/** The state of a run at one instant, enough to draw and list what follows without what came before. */
export interface RunSnapshot {
  /** Items waiting in the queue. */
  readonly depth: number
  /** The oldest waiting items, oldest first; at most a few hundred (the rest is `depth` minus these). */
  readonly waiting: ReadonlyArray<WaitingItem>
  /** Per actor: what it holds (a consumer processing, a producer blocked), or null (always, for a lane of many). */
  readonly holding: ReadonlyArray<HeldItem | null>
  /** Per actor: items stamped so far (producers) or finished (consumers); a lane of many, its members' sum. */
  readonly done: ReadonlyArray<number>
  /** In a pipeline: every stage's queue (the top-level `depth` and `waiting` are the first stage's). */
  readonly stages?: ReadonlyArray<StageQueueSnapshot>
}

/**
 * Events, flattened into one array of numbers, four or five per event:
 * `at - previous at, type code + 8 * actor index, item - previous item, value` then, for `produced`
 * and `handedOver`, the producer's index where the event carries one (the course prints its line
 * there; null otherwise), and for `dequeued`, the latency in microseconds (null when unknown).
 */
export type EncodedEvents = ReadonlyArray<number | null>

export interface DetailWindow {
  /**
   * Every event with from <= at < until is in `events`; `until` is past the run's end for the last
   * window. (Only an instant holding more than twice a chunk of events is ever split between two.)
   */
  readonly from: number
  readonly until: number
  /** The state just before the first event of the window. */
  readonly start: RunSnapshot
  readonly eventCount: number
  readonly events: EncodedEvents
}

export interface DetailSample {
  /** Events in the run, and how many of them the windows hold. */
  readonly runEvents: number
  readonly heldEvents: number
  readonly windows: ReadonlyArray<DetailWindow>
}

export interface PageData {
  readonly actors: ReadonlyArray<PageActor>
  /** A pipeline's stages; absent for the course's single queue. */
  readonly stages?: ReadonlyArray<PageStage>
  readonly columns: TimeColumns
  readonly latencyHistogram: LatencyHistogram
  readonly detail: DetailSample
}

/** Event types by code (the lifecycle's codes); other types are skipped, as every reader does. */
export { EventCode, eventTypeCode } from "../lifecycle/itemLifecycle.ts"
export type PageEventType = ItemEventType
export const eventTypeNames = Object.keys(EventCode) as ReadonlyArray<PageEventType>
/** Codes take three bits; the actor index is packed above them. */
export const actorShift = 8

/**
 * A pipeline's events are encoded as a single queue's, five or six numbers each: `at - previous at,
 * type code + 16 * lane, item - previous item, value, stage index`, then the producer's count on
 * `produced`, the wait in the stage's queue on `dequeued`, the attempt on `failed`. The codes are
 * the single queue's, then the pipeline's own types.
 */
export const pipelineEventTypes: ReadonlyArray<EventType> = [
  ...eventTypeNames,
  ...knownEventTypes.filter((type) => !(type in EventCode)),
]
export const PipelineCode = Object.fromEntries(pipelineEventTypes.map((type, code) => [type, code])) as {
  readonly [type in EventType]: number
}
export const pipelineActorShift = 16
/** The code of a pipeline event's type, or -1 for a type this version does not know. */
const pipelineCodes: ReadonlyMap<string, number> = new Map(
  pipelineEventTypes.map((type, code) => [type, code]),
)
export const pipelineTypeCode = (type: string): number => pipelineCodes.get(type) ?? -1
/** Whether a pipeline event's code carries a sixth number. */
export const pipelineCodeHasExtra = (code: number): boolean =>
  code === PipelineCode.produced ||
  code === PipelineCode.dequeued ||
  code === PipelineCode.handedOver ||
  code === PipelineCode.failed
