import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import type { SimEvent } from "../../src/core/engine/events.ts"
import { ActorRoster } from "../../src/core/lifecycle/actorRoster.ts"
import { runToStatistics } from "../../src/core/run.ts"
import type { ScenarioInput } from "../../src/core/scenario/scenario.ts"
import { parseStage } from "../../src/core/scenario/stageText.ts"
import { eventSink } from "../../src/core/sinks/sink.ts"
import { PipelineFold } from "../../src/core/stats/pipelineFold.ts"
import { Statistics } from "../../src/core/stats/schema.ts"
import { resolveOrThrow } from "../support/runs.ts"

const pipeline = (settings: ScenarioInput, ...stages: ReadonlyArray<string>): ScenarioInput => ({
  producers: 1,
  ...settings,
  stages: stages.map((text) => Result.getOrThrow(parseStage(text))),
})

const runWithEvents = (input: ScenarioInput) =>
  Effect.gen(function* () {
    const events: Array<SimEvent> = []
    const { statistics } = yield* runToStatistics(resolveOrThrow(input), {
      keep: eventSink((event) => events.push(event)),
    })
    return { statistics, events }
  })

/** The busy fraction of a stage's workers, from its pick-ups to the ends of its attempts. */
const servedFraction = (
  events: ReadonlyArray<SimEvent>,
  stage: string,
  workers: number,
  elapsedSeconds: number,
) => {
  let served = 0
  const since = new Map<string, number>()
  for (const event of events) {
    if (event.stage !== stage) continue
    if (event.type === "dequeued") since.set(event.actor, event.at)
    if (event.type === "processed" || event.type === "failed")
      served += event.at - (since.get(event.actor) ?? 0)
  }
  return served / (elapsedSeconds * 1e6 * workers)
}

const count = (events: ReadonlyArray<SimEvent>, type: string, stage?: string) =>
  events.filter((event) => event.type === type && (stage === undefined || event.stage === stage)).length

describe("a pipeline's statistics", () => {
  it.effect("has a row per stage that agrees with the events, and counts that add up", () =>
    Effect.gen(function* () {
      const { statistics, events } = yield* runWithEvents(
        pipeline(
          { items: 2_000, produce: "exp(100ms)" },
          "parse:workers=2,process=exp(150ms)",
          "store:process=exp(80ms),capacity=10,fail=0.1,retries=3,backoff=exp(50ms)",
          "audit:process=exp(20ms),capacity=5,when-full=drop",
        ),
      )
      expect(Schema.is(Statistics)(statistics)).toBe(true)
      const { produced, consumed, dropped, deadLettered, stages } = statistics
      expect(produced).toBe(2_000)
      expect(consumed + dropped + (deadLettered ?? 0)).toBe(produced)
      expect(consumed).toBe(count(events, "departed"))
      expect(Object.keys(stages ?? {})).toEqual(["parse", "store", "audit"])
      for (const name of ["parse", "store", "audit"]) {
        const stage = stages?.[name]
        expect(stage?.latency.count).toBe(count(events, "dequeued", name))
        expect(stage?.service.count).toBe(count(events, "processed", name) + count(events, "failed", name))
        expect(stage?.failed).toBe(count(events, "failed", name))
        expect(stage?.retried).toBe(count(events, "retried", name))
        expect(stage?.deadLettered).toBe(count(events, "deadLettered", name))
        expect(stage?.dropped).toBe(count(events, "dropped", name))
      }
      expect(stages?.store?.failed).toBeGreaterThan(0)
      expect(stages?.store?.retried).toBe((stages?.store?.failed ?? 0) - (stages?.store?.deadLettered ?? 0))
      expect(stages?.store?.queue.maxDepth).toBeLessThanOrEqual(10)
      // Retries that wait for room in the full queue are no worker's wait: utilization is service only.
      expect(stages?.store?.utilization).toBeCloseTo(
        servedFraction(events, "store", 1, statistics.elapsed),
        5,
      )
      // The end-to-end sojourn is one sample per departed item; latency one per item picked up.
      expect(statistics.sojourn.count).toBe(consumed)
      expect(statistics.latency.count).toBe(produced - count(events, "dropped", "parse"))
      // The busiest serving stage: parse at 0.75 per worker, store 0.8 x 1.11 attempts.
      expect(statistics.bottleneck).toBe("store")
      expect(stages?.store?.utilization).toBeGreaterThan(stages?.parse?.utilization ?? 1)
    }),
  )

  it.effect("names as bottleneck the stage that serves, not the one held up by its full queue", () =>
    Effect.gen(function* () {
      const { statistics, events } = yield* runWithEvents(
        pipeline(
          { items: 500, produce: "exp(50ms)" },
          "fetch:workers=3,process=exp(60ms)",
          "index:process=exp(90ms),capacity=1",
        ),
      )
      const fetch = statistics.stages?.fetch
      const index = statistics.stages?.index
      expect(count(events, "held")).toBeGreaterThan(50)
      // fetch's workers are held a good part of the time, but index is the one busy serving.
      expect(fetch?.blockedTime).toBeGreaterThan(1)
      expect(statistics.bottleneck).toBe("index")
      expect(index?.utilization).toBeGreaterThan(0.9)
      // Held time is not service: fetch's utilization counts only the attempts.
      expect(fetch?.utilization).toBeCloseTo(servedFraction(events, "fetch", 3, statistics.elapsed), 5)
    }),
  )

  it.effect("leaves a single-stage run's statistics without pipeline keys", () =>
    Effect.gen(function* () {
      const { statistics } = yield* runWithEvents({ items: 5 })
      expect(Object.keys(statistics)).not.toContain("stages")
      expect(Object.keys(statistics)).not.toContain("bottleneck")
    }),
  )
})

