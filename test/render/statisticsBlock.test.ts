import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { RunEnd, SimEvent } from "../../src/core/engine/events.ts"
import { statisticsBlock } from "../../src/core/render/statisticsBlock.ts"
import { runHeader } from "../../src/core/run.ts"
import type { ScenarioInput } from "../../src/core/scenario/scenario.ts"
import { StatisticsFold, type TimeWindow } from "../../src/core/stats/statistics.ts"
import { resolveOrThrow } from "../support/runs.ts"

/** One item made and processed, folded into a run of `input` that ends as `end` says. */
const statisticsOf = (input: ScenarioInput, end: RunEnd, window?: TimeWindow) => {
  const fold = new StatisticsFold(window)
  fold.start(runHeader(resolveOrThrow(input)))
  const events: ReadonlyArray<SimEvent> = [
    { at: 0, type: "produced", actor: "producer-1", item: 1, value: 1, index: 1 },
    { at: 0, type: "dequeued", actor: "consumer-1", item: 1, value: 1 },
    { at: 500_000, type: "processed", actor: "consumer-1", item: 1, value: 1 },
  ]
  for (const event of events) fold.event(event)
  return Effect.runSync(fold.end(end))
}

const blockOf = (input: ScenarioInput, end: RunEnd, window?: TimeWindow) =>
  statisticsBlock(statisticsOf(input, end, window)).split("\n")

describe("the statistics block's heading", () => {
  it("says how the run ended and how much of its work was done", () => {
    expect(blockOf({ mode: "trio" }, { at: 5_000_000, reason: "timeout" })[1]).toBe(
      "Statistics (mode trio, seed 1), cut off at 5.000 s by its timeout: 1 of 40 items consumed",
    )
    expect(blockOf({}, { at: 3_000_000, reason: "interrupted" })[1]).toBe(
      "Statistics (mode async, seed 1), cancelled on request at 3.000 s: 1 of 40 items consumed",
    )
    expect(blockOf({ producers: 1, items: 1 }, { at: 500_000, reason: "completed" })[1]).toBe(
      "Statistics (mode async, seed 1), completed at 0.500 s: 1 of 1 item consumed",
    )
  })

  it("names the window and how the whole run ended", () => {
    const window = { fromMicros: 0, untilMicros: 1_000_000 }
    expect(blockOf({}, { at: 3_000_000, reason: "completed" }, window)[1]).toBe(
      "Statistics of 0.000 s to 1.000 s only (mode async, seed 1), of a run completed at 3.000 s",
    )
  })

  it("is followed by what ran: who, through which queue, and the timing", () => {
    expect(blockOf({ mode: "trio" }, { at: 5_000_000, reason: "timeout" }).slice(2, 4)).toEqual([
      "  scenario     2 producers x 20 items, 1 consumer, queue of 10 (when full: suspend)",
      "               produce uniform(500ms,1500ms), process 500ms, timeout 5s",
    ])
    const live = { producers: 1, items: 1, consumers: 3, produce: "exp(1s)", clock: "live" } as const
    expect(blockOf(live, { at: 500_000, reason: "completed" }).slice(2, 4)).toEqual([
      "  scenario     1 producer x 1 item, 3 consumers, unbounded queue, live clock",
      "               produce exp(1s), process 500ms",
    ])
  })
})

