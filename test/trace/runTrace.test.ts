import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { SimEvent } from "../../src/core/engine/events.ts"
import type { ScenarioInput } from "../../src/core/scenario/scenario.ts"
import { eventSink, fanOut } from "../../src/core/sinks/sink.ts"
import { traceSink } from "../../src/core/trace/traceDocument.ts"
import { runIntoSink } from "../support/sinkRuns.ts"
import { ofPhase, parseTrace, type TraceEvent, threadNames, traceProblems } from "./traceCheck.ts"

/** Runs a scenario into a trace, keeping the run's events beside it. */
const traceRun = (input: ScenarioInput) =>
  Effect.gen(function* () {
    const events: Array<SimEvent> = []
    let text = ""
    const result = yield* runIntoSink(
      input,
      fanOut({
        events: eventSink((event) => events.push(event)),
        trace: traceSink((chunk) => {
          text += chunk
        }),
      }),
    )
    return { events, trace: parseTrace(text), result: result.trace }
  })

const scenarios: Record<string, ScenarioInput> = {
  "lecture sync": { mode: "sync" },
  "lecture async": { mode: "async" },
  "lecture threads": { mode: "threads" },
  "lecture trio (ends by timeout)": { mode: "trio" },
  "trio to the end": { mode: "trio", timeout: "none" },
  "full queue, producers wait": { producers: 3, consumers: 2, capacity: 2, items: 15, process: "exp(700ms)" },
  "full queue drops": { producers: 3, capacity: 2, whenFull: "drop", items: 15 },
  "full queue evicts": { producers: 3, capacity: 2, whenFull: "slide", items: 15 },
  "no pauses, no service time": { produce: "0ms", process: "0ms", items: 30 },
  "blocked at the timeout": { producers: 4, capacity: 1, timeout: "3s", process: "1s" },
}

/** How each event type moves the queue's depth, counted here apart from the code under test. */
const depthStep: Readonly<Record<string, number>> = {
  produced: 1,
  blocked: -1,
  enqueued: 1,
  dequeued: -1,
  dropped: -1,
}

/**
 * The queue's depth at the end of each instant at which it changed, as (instant, depth): the series
 * starts with the depth after instant 0 (0 when nothing happens then).
 */
const depthChanges = (events: ReadonlyArray<SimEvent>): Array<[number, number]> => {
  const changes: Array<[number, number]> = [[0, 0]]
  let queueDepth = 0
  events.forEach((event, index) => {
    queueDepth += depthStep[event.type] ?? 0
    if (events[index + 1]?.at === event.at) return
    const last = changes[changes.length - 1] as [number, number]
    if (event.at === 0) last[1] = queueDepth
    else if (queueDepth !== last[1]) changes.push([event.at, queueDepth])
  })
  return changes
}

const counterSeries = (trace: ReadonlyArray<TraceEvent>): Array<[number, number]> =>
  ofPhase(trace, "C", "queue")
    .map((event): [number, number] => [event.ts ?? -1, Number(event.args?.depth)])
    .sort((a, b) => a[0] - b[0])

describe("the trace of a run", () => {
  for (const [label, input] of Object.entries(scenarios)) {
    describe(label, () => {
      it.effect("is a well-formed trace: spans closed, slices in sequence, flows forward, ts >= 0", () =>
        Effect.gen(function* () {
          const { trace } = yield* traceRun(input)
          expect(traceProblems(trace)).toEqual([])
        }),
      )

      it.effect("has one named thread per actor, and every item's spans", () =>
        Effect.gen(function* () {
          const { events, trace } = yield* traceRun(input)
          const actors = new Set(events.map((event) => event.actor))
          const threads = threadNames(trace).get(1)
          expect(new Set(threads?.keys())).toEqual(actors)
          const items = new Set(ofType(events, "produced").map((event) => event.item))
          const waited = trace.filter((event) => event.name === "waiting" && event.ph !== "e")
          expect(new Set(waited.map((event) => event.args?.item))).toEqual(items)
          const pickedUp = ofType(events, "dequeued").map((event) => event.item)
          const processing = trace.filter((event) => event.name === "processing" && event.ph !== "e")
          expect(processing.map((event) => event.args?.item)).toEqual(pickedUp)
        }),
      )

      it.effect("draws the queue depth at every change, as the events count it", () =>
        Effect.gen(function* () {
          const { events, trace } = yield* traceRun(input)
          expect(counterSeries(trace)).toEqual(depthChanges(events))
        }),
      )
    })
  }
})

const ofType = (events: ReadonlyArray<SimEvent>, type: string) =>
  events.filter((event) => event.type === type)

