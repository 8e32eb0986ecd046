/**
 * Checks what the Schema cannot: that a recording tells a possible story. Times never go back, and
 * every item goes produced -> (blocked -> enqueued) -> dequeued -> processed, or is dropped, each
 * step once.
 */
import type { Recording } from "./format.ts"

const itemEventTypes = new Set(["produced", "blocked", "enqueued", "dequeued", "processed", "dropped"])

const Stage = { Produced: 0, Dequeued: 1, Processed: 2, Dropped: 3 } as const
type Stage = (typeof Stage)[keyof typeof Stage]

const seconds = (micros: number) => `${micros / 1_000_000} s`

/** The first thing in the recording that could not have happened, or undefined. */
export const findInconsistency = (recording: Recording): string | undefined => {
  const stages = new Map<number, Stage>()
  const pickedUpBy = new Map<number, string>()
  let previousAt = 0
  for (let index = 0; index < recording.events.length; index++) {
    const event = recording.events[index]
    if (event === undefined) continue
    const where = `events[${index}] (at ${seconds(event.at)})`
    if (event.at < previousAt)
      return `${where}: time goes backwards, after an event at ${seconds(previousAt)}`
    previousAt = event.at
    if (!itemEventTypes.has(event.type)) continue
    if (event.item === undefined || event.value === undefined) {
      return `${where}: a ${event.type} event needs an item and a value`
    }
    const item = event.item
    const stage = stages.get(item)
    const problem = (text: string) => `${where}: item ${item} ${text}`
    switch (event.type) {
      case "produced":
        if (stage !== undefined) return problem("is produced twice")
        stages.set(item, Stage.Produced)
        break
      case "blocked":
      case "enqueued":
        if (stage !== Stage.Produced) return problem(`is ${event.type} but is not waiting to enter the queue`)
        break
      case "dequeued":
        if (stage === undefined) return problem("is dequeued but was never produced")
        if (stage === Stage.Dropped) return problem("is dequeued after it was dropped")
        if (stage !== Stage.Produced) return problem("is dequeued twice")
        stages.set(item, Stage.Dequeued)
        pickedUpBy.set(item, event.actor)
        break
      case "processed":
        if (stage === undefined) return problem("is processed but was never produced")
        if (stage === Stage.Processed) return problem("is processed twice")
        if (stage !== Stage.Dequeued) return problem("is processed but was never dequeued")
        if (pickedUpBy.get(item) !== event.actor)
          return problem("is processed by another consumer than the one that took it")
        stages.set(item, Stage.Processed)
        break
      case "dropped":
        if (stage === undefined) return problem("is dropped but was never produced")
        if (stage !== Stage.Produced) return problem("is dropped after it left the queue")
        stages.set(item, Stage.Dropped)
        break
    }
  }
  if (recording.end.at < previousAt) return `end.at (${seconds(recording.end.at)}) is before the last event`
  return undefined
}
