/**
 * Checks what the Schema cannot: that a recording tells a possible story. Times never go back, and
 * every item goes produced -> (blocked -> enqueued) -> dequeued -> processed, or is dropped, each
 * step once (a producer's `handedOver` may come at any point after `produced`). Event by event, so
 * that a large recording is checked as it is read.
 */
import type { RunEnd, SimEvent } from "../engine/events.ts"
import { formatSecondsPlain } from "../render/numbers.ts"

const itemEventTypes = new Set([
  "produced",
  "blocked",
  "enqueued",
  "dequeued",
  "processed",
  "dropped",
  "handedOver",
])

const Stage = { Produced: 1, Dequeued: 2, Processed: 3, Dropped: 4 } as const
type Stage = (typeof Stage)[keyof typeof Stage]

const seconds = (micros: number) => `${formatSecondsPlain(micros)} s`

const where = (index: number, event: SimEvent) => `events[${index}] (at ${seconds(event.at)})`

const itemProblem = (index: number, event: SimEvent, text: string) =>
  `${where(index, event)}: item ${event.item} ${text}`

export class ConsistencyCheck {
  // Stage by item id, and who picked each item up. Ids are small integers in practice (dense arrays).
  private readonly stages: Array<Stage | undefined> = []
  private readonly pickedUpBy: Array<string | undefined> = []
  private previousAt = 0
  private index = 0

  /** The problem with the next event, if it could not have happened. */
  check(event: SimEvent): string | undefined {
    const index = this.index++
    if (event.at < this.previousAt) {
      return `${where(index, event)}: time goes backwards, after an event at ${seconds(this.previousAt)}`
    }
    this.previousAt = event.at
    if (!itemEventTypes.has(event.type)) return undefined
    if (event.item === undefined || event.value === undefined) {
      return `${where(index, event)}: a ${event.type} event needs an item and a value`
    }
    const item = event.item
    const stage = this.stages[item]
    // No closures here: this runs for every event of a large recording.
    const problem = itemProblem
    switch (event.type) {
      case "produced":
        if (stage !== undefined) return problem(index, event, "is produced twice")
        this.stages[item] = Stage.Produced
        return undefined
      case "handedOver":
        // The producer's send returns after other tasks ran (trio): its item may be gone by then.
        return stage === undefined
          ? problem(index, event, "is handed over but was never produced")
          : undefined
      case "blocked":
      case "enqueued":
        return stage === Stage.Produced
          ? undefined
          : problem(index, event, `is ${event.type} but is not waiting to enter the queue`)
      case "dequeued":
        if (stage === undefined) return problem(index, event, "is dequeued but was never produced")
        if (stage === Stage.Dropped) return problem(index, event, "is dequeued after it was dropped")
        if (stage !== Stage.Produced) return problem(index, event, "is dequeued twice")
        this.stages[item] = Stage.Dequeued
        this.pickedUpBy[item] = event.actor
        return undefined
      case "processed":
        if (stage === undefined) return problem(index, event, "is processed but was never produced")
        if (stage === Stage.Processed) return problem(index, event, "is processed twice")
        if (stage !== Stage.Dequeued) return problem(index, event, "is processed but was never dequeued")
        if (this.pickedUpBy[item] !== event.actor) {
          return problem(index, event, "is processed by another consumer than the one that took it")
        }
        this.stages[item] = Stage.Processed
        this.pickedUpBy[item] = undefined
        return undefined
      default:
        if (stage === undefined) return problem(index, event, "is dropped but was never produced")
        if (stage !== Stage.Produced) return problem(index, event, "is dropped after it left the queue")
        this.stages[item] = Stage.Dropped
        return undefined
    }
  }

  /** The problem with the end, after the last event. */
  checkEnd(end: RunEnd): string | undefined {
    return end.at < this.previousAt ? `end.at (${seconds(end.at)}) is before the last event` : undefined
  }
}
