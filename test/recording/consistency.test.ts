import { describe, expect, it } from "@effect/vitest"
import type { SimEvent } from "../../src/engine/events.ts"
import { ConsistencyCheck } from "../../src/recording/consistency.ts"

const problems = (events: ReadonlyArray<SimEvent>) => {
  const check = new ConsistencyCheck()
  return events.flatMap((event) => check.check(event) ?? [])
}

const event = (type: string, actor: string, item: number): SimEvent => ({
  at: 0,
  type,
  actor,
  item,
  value: 1,
})

describe("the consistency check", () => {
  it("accepts a trio producer's send returning after the consumer picked its item up", () => {
    expect(
      problems([
        event("produced", "producer-1", 1),
        event("dequeued", "consumer-1", 1),
        event("handedOver", "producer-1", 1),
      ]),
    ).toEqual([])
  })

  it("refuses a hand-over of an item never produced", () => {
    expect(problems([event("handedOver", "producer-1", 1)])).toEqual([
      "events[0] (at 0 s): item 1 is handed over but was never produced",
    ])
  })
})