describe("the statistics block's figures", () => {
  it("separate thousands, as the progress line does", () => {
    const small = statisticsOf(
      { items: 1_000_000, capacity: 5_000 },
      { at: 1_000_039_354_000, reason: "completed" },
    )
    const large = {
      ...small,
      elapsed: 1_000_039.354,
      produced: 2_000_000,
      consumed: 1_999_000,
      dropped: 1_000,
      dropRate: 0.0005,
      queue: { maxDepth: 5_000, meanDepth: 1_234.5 },
      throughput: 1_999.5,
      utilization: { consumers: 1, byConsumer: { "consumer-1": 1 } },
      producers: { blocked: 1_500, blockedTime: 2_000 },
    }
    const lines = statisticsBlock(large).split("\n")
    expect(lines[1]).toBe(
      "Statistics (mode async, seed 1), completed at 1,000,039.354 s: 1,999,000 of 2,000,000 items consumed",
    )
    expect(lines[2]).toBe(
      "  scenario     2 producers x 1,000,000 items, 1 consumer, queue of 5,000 (when full: suspend)",
    )
    expect(lines.slice(6, 8)).toEqual([
      "  elapsed      1,000,039.354 s",
      "  items        2,000,000 produced, 1,999,000 consumed, 1,000 dropped (0.050% of those produced)",
    ])
    expect(lines.slice(10)).toEqual([
      "  queue depth  max 5,000, mean 1,234.500 (time-weighted)",
      "  throughput   1,999.500 items/s",
      "  utilization  consumers 100.0%",
      "  producers    blocked 1,500 times on a full queue, 2,000.000 s in all",
    ])
  })
})

describe("the statistics block of an overloaded run", () => {
  const end = { at: 1_000_000, reason: "completed" } as const
  const loadRows = (input: ScenarioInput) =>
    blockOf(input, end).filter(
      (line, index, all) => line.startsWith("  load") || all[index - 1]?.startsWith("  load"),
    )

  it("gives the offered load per consumer and says what it does to the run, at or above 1", () => {
    // Forty arrivals a second, 70 ms each: 2.8 consumers' worth of work, on one.
    const sizing = { producers: 1, produce: "poisson(40/s)", process: "lognormal(70ms,30ms)" }
    expect(loadRows(sizing)).toEqual([
      "  load         2.800 per consumer (40/s arrivals x 70 ms mean service / 1 consumer)",
      "               unstable: the queue grows without bound and the figures depend on the run's length",
    ])
    // Two producers, one item a second each, half a second of work: exactly the one consumer's worth.
    expect(loadRows({})).toEqual([
      "  load         1.000 per consumer (2/s arrivals x 500 ms mean service / 1 consumer)",
      "               unstable: the queue grows without bound and the figures depend on the run's length",
    ])
    expect(loadRows({ ...sizing, consumers: 2, capacity: 5 })[1]).toBe(
      "               unstable: the queue stays full and the producers wait",
    )
    expect(loadRows({ ...sizing, consumers: 2, capacity: 5, whenFull: "slide" })[1]).toBe(
      "               unstable: the queue stays full and the excess is dropped",
    )
  })

  it("says nothing of the load when the consumers keep up", () => {
    expect(
      loadRows({ producers: 1, produce: "poisson(40/s)", process: "lognormal(70ms,30ms)", consumers: 3 }),
    ).toEqual([])
    // The sync program makes its items one producer after the other: one a second, whatever the count.
    expect(loadRows({ mode: "sync", producers: 3 })).toEqual([])
  })
})

describe("the statistics block's utilization", () => {
  const withConsumers = (byConsumer: Record<string, number>) => {
    const base = statisticsOf({}, { at: 1_000_000, reason: "completed" })
    const lines = statisticsBlock({ ...base, utilization: { consumers: 0.5, byConsumer } }).split("\n")
    return lines.slice(
      lines.findIndex((line) => line.startsWith("  utilization")),
      -1,
    )
  }

  it("gives each consumer's when there are several, wrapped to 100 columns", () => {
    const four = { "consumer-1": 0.701, "consumer-2": 0.652, "consumer-3": 0.6, "consumer-4": 0.567 }
    expect(withConsumers(four)).toEqual([
      "  utilization  consumers 50.0% in all; each: consumer-1 70.1%, consumer-2 65.2%, consumer-3 60.0%,",
      "               consumer-4 56.7%",
    ])
  })

  it("gives the least and the most busy of many", () => {
    const many = Object.fromEntries(
      Array.from({ length: 12 }, (_, index) => [`consumer-${index + 1}`, index / 20]),
    )
    expect(withConsumers(many)).toEqual([
      "  utilization  consumers 50.0% in all; each from 0.0% (consumer-1) to 55.0% (consumer-12)",
    ])
  })
})
