/**
 * Properties of every run, over random scenarios: each is run the way
 * `simulate` runs it (runToStatistics, on the fast virtual driver, with its recording written), and
 * on the TestClock driver, then read back the way `replay` reads it.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import fc from "fast-check"
import type { RunEnd, SimEvent } from "../../src/core/engine/events.ts"
import { runToStatistics } from "../../src/core/run.ts"
import { type Scenario, type ScenarioInput, scenarioToJson } from "../../src/core/scenario/scenario.ts"
import { eventSink } from "../../src/core/sinks/sink.ts"
import { type Statistics, StatisticsFold } from "../../src/core/stats/statistics.ts"
import { openRecording } from "../../src/recording/reader.ts"
import { openRecordingSink } from "../../src/recording/writer.ts"
import { playRecording } from "../../src/replay/play.ts"
import { makeTempDirectory } from "../support/cli.ts"
import { collectRun, resolveOrThrow } from "../support/runs.ts"
import { propertyRuns, scenarioInput } from "../support/scenarios.ts"
import { longTestLimitMillis } from "../support/timeLimits.ts"

const directory = makeTempDirectory()
let files = 0

/** The scenario as simulate runs it: its events, statistics, end, and the recording's bytes. */
const simulate = (scenario: Scenario) =>
  Effect.gen(function* () {
    const events: Array<SimEvent> = []
    const file = path.join(directory, `run${files++}.json`)
    const recording = yield* openRecordingSink({ kind: "named", path: file, force: false })
    const run = yield* runToStatistics(scenario, {
      events: eventSink((event) => events.push(event)),
      recording,
    })
    const bytes = fs.readFileSync(file)
    fs.rmSync(file)
    return { events, statistics: run.statistics, end: run.end, bytes }
  })

/** The recording read back as replay reads it, into a fresh statistics fold. */
const replayStatistics = (bytes: Buffer) =>
  Effect.scoped(
    Effect.gen(function* () {
      const file = path.join(directory, `replay${files++}.json`)
      fs.writeFileSync(file, bytes)
      const recording = yield* openRecording(file, "run.json")
      const played = yield* playRecording(recording, new StatisticsFold())
      fs.rmSync(file)
      return played.stopped ? undefined : played.result
    }),
  )

const seconds = (micros: number) => micros / 1_000_000
const round = (value: number) => Math.round(value * 1e6) / 1e6

/** Nearest-rank summary of durations in microseconds, computed the plain way (a sort). */
const summary = (micros: ReadonlyArray<number>) => {
  if (micros.length === 0)
    return { count: 0, min: null, mean: null, p50: null, p90: null, p99: null, p999: null, max: null }
  const sorted = [...micros].sort((a, b) => a - b)
  const rank = (fraction: number) => sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)] as number
  const total = sorted.reduce((sum, value) => sum + value, 0)
  return {
    count: sorted.length,
    min: seconds(sorted[0] as number),
    mean: round(seconds(total / sorted.length)),
    p50: seconds(rank(0.5)),
    p90: seconds(rank(0.9)),
    p99: seconds(rank(0.99)),
    p999: seconds(rank(0.999)),
    max: seconds(sorted.at(-1) as number),
  }
}

/**
 * Checks the story of a run and recomputes its statistics from the events alone, independently of
 * the fold: each item made once, consumed at most once or dropped, stages in order, one queue
 * first-in first-out, its depth within [0, capacity] whenever time passes, times never going back.
 */
