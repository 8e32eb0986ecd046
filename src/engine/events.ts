/**
 * The event vocabulary of a run. Events are the single source of truth: the recording, the coloured
 * lines and every statistic are derived from this list and nothing else.
 */
import type { ScenarioJson } from "../scenario/scenario.ts"

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

export interface SimEvent {
  /** Microseconds since the run started. */
  readonly at: number
  readonly type: EventType | (string & {})
  readonly actor: string
  readonly item?: number | undefined
  readonly value?: number | undefined
  /**
   * The producer's own count, 1..n, on the event where the course prints ` -- generated item {index}`:
   * `produced`, or `handedOver` in runs that report it.
   */
  readonly index?: number | undefined
}

export type EndReason = "completed" | "timeout" | "interrupted"

export interface RunEnd {
  readonly at: number
  readonly reason: EndReason
}

/**
 * What a run is, before it starts: the recording's `meta`, and what every sink is told first.
 * `scenario` is the resolved scenario as plain JSON (scenarioToJson).
 */
export interface RunHeader {
  readonly mode: string
  readonly seed: number
  readonly clock: "virtual" | "live"
  readonly generator: string
  readonly scenario: ScenarioJson
}

/** Where a run reports what happens, as it happens. */
export interface RunSink {
  readonly event: (event: SimEvent) => void
  readonly end: (end: RunEnd) => void
}

export const producerName = (index: number): string => `producer-${index}`
export const consumerName = (index: number): string => `consumer-${index}`
