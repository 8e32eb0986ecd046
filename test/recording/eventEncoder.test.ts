import { describe, expect, it } from "@effect/vitest"
import type { EventType, SimEvent } from "../../src/core/engine/events.ts"
import { serializeEvent } from "../../src/core/recording/serialize.ts"
import { makeLineWriter } from "../../src/recording/lineWriter.ts"

/** What the line writer writes out for these events. */
const written = (events: ReadonlyArray<SimEvent>): string => {
  const pieces: Array<Buffer> = []
  const lines = makeLineWriter({
    write: (bytes, length) => pieces.push(Buffer.from(bytes.subarray(0, length))),
  })
  lines.text("[")
  for (const event of events) lines.event(event)
  lines.text("]")
  return Buffer.concat(pieces).toString("utf8")
}

/** The same through the string serialiser, which defines the layout. */
const expected = (events: ReadonlyArray<SimEvent>): string =>
  `[${events.map((event, index) => (index === 0 ? "\n" : ",\n") + serializeEvent(event)).join("")}]`

const boundaries = [
  0,
  1,
  9,
  10,
  99,
  100,
  101,
  999,
  1000,
  12_345,
  99_999,
  100_000,
  999_999_999,
  1_000_000_000,
  2 ** 31 - 1,
  2 ** 31,
  4_294_967_296,
  1_000_000_000_001,
  1_999_999_999,
  123_456_789_012_345,
  8_999_999_999_999_999,
  Number.MAX_SAFE_INTEGER,
]

describe("the event encoder", () => {
  it("writes every whole number, small or past 2^31, as JSON does", () => {
    const events = boundaries.map((at, index) => ({
      at,
      type: "produced" as const,
      actor: "producer-1",
      item: boundaries[(index + 7) % boundaries.length],
      value: boundaries[(index + 13) % boundaries.length],
      index: boundaries[boundaries.length - 1 - index],
    }))
    expect(written(events)).toBe(expected(events))
  })

  it("writes any other number as JSON does, and leaves absent fields out", () => {
    const events: Array<SimEvent> = [
      { at: 1.5, type: "dequeued", actor: "consumer-1", item: -3, value: 2 ** 60 },
      { at: 7, type: "processed", actor: "consumer-1", item: 1e21, value: -0.000001 },
      { at: 8, type: "future-kind" as EventType, actor: "someone" },
      { at: 9, type: "dropped", actor: "producer-2", item: 4 },
    ]
    expect(written(events)).toBe(expected(events))
  })

  it("quotes labels as JSON does, whatever their characters", () => {
    const events = [
      'say "hi"',
      "back\\slash",
      "line\nbreak",
      "tab\t\u0001",
      "naïve ✓ 生产者",
      "\ud83d\ude00",
    ].map((actor, index) => ({
      at: index,
      type: "produced" as const,
      actor,
      item: index,
      value: index,
      index,
    }))
    expect(written(events)).toBe(expected(events))
  })

  it("writes a pipeline's stage and attempt as JSON does, for more stages than it keeps encoded", () => {
    const stages = ["parse", 'odd "name"', "naïve\n✓", ...Array.from({ length: 100 }, (_, n) => `stage-${n}`)]
    const events: Array<SimEvent> = stages.flatMap((stage, index) => [
      { at: index, type: "dequeued" as const, actor: `${stage}-1`, item: index, value: 4, stage },
      {
        at: index,
        type: "failed" as const,
        actor: `${stage}-1`,
        item: index,
        value: 4,
        stage,
        attempt: index + 1,
      },
      { at: index, type: "failed" as const, actor: `${stage}-1`, item: index, stage, attempt: 2 ** 40 + 0.5 },
      { at: index, type: "retried" as const, actor: `${stage}-1`, item: index, value: 4, stage },
    ])
    expect(written(events)).toBe(expected(events))
  })

  it("gives the same bytes across many buffer flushes and for a line longer than its buffer", () => {
    const events: Array<SimEvent> = []
    for (let item = 1; item <= 5_000; item++) {
      events.push({
        at: item * 1_000_003,
        type: "produced",
        actor: "producer-1",
        item,
        value: item * item,
        index: item,
      })
      events.push({ at: item * 1_000_007, type: "dequeued", actor: "consumer-1", item, value: item * item })
    }
    events.splice(4_321, 0, {
      at: 1,
      type: "produced",
      actor: "x".repeat(100_000),
      item: 1,
      value: 1,
      index: 1,
    })
    expect(written(events)).toBe(expected(events))
  })
})
