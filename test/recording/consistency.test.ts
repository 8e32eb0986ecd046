/** The consistency check: every rule of a possible story, each with the one line it says. */
import { describe, expect, it } from "@effect/vitest"
import type { EventType, RunEnd, RunHeader, SimEvent } from "../../src/core/engine/events.ts"
import { ConsistencyCheck, type StoryCheck } from "../../src/core/recording/consistency.ts"
import { runHeader } from "../../src/core/run.ts"
import type { ScenarioInput } from "../../src/core/scenario/scenario.ts"
import { resolveOrThrow } from "../support/runs.ts"

/** Two producers of 3 items, two consumers, a queue of 2 that suspends, a 10 s timeout. */
const scenario: ScenarioInput = { producers: 2, items: 3, consumers: 2, capacity: 2, timeout: "10s" }
const header = (input: ScenarioInput = scenario): RunHeader => runHeader(resolveOrThrow(input))

const checkOf = (of: RunHeader = header()): StoryCheck => {
  const check = ConsistencyCheck.of(of)
  if (typeof check === "string") throw new Error(check)
  return check
}

/** Where a case leaves an event's value to it, the one the course's programs give: a producer's n-th item has n^2. */
const courseValue = -1

const withCourseValues = (events: ReadonlyArray<SimEvent>): Array<SimEvent> => {
  const made = new Map<string, number>()
  const values = new Map<number, number>()
  return events.map((event) => {
    if (event.value !== courseValue || event.item === undefined) return event
    if (event.type === "produced" && !values.has(event.item)) {
      const count = (made.get(event.actor) ?? 0) + 1
      made.set(event.actor, count)
      values.set(event.item, count * count)
    }
    return { ...event, value: values.get(event.item) ?? 1 }
  })
}

const problems = (events: ReadonlyArray<SimEvent>, end?: RunEnd) => {
  const check = checkOf()
  const found = withCourseValues(events).flatMap((event) => check.check(event) ?? [])
  const atEnd = end === undefined ? undefined : check.checkEnd(end)
  return atEnd === undefined ? found : [...found, atEnd]
}

const event = (type: EventType, actor: string, item: number, at = 0, value = courseValue): SimEvent => ({
  at,
  type,
  actor,
  item,
  value,
})
const produced = (item: number, at = 0, actor = "producer-1") => event("produced", actor, item, at)
const taken = (item: number, at = 0, actor = "consumer-1") => event("dequeued", actor, item, at)
const done = (item: number, at = 0, actor = "consumer-1") => event("processed", actor, item, at)

const cases: ReadonlyArray<readonly [string, ReadonlyArray<SimEvent>, string]> = [
  [
    "time going backwards",
    [produced(1, 2_000_000), taken(1, 1_000_000)],
    "events[1] (at 1 s): time goes backwards, after an event at 2 s",
  ],
  [
    "an event after the timeout",
    [produced(1, 10_000_001)],
    "events[0] (at 10.000001 s): comes after the scenario's timeout (10 s)",
  ],
  [
    "an item event without its item and value",
    [{ at: 0, type: "dequeued", actor: "consumer-1" }],
    "events[0] (at 0 s): a dequeued event needs an item and a value",
  ],
  ["an item produced twice", [produced(1), produced(1)], "events[1] (at 0 s): item 1 is produced twice"],
  [
    "a producer blocked on an item that is not being handed over",
    [produced(1), taken(1), event("blocked", "producer-1", 1)],
    "events[2] (at 0 s): item 1 is blocked but is not being handed over",
  ],
  [
    "an item enqueued that was never produced",
    [event("enqueued", "producer-1", 4)],
    "events[0] (at 0 s): item 4 is enqueued but was never produced",
  ],
  [
    "an item enqueued without a wait",
    [produced(1), event("enqueued", "producer-1", 1)],
    "events[1] (at 0 s): item 1 is enqueued but was not waiting to enter the queue",
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
    "an item dequeued while its producer still waits to put it in the queue (a negative depth)",
    [produced(1), event("blocked", "producer-1", 1), taken(1)],
    "events[2] (at 0 s): item 1 is dequeued before it entered the queue",
  ],
  [
    "an item dropped while it waits to enter the queue (a negative depth)",
    [produced(1), event("blocked", "producer-1", 1), event("dropped", "producer-1", 1)],
    "events[2] (at 0 s): item 1 is dropped but is not in the queue",
  ],
  [
    "an item dequeued twice",
    [produced(1), taken(1), taken(1, 5, "consumer-2")],
    "events[2] (at 0.000005 s): item 1 is dequeued twice",
  ],
  [
    "one consumer holding two items at once",
    [produced(1), produced(2), taken(1), taken(2)],
    "events[3] (at 0 s): item 2 is dequeued by consumer-1, which still holds item 1",
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
    [event("dropped", "producer-1", 5)],
    "events[0] (at 0 s): item 5 is dropped but was never produced",
  ],
  [
    "an item dropped after it left the queue",
    [produced(1), taken(1), event("dropped", "producer-1", 1)],
    "events[2] (at 0 s): item 1 is dropped but is not in the queue",
  ],
  [
    "an item handed over that was never produced",
    [event("handedOver", "producer-1", 1)],
    "events[0] (at 0 s): item 1 is handedOver but was never produced",
  ],
  [
    "a consumer the scenario does not have (a utilization over 100%)",
    [produced(1), taken(1, 0, "consumer-3")],
    'events[1] (at 0 s): a dequeued event comes from "consumer-3", which is none of the scenario\'s 2 consumers',
  ],
  [
    "a producer the scenario does not have",
    [produced(1, 0, "producer-0")],
    'events[0] (at 0 s): a produced event comes from "producer-0", which is none of the scenario\'s 2 producers',
  ],
  [
    "a negative item id",
    [produced(-1)],
    "events[0] (at 0 s): item -1 is not one of the scenario's 6 items (ids 1 to 6)",
  ],
  [
    "an item id beyond the scenario's items",
    [produced(7)],
    "events[0] (at 0 s): item 7 is not one of the scenario's 6 items (ids 1 to 6)",
  ],
  [
    "an index beyond the items a producer makes",
    [{ ...produced(1), index: 4 }],
    "events[0] (at 0 s): item 1 has index 4, beyond the 3 items a producer makes",
  ],
  [
    "a value its producer could not have made (a producer's n-th item has n squared)",
    [produced(1), event("produced", "producer-1", 2, 0, 1.7976931348623157e308)],
    "events[1] (at 0 s): item 2 has value 1.7976931348623157e+308, but the 2nd item of producer-1 has the value 4",
  ],
  [
    "an item whose value changes",
    [produced(1), event("dequeued", "consumer-1", 1, 0, 99)],
    "events[1] (at 0 s): item 1 has value 99, but was produced with 1",
  ],
  [
    "a queue deeper than its capacity for some time",
    [produced(1), produced(2), produced(3, 0, "producer-2"), taken(1, 5)],
    "events[3] (at 0.000005 s): the queue holds 3 items from 0 s on, over its capacity of 2",
  ],
]

