import { describe, expect, it } from "@effect/vitest"
import * as Schema from "effect/Schema"
import type { EventType, RunHeader, SimEvent } from "../../src/core/engine/events.ts"
import { scenarioToJson } from "../../src/core/scenario/scenario.ts"
import { Statistics } from "../../src/core/stats/schema.ts"
import { StatisticsFold } from "../../src/core/stats/statistics.ts"
import { summarizeMicros } from "../../src/core/stats/summary.ts"
import { resolveOrThrow } from "../support/runs.ts"

const header = (consumers: number): RunHeader => ({
  mode: "async",
  seed: 7,
  clock: "virtual",
  generator: "test",
  scenario: { ...scenarioToJson(resolveOrThrow({})), consumers },
})

const fold = (events: ReadonlyArray<SimEvent>, end: number, consumers = 1) => {
  const statistics = new StatisticsFold()
  statistics.start(header(consumers))
  const latencies = events.map((event) => {
    statistics.event(event)
    return event.type === "dequeued" ? statistics.latencyOf(event) : undefined
  })
  return { latencies, statistics: statistics.finish({ at: end, reason: "completed" }) }
}

const item = (at: number, type: EventType, actor: string, id: number): SimEvent => ({
  at,
  type,
  actor,
  item: id,
  value: id * id,
})

