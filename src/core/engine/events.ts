/**
 * The event vocabulary of a run. Events are the single source of truth: the recording, the coloured
 * lines and every statistic are derived from this list and nothing else.
 */
import * as Schema from "effect/Schema"
import { clocks, modes, ScenarioJson } from "../scenario/scenarioJson.ts"
import { knownEventTypes } from "./eventTypes.ts"

export type EventType =
  /** An item was created and stamped by a producer (before it is handed over). */
  | "produced"
  /** The queue was full, so the producer waits to hand the item over (`--when-full suspend`). */
  | "blocked"
  /** A producer that had been blocked finally put its item into the queue. */
  | "enqueued"
  /** A consumer picked the item up; latency ends here. */
  | "dequeued"
  /** A consumer finished processing the item; sojourn ends here. */
  | "processed"
  /** A full queue refused the item (`drop`) or evicted it to make room (`slide`). */
  | "dropped"
  /**
   * The producer's hand-over returned after other tasks ran: trio's `send`, a checkpoint. Only runs
   * that model trio report it, and there the course prints the generated line here, not at `produced`.
   */
  | "handedOver"
  // A pipeline's own events (the ones above carry `stage` there: the stage whose queue or worker is meant).
  /** A stage's worker offers its finished item to the next stage's queue (`stage`): it waits there now. */
  | "forwarded"
  /** That queue is full and suspends: the worker holds the item and waits for room (Type I blocking). */
  | "held"
  /** The item a worker held got into the next stage's queue (`stage`); the worker is free again. */
  | "handedOn"
  /** An attempt at the item in `stage` failed (after its service time); `attempt` counts from 1. */
  | "failed"
  /**
   * After its backoff, a failed item enters its stage's queue again, at the back (when the queue was
   * full and suspends, at the moment it got in: no actor waits for it).
   */
  | "retried"
  /** The item failed its last allowed attempt in `stage`: counted and gone. */
  | "deadLettered"
  /** The item left the pipeline done, after its processing in `stage`. */
  | "departed"

/** An event as a recording may hold it: any type, which a reader narrows to the ones it knows. */
export type RecordedLine = Omit<SimEvent, "type"> & { readonly type: string }

const eventTypes: ReadonlySet<string> = new Set(knownEventTypes)

/** Whether a recorded event is of a type this version knows (readers set the others aside). */
export const isKnownEvent = (event: RecordedLine): event is SimEvent => eventTypes.has(event.type)

export interface SimEvent {
  /** Microseconds since the run started. */
  readonly at: number
  readonly type: EventType
  readonly actor: string
  readonly item?: number | undefined
  readonly value?: number | undefined
  /**
   * The producer's own count, 1..n, on the event where the course prints ` -- generated item {index}`:
   * `produced`, or `handedOver` in runs that report it.
   */
  readonly index?: number | undefined
  /** In a pipeline: the stage whose queue or worker the event is about (absent in single-stage runs). */
  readonly stage?: string | undefined
  /** On `failed`: which attempt at the item in that stage failed, from 1. */
  readonly attempt?: number | undefined
}

export const endReasons = ["completed", "timeout", "interrupted"] as const
export type EndReason = (typeof endReasons)[number]

const Micros = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

export const RunEnd = Schema.Struct({ at: Micros, reason: Schema.Literals(endReasons) })
export type RunEnd = typeof RunEnd.Type

/**
 * What a run is, before it starts: the recording's `meta`, and what every sink is told first.
 * `scenario` is the resolved scenario (scenarioToJson).
 */
export const RunHeader = Schema.Struct({
  mode: Schema.Literals(modes),
  seed: Schema.Int,
  clock: Schema.Literals(clocks),
  // NAME@VERSION: a recording is untrusted, and a megabyte-long name would stretch every line that shows it.
  generator: Schema.String.check(Schema.isMaxLength(200)),
  scenario: ScenarioJson,
})
export type RunHeader = typeof RunHeader.Type

export const producerName = (index: number): string => `producer-${index}`
export const consumerName = (index: number): string => `consumer-${index}`

/**
 * An actor as the engine knows it: its name, which its events carry, and its index in the run's
 * roster (lifecycle/actorRoster.ts), which the engine hands its listener beside each event so that
 * the folds, run for every event, need not look the name up.
 */
export interface RunActor {
  readonly name: string
  readonly index: number
}

/** What a run reports each event to: the event, and the index of its actor in the run's roster. */
export type EventListener = (event: SimEvent, actor: number) => void
