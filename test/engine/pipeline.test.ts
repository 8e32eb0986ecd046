import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { runScenario } from "../../src/core/engine/engine.ts"
import type { SimEvent } from "../../src/core/engine/events.ts"
import { runOnFastVirtualClock } from "../../src/core/engine/virtualDriver.ts"
import type { ScenarioInput } from "../../src/core/scenario/scenario.ts"
import { parseStage } from "../../src/core/scenario/stageText.ts"
import { collectRun, ofType, resolveOrThrow } from "../support/runs.ts"

const pipeline = (settings: ScenarioInput, ...stages: ReadonlyArray<string>): ScenarioInput => ({
  producers: 1,
  ...settings,
  stages: stages.map((text) => Result.getOrThrow(parseStage(text))),
})

const inStage = (events: ReadonlyArray<SimEvent>, type: string, stage: string) =>
  ofType(events, type).filter((event) => event.stage === stage)

/** Every item ends exactly once: departed, dropped or dead-lettered. */
const endings = (events: ReadonlyArray<SimEvent>) => {
  const ended = ["departed", "dropped", "deadLettered"].flatMap((type) =>
    ofType(events, type).map((e) => e.item),
  )
  return { produced: ofType(events, "produced").length, ended: ended.length, distinct: new Set(ended).size }
}

