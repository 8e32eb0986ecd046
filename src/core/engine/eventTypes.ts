/**
 * The event types a run reports, as a list with nothing else in its module, for readers that must
 * not carry the engine (the page's code): events.ts says what each one means.
 */
import type { EventType } from "./events.ts"

/** Every event type this version knows, in the order they were added. */
export const knownEventTypes: ReadonlyArray<EventType> = [
  "produced",
  "blocked",
  "enqueued",
  "dequeued",
  "processed",
  "dropped",
  "handedOver",
  "forwarded",
  "held",
  "handedOn",
  "failed",
  "retried",
  "deadLettered",
  "departed",
]
