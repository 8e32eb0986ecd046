/** The page's data fold: lanes, spans, depth and waits agree with the events and the statistics fold. */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { EventType } from "../../src/core/engine/events.ts"
import { decodeWindow } from "../../src/core/pageData/detailEvents.ts"
import { makePageDataSink } from "../../src/core/pageData/pageDataSink.ts"
import { RunState } from "../../src/core/pageData/runState.ts"
import type { ScenarioInput } from "../../src/core/scenario/scenario.ts"
import { StatisticsFold } from "../../src/core/stats/statistics.ts"
import { unreadContext } from "../support/runContext.ts"
import { defined, type FoldedRun, foldEvents, foldRun, headerOf } from "./pageRuns.ts"

const sum = (values: ReadonlyArray<number>) => values.reduce((total, value) => total + value, 0)
const close = (a: number, b: number) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(b)))

const scenarios: ReadonlyArray<ScenarioInput> = [
  { mode: "async" },
  { mode: "sync" },
  { mode: "threads", process: "100ms" },
  { mode: "trio" }, // cut by its 5 s timeout, with items still in hand
  {
    mode: "async",
    capacity: 2,
    whenFull: "suspend",
    produce: "exp(300ms)",
    process: "exp(400ms)",
    items: 60,
  },
  { mode: "async", capacity: 2, whenFull: "drop", produce: "exp(200ms)", items: 60 },
  { mode: "threads", capacity: 2, whenFull: "slide", produce: "exp(200ms)", consumers: 2, items: 60 },
  { mode: "async", consumers: 4, items: 3 }, // consumers that never get an item
]

const actorsOf = (run: FoldedRun, role: string) =>
  run.data.actors.flatMap((actor, index) => (actor.role === role ? [index] : []))

describe("the page-data fold", () => {
  for (const input of scenarios) {
    describe(JSON.stringify(input), () => {
      const folded = foldRun(input)

      it("has one lane per producer and per consumer, the declared ones included", async () => {
        const run = await folded
        const names = run.data.actors.map((actor) => `${actor.role}:${actor.name}`)
        const expected = [
          ...Array.from({ length: run.header.scenario.producers }, (_, i) => `producer:producer-${i + 1}`),
          ...Array.from({ length: run.header.scenario.consumers }, (_, i) => `consumer:consumer-${i + 1}`),
        ]
        expect(names).toEqual(expected)
      })

      it("closes every span it opens: busy and blocked time add up to the statistics", async () => {
        const { data, statistics } = await folded
        const busy = sum(
          actorsOf(await folded, "consumer").map((actor) => sum(data.columns.spanMicros[actor] ?? [])),
        )
        close(
          busy / (statistics.elapsed * 1e6 * (await folded).header.scenario.consumers),
          statistics.utilization.consumers,
        )
        const blocked = sum(
          actorsOf(await folded, "producer").map((actor) => sum(data.columns.spanMicros[actor] ?? [])),
        )
        close(blocked / 1e6, statistics.producers.blockedTime)
      })

      it("has columns that add up to the statistics", async () => {
        const run = await folded
        const { columns, latencyHistogram } = run.data
        const { statistics } = run
        const itemsOf = (role: string) =>
          sum(actorsOf(run, role).map((actor) => sum(columns.itemCount[actor] ?? [])))
        expect(itemsOf("producer")).toBe(statistics.produced)
        expect(itemsOf("consumer")).toBe(statistics.consumed)
        expect(sum(columns.dropped)).toBe(statistics.dropped)
        expect(sum(latencyHistogram.counts)).toBe(statistics.latency.count)
        expect(Math.max(0, ...columns.depthMax.map((depth) => depth ?? 0))).toBe(statistics.queue.maxDepth)
        if (statistics.elapsed > 0)
          close(sum(columns.depthArea) / (statistics.elapsed * 1e6), statistics.queue.meanDepth)
        if (statistics.latency.count > 0) {
          close(sum(columns.waitSum) / statistics.latency.count / 1e6, statistics.latency.mean ?? 0)
          expect(Math.max(...columns.waitMax) / 1e6).toBe(statistics.latency.max)
        }
        expect(columns.count * columns.width).toBeGreaterThanOrEqual(run.end.at)
        expect((columns.count - 1) * columns.width).toBeLessThan(Math.max(1, run.end.at))
      })

      it("holds every event of a short run, with the statistics fold's depth and wait at each one", async () => {
        const run = await folded
        const [window] = run.data.detail.windows
        expect(run.data.detail.windows).toHaveLength(1)
        expect(window?.until).toBe(run.end.at + 1)
        const decoded = decodeWindow(defined(window), run.data.actors)
        expect(decoded.map(({ at, type, actor, item, value }) => ({ at, type, actor, item, value }))).toEqual(
          run.events.map(({ at, type, actor, item, value }) => ({ at, type, actor, item, value })),
        )
        const statistics = new StatisticsFold()
        statistics.start(run.header)
        const state = RunState.fromSnapshot(
          defined(window).start,
          (actor) => run.data.actors[actor]?.role === "producer",
        )
        decoded.forEach((event, index) => {
          const recorded = defined(run.events[index])
          statistics.event(recorded)
          const latency = recorded.type === "dequeued" ? statistics.latencyOf(recorded) : undefined
          expect(event.latency ?? undefined).toBe(latency)
          if (event.type === "produced" || event.type === "handedOver")
            expect(event.index).toBe(recorded.index)
          state.apply(event.at, event.code, event.actorIndex, event.item, event.value)
          expect(state.depth).toBe(statistics.snapshot().queueDepth)
        })
      })
    })
  }

  it("works as a sink: start with the header, events, end answers the PageData", () =>
    Effect.gen(function* () {
      const run = yield* Effect.promise(() => foldRun({ mode: "async" }))
      const sink = makePageDataSink()
      sink.start(run.header, unreadContext)
      for (const event of run.events) sink.event(event)
      expect(yield* sink.end(run.end)).toEqual(run.data)
    }).pipe(Effect.runPromise))

  it("skips event types it does not know, as every reader does", () => {
    const header = headerOf({ mode: "async", items: 1 })
    const end = { at: 10, reason: "completed" } as const
    const run = foldEvents(header, [{ at: 1, type: "mystery" as EventType, actor: "producer-1" }], end)
    expect(run.data.detail.runEvents).toBe(0)
    expect(run.data.detail.windows).toHaveLength(1)
  })
})
