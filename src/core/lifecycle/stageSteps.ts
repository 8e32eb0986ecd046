/**
 * A pipeline's events as steps of the one item lifecycle of the stage's queue they name: an item
 * enters the queue when it is produced into the first stage, forwarded to this one, or retried
 * here; a worker held by this full queue is the lifecycle's blocked producer; a failed attempt
 * ends the worker's hold as a processed one does. Every fold that holds a lifecycle per stage (the
 * statistics, the page, the consistency check) maps events through here.
 */
import { EventCode } from "./itemLifecycle.ts"

/** The lifecycle step a pipeline event is for the queue of the stage it names, or -1. */
export const stageStepOf = (type: string): number => {
  switch (type) {
    case "produced":
    case "forwarded":
    case "retried":
      return EventCode.produced
    case "blocked":
    case "held":
      return EventCode.blocked
    case "enqueued":
    case "handedOn":
      return EventCode.enqueued
    case "dequeued":
      return EventCode.dequeued
    case "processed":
    case "failed":
      return EventCode.processed
    case "dropped":
      return EventCode.dropped
    default:
      return -1
  }
}
