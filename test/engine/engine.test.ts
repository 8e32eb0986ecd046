import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"
import { actorSeed } from "../../src/core/engine/engine.ts"
import type { SimEvent } from "../../src/core/engine/events.ts"
import { eventLine } from "../../src/core/render/lines.ts"
import { modes } from "../../src/core/scenario/scenario.ts"
import { StatisticsFold } from "../../src/core/stats/statistics.ts"
import { collectRun, ofType } from "../support/runs.ts"

const seconds = 1_000_000

/** Latency of each pick-up, in pick-up order, as the course prints it. */
const latencies = (events: ReadonlyArray<{ type: string; item?: number | undefined; at: number }>) => {
  const createdAt = new Map(ofType(events as never, "produced").map((event) => [event.item, event.at]))
  return ofType(events as never, "dequeued").map(
    (event) => event.at - (createdAt.get(event.item) ?? Number.NaN),
  )
}

describe("sync mode (production first, then consumption)", () => {
  it.effect("total, first and best waits follow exactly from the producer's draws", () =>
    Effect.gen(function* () {
      const run = yield* collectRun({ mode: "sync" })
      const pauses = yield* Effect.forEach(Array.from({ length: 20 }), () =>
        Random.nextIntBetween(500_000, 1_500_000),
      ).pipe(Random.withSeed(actorSeed(1, "producer-1")))
      const sumOfPauses = pauses.reduce((total, pause) => total + pause, 0)
      const waits = latencies(run.events)

      expect(run.end).toEqual({ at: sumOfPauses + 20 * 500_000, reason: "completed" })
      // The consumer starts when production (with its last pause) is over.
      expect(waits[0]).toBe(sumOfPauses)
      // The last item waits only for the last pause and the 19 items before it.
      expect(Math.min(...waits)).toBe(waits[19])
      expect(waits[19]).toBe((pauses[19] ?? 0) + 19 * 500_000)
      // The course's figures: ~30 s in all, the first item ~20 s, the best ~10.5 s.
      expect(run.end.at).toBeGreaterThan(20 * seconds)
      expect(run.end.at).toBeLessThan(40 * seconds)
      expect(waits[0]).toBeGreaterThan(10 * seconds)
      expect(waits[19]).toBeGreaterThanOrEqual(10 * seconds)
      expect(waits[19]).toBeLessThanOrEqual(11 * seconds)
    }),
  )

  it.effect("no item is picked up before the last one is produced", () =>
    Effect.gen(function* () {
      const run = yield* collectRun({ mode: "sync", producers: 2 })
      const lastProduced = Math.max(...ofType(run.events, "produced").map((event) => event.at))
      const firstPickUp = Math.min(...ofType(run.events, "dequeued").map((event) => event.at))
      expect(ofType(run.events, "produced")).toHaveLength(40)
      expect(firstPickUp).toBeGreaterThan(lastProduced)
    }),
  )
})

describe("async mode (the lecture's program)", () => {
  it.effect("interleaves two producers with one consumer, ~21 s in all, small latencies", () =>
    Effect.gen(function* () {
      const run = yield* collectRun({ mode: "async" })
      const waits = latencies(run.events)
      expect(ofType(run.events, "produced")).toHaveLength(40)
      expect(waits).toHaveLength(40)
      expect(run.end.reason).toBe("completed")
      expect(run.end.at).toBeGreaterThan(19 * seconds)
      expect(run.end.at).toBeLessThan(24 * seconds)
      expect(Math.max(...waits)).toBeLessThan(2 * seconds)
      const mean = waits.reduce((total, wait) => total + wait, 0) / waits.length
      expect(mean).toBeLessThan(1 * seconds)
    }),
  )

  it.effect("a consumer that waits on the queue picks an item up the moment it is produced", () =>
    Effect.gen(function* () {
      const run = yield* collectRun({
        mode: "async",
        producers: 1,
        items: 3,
        produce: "1005ms",
        process: "100ms",
      })
      expect(latencies(run.events)).toEqual([0, 0, 0])
    }),
  )

  it.effect("the stamp comes before the pause, and processing comes after the pick-up", () =>
    Effect.gen(function* () {
      const run = yield* collectRun({
        mode: "async",
        producers: 1,
        items: 2,
        produce: "1s",
        process: "300ms",
      })
      expect(run.events.map((event) => [event.at, event.type, event.item])).toEqual([
        [0, "produced", 1],
        [0, "dequeued", 1],
        [300_000, "processed", 1],
        [1_000_000, "produced", 2],
        [1_000_000, "dequeued", 2],
        [1_300_000, "processed", 2],
      ])
      // The producer's pause after its last item still counts, as in the course.
      expect(run.end.at).toBe(2_000_000)
    }),
  )
})

describe("threads mode (shared list, polling consumer)", () => {
  it.effect("an idle consumer finds a new item only at its next 10 ms poll", () =>
    Effect.gen(function* () {
      const run = yield* collectRun({
        mode: "threads",
        producers: 1,
        items: 2,
        produce: "1005ms",
        process: "100ms",
      })
      // Polls at 100, 110, ..., 1010 ms: the item made at 1005 ms waits 5 ms.
      expect(latencies(run.events)).toEqual([0, 5_000])
    }),
  )
})