const checkAndRecompute = (scenario: Scenario, events: ReadonlyArray<SimEvent>, end: RunEnd): Statistics => {
  const producedAt = new Map<number, number>()
  const entered: Array<number> = []
  const dequeuedOrder: Array<number> = []
  const dequeuedAt = new Map<number, number>()
  const finished = new Map<number, "processed" | "dropped">()
  const blockedAt = new Map<number, number>()
  const busySince = new Map<string, number>()
  const latencies: Array<number> = []
  const sojourns: Array<number> = []
  let depth = 0
  let maxDepth = 0
  let area = 0
  let busy = 0
  // Per consumer, by name: every consumer of the scenario, an idle one at 0.
  const busyBy = new Map<string, number>(
    Array.from({ length: scenario.consumers }, (_, index) => [`consumer-${index + 1}`, 0]),
  )
  let blocked = 0
  let blockedTime = 0
  let lastAt = 0
  const capacity = scenario.capacity ?? Number.POSITIVE_INFINITY
  for (const event of events) {
    expect(event.at).toBeGreaterThanOrEqual(lastAt)
    if (event.at > lastAt) {
      expect(depth).toBeGreaterThanOrEqual(0)
      expect(depth).toBeLessThanOrEqual(capacity)
      area += depth * (event.at - lastAt)
      if (depth > maxDepth) maxDepth = depth
      lastAt = event.at
    }
    const item = event.item as number
    switch (event.type) {
      case "produced":
        expect(producedAt.has(item)).toBe(false)
        producedAt.set(item, event.at)
        entered.push(item)
        depth++
        break
      case "blocked":
        expect(entered.at(-1)).toBe(item)
        entered.pop()
        blockedAt.set(item, event.at)
        blocked++
        depth--
        break
      case "enqueued":
        blockedTime += event.at - (blockedAt.get(item) as number)
        blockedAt.delete(item)
        entered.push(item)
        depth++
        break
      case "dequeued":
        expect(producedAt.has(item)).toBe(true)
        expect(dequeuedAt.has(item) || finished.has(item)).toBe(false)
        dequeuedAt.set(item, event.at)
        dequeuedOrder.push(item)
        expect(busySince.has(event.actor)).toBe(false)
        busySince.set(event.actor, event.at)
        latencies.push(event.at - (producedAt.get(item) as number))
        depth--
        break
      case "processed":
        expect(dequeuedAt.has(item)).toBe(true)
        expect(finished.has(item)).toBe(false)
        finished.set(item, "processed")
        busy += event.at - (busySince.get(event.actor) as number)
        busyBy.set(
          event.actor,
          (busyBy.get(event.actor) ?? 0) + event.at - (busySince.get(event.actor) as number),
        )
        busySince.delete(event.actor)
        sojourns.push(event.at - (producedAt.get(item) as number))
        break
      case "dropped":
        expect(producedAt.has(item)).toBe(true)
        expect(dequeuedAt.has(item) || finished.has(item)).toBe(false)
        finished.set(item, "dropped")
        depth--
        break
    }
  }
  expect(end.at).toBeGreaterThanOrEqual(lastAt)
  if (end.at > lastAt) {
    expect(depth).toBeLessThanOrEqual(capacity)
    area += depth * (end.at - lastAt)
    if (depth > maxDepth) maxDepth = depth
  }
  // First in, first out: items leave the one queue in the order they entered it. In trio a receive
  // is a checkpoint: consumers that took items at one instant report them in the batch's order.
  const leftInEntryOrder = entered.filter((item) => dequeuedAt.has(item))
  if (scenario.scheduling === "fifo") expect(dequeuedOrder).toEqual(leftInEntryOrder)
  else {
    const times = leftInEntryOrder.map((item) => dequeuedAt.get(item) as number)
    expect(times).toEqual([...times].sort((a, b) => a - b))
  }
  if (end.reason === "completed") {
    // Every item made, and each one consumed or dropped, exactly once.
    expect(producedAt.size).toBe(scenario.producers * scenario.itemsPerProducer)
    for (const item of producedAt.keys()) expect(finished.has(item)).toBe(true)
  }
  for (const [actor, since] of busySince) {
    busy += end.at - since
    busyBy.set(actor, (busyBy.get(actor) ?? 0) + end.at - since)
  }
  for (const since of blockedAt.values()) blockedTime += end.at - since
  const elapsed = end.at
  const dropped = [...finished.values()].filter((how) => how === "dropped").length
  return {
    mode: scenario.mode,
    seed: scenario.seed,
    elapsed: seconds(elapsed),
    end: { at: seconds(end.at), reason: end.reason },
    produced: producedAt.size,
    consumed: dequeuedOrder.length,
    dropped,
    dropRate: producedAt.size > 0 ? round(dropped / producedAt.size) : null,
    latency: summary(latencies),
    sojourn: summary(sojourns),
    queue: { maxDepth, meanDepth: elapsed > 0 ? round(area / elapsed) : 0 },
    throughput: elapsed > 0 ? round(dequeuedOrder.length / seconds(elapsed)) : 0,
    utilization: {
      consumers: elapsed > 0 ? round(busy / (elapsed * scenario.consumers)) : 0,
      byConsumer: Object.fromEntries(
        [...busyBy].map(([actor, time]) => [actor, elapsed > 0 ? round(time / elapsed) : 0]),
      ),
    },
    producers: { blocked, blockedTime: seconds(blockedTime) },
    scenario: scenarioToJson(scenario),
  }
}

/** A property of every run: checked on each scenario fast-check draws, as simulate runs it. */
const holdsForEveryScenario = (
  property: (scenario: Scenario, input: ScenarioInput) => Effect.Effect<void, unknown>,
) =>
  Effect.promise(() =>
    fc.assert(
      fc.asyncProperty(scenarioInput, (input) => Effect.runPromise(property(resolveOrThrow(input), input))),
      { numRuns: propertyRuns(300) },
    ),
  )

// One property a case, so that a failure names the property that broke.
describe("every run, over random scenarios", () => {
  it.effect(
    "keeps its story: each item made once, then consumed or dropped once, first in first out, within capacity",
    () =>
      holdsForEveryScenario((scenario) =>
        Effect.gen(function* () {
          const run = yield* simulate(scenario)
          checkAndRecompute(scenario, run.events, run.end)
        }),
      ),
    longTestLimitMillis,
  )

  it.effect(
    "has the statistics a recomputation from its events gives",
    () =>
      holdsForEveryScenario((scenario) =>
        Effect.gen(function* () {
          const run = yield* simulate(scenario)
          expect(run.statistics).toEqual(checkAndRecompute(scenario, run.events, run.end))
        }),
      ),
    longTestLimitMillis,
  )

  it.effect(
    "writes the same bytes again from the same seed",
    () =>
      holdsForEveryScenario((scenario) =>
        Effect.gen(function* () {
          const run = yield* simulate(scenario)
          expect((yield* simulate(scenario)).bytes.equals(run.bytes)).toBe(true)
        }),
      ),
    longTestLimitMillis,
  )

  it.effect(
    "is read back by replay to the same statistics",
    () =>
      holdsForEveryScenario((scenario) =>
        Effect.gen(function* () {
          const run = yield* simulate(scenario)
          expect(yield* replayStatistics(run.bytes)).toEqual(run.statistics)
        }),
      ),
    longTestLimitMillis,
  )

  it.effect(
    "gives the same events and end on the fast virtual driver and on the TestClock driver",
    () =>
      holdsForEveryScenario((scenario, input) =>
        Effect.gen(function* () {
          const run = yield* simulate(scenario)
          const reference = yield* collectRun(input)
          expect(reference.events).toEqual(run.events)
          expect(reference.end).toEqual(run.end)
        }),
      ),
    longTestLimitMillis,
  )
})