describe("a pipeline's engine", () => {
  it.effect("moves every item through the stages in order, each stage's events named by it", () =>
    Effect.gen(function* () {
      const input = pipeline(
        { items: 30, produce: "exp(100ms)" },
        "a:workers=2,process=exp(150ms)",
        "b:process=50ms",
        "c:workers=3,process=uniform(10ms,300ms)",
      )
      const run = yield* collectRun(input)
      expect(run.end.reason).toBe("completed")
      expect(endings(run.events)).toEqual({ produced: 30, ended: 30, distinct: 30 })
      expect(ofType(run.events, "produced").every((event) => event.stage === "a")).toBe(true)
      for (const item of [1, 15, 30]) {
        const path = run.events.filter((event) => event.item === item).map((e) => `${e.type}@${e.stage}`)
        expect(path).toEqual([
          "produced@a",
          "dequeued@a",
          "processed@a",
          "forwarded@b",
          "dequeued@b",
          "processed@b",
          "forwarded@c",
          "dequeued@c",
          "processed@c",
          "departed@c",
        ])
      }
      const actors = new Set(run.events.map((event) => event.actor))
      expect([...actors].sort()).toEqual(["a-1", "a-2", "b-1", "c-1", "c-2", "c-3", "producer-1"])
      // Each worker draws from its own stream: the same seed gives the same run.
      expect((yield* collectRun(input)).events).toEqual(run.events)
    }),
  )

  it.effect("holds a worker whose next queue is full until there is room (Type I blocking)", () =>
    Effect.gen(function* () {
      const run = yield* collectRun(
        pipeline({ items: 20, produce: "10ms" }, "fast:process=10ms", "slow:process=100ms,capacity=1"),
      )
      expect(endings(run.events)).toEqual({ produced: 20, ended: 20, distinct: 20 })
      const held = ofType(run.events, "held")
      expect(held.length).toBeGreaterThan(10)
      expect(ofType(run.events, "handedOn")).toHaveLength(held.length)
      // While held, the worker serves nothing: its next event is the hand-on of the same item.
      const ofWorker = run.events.filter((event) => event.actor === "fast-1")
      for (const [position, event] of ofWorker.entries()) {
        if (event.type !== "held") continue
        expect(event.stage).toBe("slow")
        expect(ofWorker[position + 1]).toMatchObject({ type: "handedOn", item: event.item, stage: "slow" })
      }
      // No queue holds more than its bound once an instant is over (within one, a hand-on may be
      // reported before the pick-up that made its room): counted from the events.
      let waiting = 0
      for (const [position, event] of run.events.entries()) {
        if (event.stage !== "slow") continue
        // A held item is not in the queue: it enters at its hand-on.
        if (event.type === "forwarded") waiting += 1
        if (event.type === "held") waiting -= 1
        if (event.type === "handedOn") waiting += 1
        if (event.type === "dequeued") waiting -= 1
        if (run.events[position + 1]?.at !== event.at) expect(waiting).toBeLessThanOrEqual(1)
      }
    }),
  )

  it.effect(
    "retries a failed attempt after its backoff, at the back of the same queue, and dead-letters after the last",
    () =>
      Effect.gen(function* () {
        const run = yield* collectRun(
          pipeline(
            { items: 60, produce: "exp(50ms)" },
            "work:workers=2,process=exp(20ms),fail=0.5,retries=2,backoff=100ms",
          ),
        )
        expect(endings(run.events)).toEqual({ produced: 60, ended: 60, distinct: 60 })
        const failed = ofType(run.events, "failed")
        const dead = ofType(run.events, "deadLettered")
        const retried = ofType(run.events, "retried")
        expect(dead.length).toBeGreaterThan(0)
        expect(retried).toHaveLength(failed.length - dead.length)
        for (const item of dead.map((event) => event.item)) {
          expect(failed.filter((event) => event.item === item).map((event) => event.attempt)).toEqual([
            1, 2, 3,
          ])
        }
        for (const retry of retried) {
          const failure = failed.filter((event) => event.item === retry.item && event.at <= retry.at).at(-1)
          expect(retry.at - (failure?.at ?? 0)).toBe(100_000)
          expect(retry.actor).toBe(failure?.actor)
        }
        // Only producers are ever blocked: a retry waiting for room is reported when it gets in.
        expect(ofType(run.events, "blocked").every((event) => event.actor.startsWith("producer-"))).toBe(true)
        // A failed item is not processed there; one that departs was processed once.
        expect(ofType(run.events, "processed")).toHaveLength(ofType(run.events, "departed").length)
      }),
  )

  it.effect("routes by weight, leaves early on null, and drops at a full downstream queue that drops", () =>
    Effect.gen(function* () {
      const run = yield* collectRun(
        pipeline(
          { items: 400, produce: "exp(10ms)" },
          "split:workers=4,process=1ms,next=x:3|y:1",
          "x:workers=4,process=1ms,next=none",
          "y:process=500ms,capacity=2,when-full=drop",
        ),
      )
      expect(endings(run.events)).toEqual({ produced: 400, ended: 400, distinct: 400 })
      const toX = inStage(run.events, "forwarded", "x").length
      const toY = inStage(run.events, "forwarded", "y").length
      expect(toX + toY).toBe(400)
      expect(toX / 400).toBeGreaterThan(0.7)
      expect(toX / 400).toBeLessThan(0.8)
      expect(inStage(run.events, "departed", "x")).toHaveLength(toX)
      const dropped = inStage(run.events, "dropped", "y")
      expect(dropped.length).toBeGreaterThan(0)
      expect(dropped.length + inStage(run.events, "departed", "y").length).toBe(toY)
    }),
  )

  it.effect("makes the same events on the fast driver as on the TestClock driver", () =>
    Effect.gen(function* () {
      const input = pipeline(
        { items: 300, produce: "exp(50ms)" },
        "a:workers=2,process=exp(80ms)",
        "b:process=exp(60ms),capacity=2,fail=0.3,retries=2,backoff=exp(40ms),next=c:2|a:1",
        "c:process=exp(30ms),capacity=1,when-full=slide",
      )
      const reference = yield* collectRun(input)
      const fast: Array<SimEvent> = []
      const end = yield* runOnFastVirtualClock(
        runScenario(resolveOrThrow(input), (event) => fast.push(event)),
      )
      expect(ofType(reference.events, "held").length).toBeGreaterThan(0)
      expect(ofType(reference.events, "retried").length).toBeGreaterThan(0)
      expect(fast).toEqual(reference.events)
      expect(end).toEqual(reference.end)
    }),
  )

  it.effect("ends a run whose routes circle back once every item has left", () =>
    Effect.gen(function* () {
      const run = yield* collectRun(
        pipeline(
          { items: 50, produce: "exp(20ms)" },
          "make:process=exp(10ms)",
          "check:process=exp(5ms),next=make:1|done:1",
          "done:process=1ms",
        ),
      )
      expect(run.end.reason).toBe("completed")
      expect(endings(run.events)).toEqual({ produced: 50, ended: 50, distinct: 50 })
      expect(inStage(run.events, "forwarded", "make").length).toBeGreaterThan(10)
    }),
  )
})