describe("the statistics fold", () => {
  // Two items: the second waits 1 s in the queue while the consumer works on the first.
  const events = [
    item(0, "produced", "producer-1", 1),
    item(0, "dequeued", "consumer-1", 1),
    item(1_000_000, "produced", "producer-1", 2),
    item(2_000_000, "processed", "consumer-1", 1),
    item(2_000_000, "dequeued", "consumer-1", 2),
    item(4_000_000, "processed", "consumer-1", 2),
  ]

  it("answers the latency of each pick-up", () => {
    expect(fold(events, 5_000_000).latencies).toEqual([
      undefined,
      0,
      undefined,
      undefined,
      1_000_000,
      undefined,
    ])
  })

  it("computes the figures of the statistics object", () => {
    expect(fold(events, 5_000_000).statistics).toEqual({
      mode: "async",
      seed: 7,
      elapsed: 5,
      end: { at: 5, reason: "completed" },
      produced: 2,
      consumed: 2,
      dropped: 0,
      dropRate: 0,
      latency: { count: 2, min: 0, mean: 0.5, p50: 0, p90: 1, p99: 1, p999: 1, max: 1 },
      sojourn: { count: 2, min: 2, mean: 2.5, p50: 2, p90: 3, p99: 3, p999: 3, max: 3 },
      // One item waited from 1 s to 2 s: 1 item-second over 5 s.
      queue: { maxDepth: 1, meanDepth: 0.2 },
      throughput: 0.4,
      // Busy from 0 to 4 s of 5 s.
      utilization: { consumers: 0.8, byConsumer: { "consumer-1": 0.8 } },
      producers: { blocked: 0, blockedTime: 0 },
      scenario: header(1).scenario,
    })
  })

  it("names how the run ended and what ran, in the statistics object's Schema", () => {
    const { statistics } = fold(events, 5_000_000)
    expect(statistics.end).toEqual({ at: 5, reason: "completed" })
    expect(statistics.scenario).toMatchObject({ mode: "async", producers: 2, items: 20, consumers: 1 })
    expect(Schema.decodeUnknownSync(Statistics)(JSON.parse(JSON.stringify(statistics)))).toEqual(statistics)
  })

  it("counts a blocked producer's wait, and the item only once it is in the queue", () => {
    const blocked = [
      item(0, "produced", "producer-1", 1),
      item(0, "blocked", "producer-1", 1),
      item(3_000_000, "enqueued", "producer-1", 1),
      item(4_000_000, "dequeued", "consumer-1", 1),
      item(4_500_000, "processed", "consumer-1", 1),
    ]
    const { statistics } = fold(blocked, 5_000_000)
    expect(statistics.producers).toEqual({ blocked: 1, blockedTime: 3 })
    expect(statistics.queue).toEqual({ maxDepth: 1, meanDepth: 0.2 })
    expect(statistics.latency.max).toBe(4)
  })

  it("counts dropped items and takes them out of the queue", () => {
    const dropped = [item(0, "produced", "producer-1", 1), item(0, "dropped", "producer-1", 1)]
    const { statistics } = fold(dropped, 1_000_000)
    expect(statistics.dropped).toBe(1)
    expect(statistics.queue).toEqual({ maxDepth: 0, meanDepth: 0 })
    expect(statistics.latency.count).toBe(0)
  })

  it("gives the drop rate as dropped over produced, both counted in the window only", () => {
    // Four items: the first (before the window) and the third are dropped.
    const run = [
      item(0, "produced", "producer-1", 1),
      item(0, "dropped", "producer-1", 1),
      item(2_000_000, "produced", "producer-1", 2),
      item(2_000_000, "dequeued", "consumer-1", 2),
      item(3_000_000, "produced", "producer-1", 3),
      item(3_000_000, "dropped", "producer-1", 3),
      item(4_000_000, "processed", "consumer-1", 2),
      item(4_000_000, "produced", "producer-1", 4),
      item(4_000_000, "dequeued", "consumer-1", 4),
      item(4_500_000, "processed", "consumer-1", 4),
    ]
    const windowed = new StatisticsFold({ fromMicros: 1_000_000, untilMicros: 5_000_000 })
    windowed.start(header(1))
    for (const event of run) windowed.event(event)
    const statistics = windowed.finish({ at: 5_000_000, reason: "completed" })
    expect([statistics.produced, statistics.dropped, statistics.dropRate]).toEqual([3, 1, 0.333333])
    expect(fold(run, 5_000_000).statistics.dropRate).toBe(0.5)
    // Nothing produced in the window: no rate, rather than a made-up 0.
    expect(fold([], 1_000_000).statistics.dropRate).toBeNull()
  })

  it("gives each consumer's utilization, an idle one included, in the run's order", () => {
    const shared = [
      item(0, "produced", "producer-1", 1),
      item(0, "produced", "producer-1", 2),
      item(0, "dequeued", "consumer-2", 1),
      item(0, "dequeued", "consumer-1", 2),
      item(1_000_000, "processed", "consumer-2", 1),
      item(3_000_000, "processed", "consumer-1", 2),
    ]
    expect(fold(shared, 4_000_000, 3).statistics.utilization).toEqual({
      // 1 s + 3 s busy, of 3 consumers x 4 s.
      consumers: 0.333333,
      byConsumer: { "consumer-1": 0.75, "consumer-2": 0.25, "consumer-3": 0 },
    })
    const keys = Object.keys(fold(shared, 4_000_000, 3).statistics.utilization.byConsumer)
    expect(keys).toEqual(["consumer-1", "consumer-2", "consumer-3"])
  })

  it("takes its actors from the header, and refuses one the header does not name (a recording naming one is refused before any fold)", () => {
    const crafted = [item(0, "produced", "producer-1", 1), item(0, "dequeued", "__proto__", 1)]
    expect(() => fold(crafted, 1_000_000)).toThrow("unknown actor")
    const { byConsumer } = fold(crafted.slice(0, 1), 1_000_000).statistics.utilization
    expect(Object.entries(byConsumer)).toEqual([["consumer-1", 0]])
  })

  it("counts an item still being processed at the end as busy time", () => {
    expect(fold(events.slice(0, 2), 2_000_000).statistics.utilization.consumers).toBe(1)
  })
})

describe("percentiles", () => {
  it("use the nearest rank, so each is a value that occurred", () => {
    const values = Array.from({ length: 100 }, (_, index) => (index + 1) * 1_000)
    expect(summarizeMicros(values)).toMatchObject({ p50: 0.05, p90: 0.09, p99: 0.099, max: 0.1, min: 0.001 })
    expect(summarizeMicros([7_000_000])).toMatchObject({ p50: 7, p99: 7, mean: 7 })
    expect(summarizeMicros([])).toEqual({
      count: 0,
      min: null,
      mean: null,
      p50: null,
      p90: null,
      p99: null,
      p999: null,
      max: null,
    })
  })
})