describe("a pipeline's statistics fold", () => {
  it.effect("does a stage's bookkeeping per event, whatever the number of stages", () =>
    Effect.gen(function* () {
      const stageCount = 200
      const input = pipeline(
        { items: 20, produce: "exp(50ms)" },
        ...Array.from({ length: stageCount }, (_, index) => `s${index}:process=exp(20ms)`),
      )
      const { statistics, events } = yield* runWithEvents(input)
      let measured = 0
      const roster = new ActorRoster(resolveOrThrow(input))
      const fold = new PipelineFold(roster, {
        overlap: (start, end) => {
          measured++
          return Math.max(0, end - start)
        },
        inWindow: () => true,
      })
      for (const event of events) fold.event(event, roster.indexOf(event.actor))
      // Each event measures a few intervals of its own stage, not one per stage of the pipeline.
      expect(measured).toBeLessThan(4 * events.length)
      const end = { at: statistics.end.at * 1e6, reason: "completed" as const }
      const figures = fold.finish(end, end.at)
      expect(figures.stages).toEqual(statistics.stages)
    }),
  )
})

describe("a pipeline's roster", () => {
  it("names each stage's workers NAME-N, after the producers, and knows each one's stage", () => {
    const roster = new ActorRoster({
      producers: 2,
      consumers: 1,
      stages: [
        { name: "parse", workers: 2 },
        { name: "parse-1", workers: 1 },
        { name: "store", workers: 3 },
      ],
    })
    expect(roster.consumers).toBe(6)
    expect(Array.from({ length: roster.size }, (_, actor) => roster.nameOf(actor))).toEqual([
      "producer-1",
      "producer-2",
      "parse-1",
      "parse-2",
      "parse-1-1",
      "store-1",
      "store-2",
      "store-3",
    ])
    expect(["parse-1", "parse-1-1", "store-3", "producer-2"].map((name) => roster.indexOf(name))).toEqual([
      2, 4, 7, 1,
    ])
    expect(
      ["parse-3", "store-0", "store", "consumer-1", "parse-1-2"].map((name) => roster.indexOf(name)),
    ).toEqual([-1, -1, -1, -1, -1])
    expect([0, 2, 4, 7].map((actor) => roster.stageOf(actor))).toEqual([-1, 0, 1, 2])
  })
})
