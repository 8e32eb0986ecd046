/** The consistency check: every rule of a possible story, each with the one line it says. */
import { describe, expect, it } from "@effect/vitest"
import type { SimEvent } from "../../src/engine/events.ts"
import { ConsistencyCheck } from "../../src/recording/consistency.ts"

const problems = (events: ReadonlyArray<SimEvent>, end?: number) => {
  const check = new ConsistencyCheck()
  const found = events.flatMap((event) => check.check(event) ?? [])
  const atEnd = end === undefined ? undefined : check.checkEnd({ at: end, reason: "completed" })
  return atEnd === undefined ? found : [...found, atEnd]
}

const event = (type: string, actor: string, item: number, at = 0): SimEvent => ({
  at,
  type,
  actor,
  item,
  value: 1,
})
const produced = (item: number, at = 0) => event("produced", "producer-1", item, at)
const taken = (item: number, at = 0, actor = "consumer-1") => event("dequeued", actor, item, at)
const done = (item: number, at = 0, actor = "consumer-1") => event("processed", actor, item, at)

const cases: ReadonlyArray<readonly [string, ReadonlyArray<SimEvent>, string]> = [
  [
    "time going backwards",
    [produced(1, 2_000_000), taken(1, 1_000_000)],
    "events[1] (at 1 s): time goes backwards, after an event at 2 s",
  ],
  [
    "an item event without its item and value",
    [{ at: 0, type: "dequeued", actor: "consumer-1" }],
    "events[0] (at 0 s): a dequeued event needs an item and a value",
  ],
  ["an item produced twice", [produced(1), produced(1)], "events[1] (at 0 s): item 1 is produced twice"],
  [
    "a producer blocked on an item that is not waiting to enter the queue",
    [produced(1), taken(1), event("blocked", "producer-1", 1)],
    "events[2] (at 0 s): item 1 is blocked but is not waiting to enter the queue",
  ],
  [
    "an item enqueued that was never produced",
    [event("enqueued", "producer-1", 4)],
    "events[0] (at 0 s): item 4 is enqueued but is not waiting to enter the queue",
  ],
  [
    "an item dequeued that was never produced",
    [taken(2)],
    "events[0] (at 0 s): item 2 is dequeued but was never produced",
  ],
  [
    "an item dequeued after it was dropped",
    [produced(1), event("dropped", "producer-1", 1), taken(1)],
    "events[2] (at 0 s): item 1 is dequeued after it was dropped",
  ],
  [
    "an item dequeued twice",
    [produced(1), taken(1), taken(1, 5)],
    "events[2] (at 0.000005 s): item 1 is dequeued twice",
  ],
  [
    "an item processed that was never produced",
    [done(3)],
    "events[0] (at 0 s): item 3 is processed but was never produced",
  ],
  [
    "an item processed twice",
    [produced(1), taken(1), done(1), done(1)],
    "events[3] (at 0 s): item 1 is processed twice",
  ],
  [
    "an item processed that was never dequeued",
    [produced(1), done(1)],
    "events[1] (at 0 s): item 1 is processed but was never dequeued",
  ],
  [
    "an item processed by another consumer than the one that took it",
    [produced(1), taken(1, 0, "consumer-1"), done(1, 1, "consumer-2")],
    "events[2] (at 0.000001 s): item 1 is processed by another consumer than the one that took it",
  ],
  [
    "an item dropped that was never produced",
    [event("dropped", "producer-1", 9)],
    "events[0] (at 0 s): item 9 is dropped but was never produced",
  ],
  [
    "an item dropped after it left the queue",
    [produced(1), taken(1), event("dropped", "producer-1", 1)],
    "events[2] (at 0 s): item 1 is dropped after it left the queue",
  ],
  [
    "an item handed over that was never produced",
    [event("handedOver", "producer-1", 1)],
    "events[0] (at 0 s): item 1 is handed over but was never produced",
  ],
]

describe("the consistency check", () => {
  for (const [name, events, message] of cases) {
    it(`refuses ${name}`, () => {
      expect(problems(events)).toEqual([message])
    })
  }

  it("refuses an end before the last event", () => {
    expect(problems([produced(1, 9_000_000)], 5_000_000)).toEqual(["end.at (5 s) is before the last event"])
  })

  it("accepts a whole story, a blocked hand-over, a drop, types it does not know, and a hand-over returning late", () => {
    expect(
      problems(
        [
          produced(1),
          taken(1),
          produced(2),
          event("blocked", "producer-1", 2),
          event("enqueued", "producer-1", 2, 10),
          event("handedOver", "producer-1", 2, 10),
          { at: 10, type: "coffee-break", actor: "consumer-1" },
          done(1, 20),
          taken(2, 20),
          produced(3, 20),
          event("dropped", "producer-1", 3, 20),
          done(2, 30),
          produced(4, 30),
          taken(4, 30),
          // Trio's send returns after the consumer took the item.
          event("handedOver", "producer-1", 4, 30),
        ],
        30,
      ),
    ).toEqual([])
  })
})