describe("trio mode (bounded channel, 5 s limit)", () => {
  it.effect("is cancelled at exactly 5 s and records nothing after it", () =>
    Effect.gen(function* () {
      const run = yield* collectRun({ mode: "trio" })
      expect(run.end).toEqual({ at: 5 * seconds, reason: "timeout" })
      expect(run.events.every((event) => event.at < 5 * seconds)).toBe(true)
      expect(ofType(run.events, "produced").length).toBeLessThan(40)
    }),
  )

  it.effect("a full channel makes producers wait, and never holds more than its capacity", () =>
    Effect.gen(function* () {
      const run = yield* collectRun({ mode: "trio", produce: "100ms", timeout: "none" })
      const fold = new StatisticsFold()
      fold.start(run.header)
      for (const event of run.events) fold.event(event)
      const statistics = fold.finish(run.end)
      expect(ofType(run.events, "blocked").length).toBeGreaterThan(0)
      expect(ofType(run.events, "enqueued")).toHaveLength(ofType(run.events, "blocked").length)
      expect(statistics.queue.maxDepth).toBe(10)
      expect(statistics.consumed).toBe(40)
      expect(statistics.producers.blockedTime).toBeGreaterThan(0)
    }),
  )
})

describe("when the course prints a producer's line", () => {
  const lines = (events: ReadonlyArray<SimEvent>) =>
    events.flatMap((event) => eventLine(event, 0)?.text ?? [])

  it.effect("after a hand-over that waited for room, not at the creation stamp", () =>
    Effect.gen(function* () {
      // One producer with no pause, a queue of one: from item 3 on, every put waits for the consumer.
      const run = yield* collectRun({ producers: 1, items: 4, capacity: 1, produce: "0ms" })
      const third = run.events.filter((event) => event.item === 3).map((event) => [event.type, event.at])
      expect(third).toEqual([
        ["produced", 0],
        ["blocked", 0],
        ["enqueued", 500_000],
        ["handedOver", 500_000],
        ["dequeued", 1_000_000],
        ["processed", 1_500_000],
      ])
      // As asyncio runs it: the consumer that made room prints first, then the put returns. The
      // simulator adds a line of its own when the put starts waiting (the course prints nothing there).
      expect(lines(run.events)).toEqual([
        " -- generated item 1",
        " +++ Processed value 1 after 0.00 sec.",
        " -- generated item 2",
        " ... Waiting to hand over value 9: the queue is full",
        " +++ Processed value 4 after 0.00 sec.",
        " -- generated item 3",
        " ... Waiting to hand over value 16: the queue is full",
        " +++ Processed value 9 after 0.00 sec.",
        " -- generated item 4",
        " +++ Processed value 16 after 0.00 sec.",
      ])
      // The latency still runs from the creation stamp.
      const statistics = new StatisticsFold()
      statistics.start(run.header)
      for (const event of run.events) statistics.event(event)
      expect(statistics.finish(run.end).latency.max).toBe(1)
    }),
  )

  it.effect("at the creation stamp when the hand-over returns at once", () =>
    Effect.gen(function* () {
      const run = yield* collectRun({ mode: "async" })
      expect(ofType(run.events, "handedOver")).toEqual([])
      expect(ofType(run.events, "produced").every((event) => event.index !== undefined)).toBe(true)
    }),
  )
})

describe("full queues that drop or slide", () => {
  const crowded = {
    mode: "async",
    producers: 1,
    items: 5,
    produce: "100ms",
    process: "1s",
    capacity: 1,
  } as const

  it.effect("drop refuses the new item", () =>
    Effect.gen(function* () {
      const run = yield* collectRun({ ...crowded, whenFull: "drop" })
      expect(ofType(run.events, "dropped").map((event) => event.item)).toEqual([3, 4, 5])
      expect(ofType(run.events, "dequeued").map((event) => event.item)).toEqual([1, 2])
    }),
  )

  it.effect("slide evicts the oldest waiting item", () =>
    Effect.gen(function* () {
      const run = yield* collectRun({ ...crowded, whenFull: "slide" })
      expect(ofType(run.events, "dropped").map((event) => event.item)).toEqual([2, 3, 4])
      expect(ofType(run.events, "dequeued").map((event) => event.item)).toEqual([1, 5])
    }),
  )
})

describe("every mode", () => {
  for (const mode of modes) {
    it.effect(`${mode}: every item produced is consumed exactly once, in FIFO order`, () =>
      Effect.gen(function* () {
        const run = yield* collectRun({ mode, timeout: "none" })
        const produced = ofType(run.events, "produced").map((event) => event.item)
        const dequeued = ofType(run.events, "dequeued").map((event) => event.item)
        const processed = ofType(run.events, "processed").map((event) => event.item)
        expect(new Set(produced).size).toBe(produced.length)
        expect(dequeued).toEqual(produced)
        expect(processed).toEqual(produced)
      }),
    )

    it.effect(`${mode}: the same seed gives the same events; another seed does not`, () =>
      Effect.gen(function* () {
        const first = yield* collectRun({ mode, seed: 42 })
        const again = yield* collectRun({ mode, seed: 42 })
        const other = yield* collectRun({ mode, seed: 43 })
        expect(again.events).toEqual(first.events)
        expect(again.end).toEqual(first.end)
        expect(other.events).not.toEqual(first.events)
      }),
    )

    it.effect(`${mode}: times never go backwards and are whole microseconds`, () =>
      Effect.gen(function* () {
        const run = yield* collectRun({
          mode,
          consumers: 2,
          produce: "exp(700ms)",
          process: "uniform(100ms,900ms)",
        })
        run.events.forEach((event, index) => {
          expect(Number.isSafeInteger(event.at)).toBe(true)
          expect(event.at).toBeGreaterThanOrEqual(run.events[index - 1]?.at ?? 0)
        })
        expect(run.end.at).toBeGreaterThanOrEqual(run.events.at(-1)?.at ?? 0)
      }),
    )
  }
})