describe("what the trace draws", () => {
  it.effect("a consumer slice per item, named by its value, from pick-up to processed", () =>
    Effect.gen(function* () {
      const { events, trace } = yield* traceRun({ mode: "async" })
      const consumer = threadNames(trace).get(1)?.get("consumer-1")
      const slices = trace.filter((event) => event.ph === "X" && event.tid === consumer)
      const processed = ofType(events, "processed")
      expect(slices.map((slice) => slice.name)).toEqual(processed.map((event) => String(event.value)))
      const pickedUpAt = new Map(ofType(events, "dequeued").map((event) => [event.item, event.at]))
      for (const [index, slice] of slices.entries()) {
        const done = processed[index] as SimEvent
        expect(slice.ts).toBe(pickedUpAt.get(done.item))
        expect((slice.ts ?? 0) + (slice.dur ?? 0)).toBe(done.at)
      }
    }),
  )

  it.effect("producers' pauses between items, none after the last (its end is not recorded)", () =>
    Effect.gen(function* () {
      const { events, trace } = yield* traceRun({ mode: "sync" })
      const pauses = ofPhase(trace, "X", "pause")
      const produced = ofType(events, "produced")
      expect(pauses).toHaveLength(produced.length - 1)
      for (const [index, pause] of pauses.entries()) {
        expect(pause.ts).toBe(produced[index]?.at)
        expect((pause.ts ?? 0) + (pause.dur ?? 0)).toBe(produced[index + 1]?.at)
      }
    }),
  )

  it.effect("no pause after a producer's last item, whether its count comes on produced or handedOver", () =>
    Effect.gen(function* () {
      const cases: Array<[ScenarioInput, boolean]> = [
        [{ mode: "async" }, false],
        [{ mode: "trio", timeout: "none" }, true],
        [scenarios["full queue, producers wait"] as ScenarioInput, true],
      ]
      for (const [input, countComesLater] of cases) {
        const { events, trace } = yield* traceRun(input)
        expect(ofType(events, "handedOver").length > 0).toBe(countComesLater)
        for (const [actor, tid] of threadNames(trace).get(1) ?? []) {
          const made = events.filter((event) => event.type === "produced" && event.actor === actor).length
          if (made === 0) continue
          const pauses = ofPhase(trace, "X", "pause").filter((pause) => pause.tid === tid)
          expect(pauses).toHaveLength(made - 1)
        }
      }
    }),
  )

  it.effect("blocked time from blocked to enqueued, and the pause only from the hand-over", () =>
    Effect.gen(function* () {
      const { events, trace } = yield* traceRun(scenarios["full queue, producers wait"] as ScenarioInput)
      const blocked = ofPhase(trace, "X", "blocked")
      expect(blocked).toHaveLength(ofType(events, "blocked").length)
      const enqueuedAt = new Map(ofType(events, "enqueued").map((event) => [event.item, event.at]))
      for (const slice of blocked) {
        expect((slice.ts ?? 0) + (slice.dur ?? 0)).toBe(enqueuedAt.get(Number(slice.args?.item)))
        const pause = ofPhase(trace, "X", "pause").find((event) => event.args?.item === slice.args?.item)
        if (pause !== undefined) expect(pause.ts).toBe(enqueuedAt.get(Number(slice.args?.item)))
      }
    }),
  )

  it.effect("a dropped mark per drop, on the dropping producer's thread, and the wait ends there", () =>
    Effect.gen(function* () {
      for (const whenFull of ["drop", "slide"] as const) {
        const { events, trace } = yield* traceRun({ producers: 3, capacity: 2, whenFull, items: 15 })
        const drops = ofType(events, "dropped")
        expect(drops.length).toBeGreaterThan(0)
        const marks = ofPhase(trace, "i", "dropped")
        const threads = threadNames(trace).get(1)
        expect(marks.map((mark) => [mark.tid, mark.ts, mark.args?.item])).toEqual(
          drops.map((drop) => [threads?.get(drop.actor), drop.at, drop.item]),
        )
        for (const drop of drops) {
          // One run alone in its document: an item's async id is the item.
          const waitEnd = trace.find(
            (event) => event.cat === "waiting" && event.id === drop.item && event.ph !== "b",
          )
          expect(waitEnd?.ts).toBe(drop.at)
        }
      }
    }),
  )

  it.effect("an item picked up at once waits as one zero-length async instant, still the flow's start", () =>
    Effect.gen(function* () {
      const { trace } = yield* traceRun({ mode: "async" })
      const first = trace.filter((event) => event.id === 1)
      expect(first.map((event) => [event.ph, event.name, event.ts])).toEqual([
        ["n", "waiting", 0],
        ["b", "processing", 0],
        ["e", "processing", 500_000],
      ])
      expect(first[0]?.flow_out).toBe(true)
      expect(first[1]?.flow_in).toBe(true)
    }),
  )

  it.effect("closes what is open at the end's time, and marks the end with its reason", () =>
    Effect.gen(function* () {
      const { trace, result } = yield* traceRun(scenarios["blocked at the timeout"] as ScenarioInput)
      expect(result.closedAtEnd).toBeGreaterThan(0)
      const end = ofPhase(trace, "i", "run end")
      expect(end.map((event) => [event.ts, event.args?.reason, event.s])).toEqual([
        [3_000_000, "timeout", "p"],
      ])
      const atEnd = trace.filter((event) => event.ts === 3_000_000 && event.ph === "e")
      expect(atEnd.length).toBeGreaterThan(0)
      const lastSliceEnd = Math.max(...ofPhase(trace, "X").map((event) => (event.ts ?? 0) + (event.dur ?? 0)))
      expect(lastSliceEnd).toBe(3_000_000)
      expect(
        ofPhase(trace, "X", "blocked").some((event) => (event.ts ?? 0) + (event.dur ?? 0) === 3_000_000),
      ).toBe(true)
    }),
  )

  it.effect("names the process after the mode and seed", () =>
    Effect.gen(function* () {
      const { trace } = yield* traceRun({ mode: "threads", seed: 7 })
      expect(ofPhase(trace, "M", "process_name").map((event) => event.args?.name)).toEqual([
        "threads (seed 7)",
      ])
    }),
  )
})