describe("the consistency check", () => {
  for (const [name, events, message] of cases) {
    it(`refuses ${name}`, () => {
      expect(problems(events)).toEqual([message])
    })
  }

  it("refuses an end before the last event, a queue too deep until the end, a timeout that is not at its time", () => {
    expect(problems([produced(1, 9_000_000)], { at: 5_000_000, reason: "completed" })).toEqual([
      "end.at (5 s) is before the last event",
    ])
    expect(
      problems([produced(1), produced(2), produced(3, 0, "producer-2")], { at: 1, reason: "interrupted" }),
    ).toEqual(["end: the queue holds 3 items from 0 s on, over its capacity of 2"])
    expect(problems([], { at: 9_000_000, reason: "timeout" })).toEqual([
      "the run ends by its timeout at 9 s, not at the timeout (10 s)",
    ])
  })

  it("refuses a header whose scenario could not be (0 or -1 consumers: a utilization of Infinity or -500%)", () => {
    for (const consumers of [0, -1]) {
      const of = header()
      expect(ConsistencyCheck.of({ ...of, scenario: { ...of.scenario, consumers } })).toBe(
        `meta.scenario.consumers must be a positive whole number (got ${consumers})`,
      )
    }
    expect(ConsistencyCheck.of({ ...header(), mode: "sync" })).toBe(
      'meta.mode ("sync") is not meta.scenario.mode ("async")',
    )
  })

  it("accepts a whole story, a blocked hand-over, a drop, types it does not know, and a hand-over returning late", () => {
    expect(
      problems(
        [
          produced(1),
          taken(1),
          produced(2),
          produced(3, 0, "producer-2"),
          // The queue is full: an offer is counted, then waits, within the same instant.
          produced(4),
          event("blocked", "producer-1", 4),
          event("enqueued", "producer-1", 4, 10),
          event("handedOver", "producer-1", 4, 10),
          taken(2, 10, "consumer-2"),
          { at: 10, type: "coffee-break" as EventType, actor: "consumer-1" },
          // Named like what every object inherits: still a type it does not know.
          { at: 10, type: "constructor" as EventType, actor: "consumer-1" },
          { at: 10, type: "__proto__" as EventType, actor: "consumer-1" },
          done(1, 20),
          taken(3, 20),
          produced(5, 20, "producer-2"),
          event("dropped", "producer-2", 5, 20),
          done(3, 30),
          produced(6, 30, "producer-2"),
          taken(6, 30),
          // Trio's send returns after the consumer took the item.
          event("handedOver", "producer-2", 6, 30),
        ],
        { at: 10_000_000, reason: "timeout" },
      ),
    ).toEqual([])
  })
})
