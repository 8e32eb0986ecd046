import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import type { SimEvent } from "../../src/core/engine/events.ts"
import { runHeader, runToStatistics } from "../../src/core/run.ts"
import type { ScenarioInput } from "../../src/core/scenario/scenario.ts"
import { parseStage } from "../../src/core/scenario/stageText.ts"
import { eventSink } from "../../src/core/sinks/sink.ts"
import { TraceDocument, traceSink } from "../../src/core/trace/traceDocument.ts"
import { resolveOrThrow } from "../support/runs.ts"
import { ofPhase, parseTrace, type TraceEvent, threadNames, traceProblems } from "./traceCheck.ts"

const pipeline = (settings: ScenarioInput, ...stages: ReadonlyArray<string>): ScenarioInput => ({
  producers: 1,
  ...settings,
  stages: stages.map((text) => Result.getOrThrow(parseStage(text))),
})

/** Failures, retries, dead letters, a full queue that holds workers, and drops below it. */
const threeStages = pipeline(
  { items: 400, produce: "exp(100ms)" },
  "parse:workers=2,process=exp(150ms)",
  "store:process=exp(80ms),capacity=3,fail=0.25,retries=1,backoff=exp(50ms)",
  "index:process=exp(90ms),capacity=2,when-full=drop",
)

const sixStages = pipeline(
  { producers: 2, items: 150, produce: "exp(100ms)" },
  "receive:workers=2,process=exp(60ms)",
  "parse:workers=3,process=exp(150ms),capacity=4",
  "enrich:workers=2,process=exp(90ms),fail=0.1,retries=2,backoff=exp(30ms)",
  "store:process=exp(40ms),capacity=2",
  "index:workers=2,process=exp(70ms),capacity=3,when-full=slide",
  "notify:process=exp(20ms),fail=0.3,retries=0",
)

const traceRun = (input: ScenarioInput) =>
  Effect.gen(function* () {
    const events: Array<SimEvent> = []
    let text = ""
    const { statistics } = yield* runToStatistics(resolveOrThrow(input), {
      events: eventSink((event) => events.push(event)),
      trace: traceSink((chunk) => {
        text += chunk
      }),
    })
    return { events, statistics, text, trace: parseTrace(text) }
  })

const processIds = (trace: ReadonlyArray<TraceEvent>): Map<string, number> =>
  new Map(ofPhase(trace, "M", "process_name").map((event) => [String(event.args?.name), event.pid]))

const count = (events: ReadonlyArray<SimEvent>, type: string) =>
  events.filter((event) => event.type === type).length

/**
 * Where an item's flow should pass, from the events alone: each wait, attempt and backoff, in the
 * order they happen, as (span, stage, time).
 */
const expectedFlow = (events: ReadonlyArray<SimEvent>, item: number, retries: Map<string, number>) =>
  events.flatMap((event): Array<[string, string, number]> => {
    if (event.item !== item) return []
    const stage = event.stage ?? ""
    switch (event.type) {
      case "produced":
      case "forwarded":
      case "retried":
        return [["waiting", stage, event.at]]
      case "dequeued":
        return [["processing", stage, event.at]]
      case "failed":
        return (event.attempt ?? 0) <= (retries.get(stage) ?? 0) ? [["backoff", stage, event.at]] : []
      default:
        return []
    }
  })

for (const [label, input] of [
  ["3 stages", threeStages],
  ["6 stages", sixStages],
] as const) {
  describe(`the trace of a pipeline of ${label}`, () => {
    it.effect("is well formed, with a process per stage named by it, its workers as its threads", () =>
      Effect.gen(function* () {
        const { trace, events } = yield* traceRun(input)
        expect(traceProblems(trace)).toEqual([])
        const stages = (input.stages ?? []).map((stage) => stage.name)
        const processes = processIds(trace)
        expect([...processes.keys()]).toEqual(["async (seed 1)", ...stages])
        const threads = threadNames(trace)
        const producers = new Set(
          events.filter((event) => event.type === "produced").map((event) => event.actor),
        )
        expect(new Set(threads.get(processes.get("async (seed 1)") ?? 0)?.keys())).toEqual(producers)
        for (const stage of stages) {
          const workers = new Set(
            events
              .filter((event) => event.type === "dequeued" && event.stage === stage)
              .map((event) => event.actor),
          )
          expect(new Set(threads.get(processes.get(stage) ?? 0)?.keys())).toEqual(workers)
        }
      }),
    )

    it.effect("follows each item by one flow through every wait and attempt, in time order", () =>
      Effect.gen(function* () {
        const { trace, events } = yield* traceRun(input)
        const stageOfPid = new Map([...processIds(trace)].map(([name, pid]) => [pid, name]))
        const retries = new Map((input.stages ?? []).map((stage) => [stage.name, stage.retries ?? 0]))
        // An item's flow is bound by the id of its first span: its wait in the first stage.
        const flowOf = new Map<number, Array<[string, string, number]>>()
        for (const event of trace) {
          if (event.bind_id === undefined) continue
          const points = flowOf.get(event.bind_id) ?? []
          points.push([String(event.name), stageOfPid.get(event.pid) ?? "?", event.ts ?? -1])
          flowOf.set(event.bind_id, points)
        }
        const items = events.filter((event) => event.type === "produced").map((event) => event.item as number)
        const starts = trace.filter((event) => event.flow_out === true && event.flow_in !== true)
        expect(starts.map((event) => event.args?.item)).toEqual(items)
        let acrossStages = 0
        for (const start of starts) {
          const item = Number(start.args?.item)
          const points = flowOf.get(start.bind_id ?? -1) ?? []
          expect(points).toEqual(expectedFlow(events, item, retries))
          if (new Set(points.map(([, stage]) => stage)).size === (input.stages ?? []).length) acrossStages++
        }
        expect(acrossStages).toBeGreaterThan(items.length / 2)
      }),
    )

    it.effect("draws each queue's depth, whose highest value is the statistics' maxDepth", () =>
      Effect.gen(function* () {
        const { trace, statistics } = yield* traceRun(input)
        const processes = processIds(trace)
        for (const [stage, figures] of Object.entries(statistics.stages ?? {})) {
          const depths = ofPhase(trace, "C", "queue")
            .filter((event) => event.pid === processes.get(stage))
            .map((event) => Number(event.args?.depth))
          expect(depths.length).toBeGreaterThan(1)
          expect(Math.max(...depths)).toBe(figures.queue.maxDepth)
        }
      }),
    )

    it.effect("draws blocked workers, failed attempts, retries and dead letters as the events tell", () =>
      Effect.gen(function* () {
        const { trace, events } = yield* traceRun(input)
        const blocked = ofPhase(trace, "X", "blocked")
        expect(blocked.length).toBe(count(events, "held"))
        // An item may hold a worker at more than one stage: the slices and the events, as (item, from, until).
        const heldAt = new Map<string, number>()
        const holds: Array<[number, number, number]> = []
        for (const event of events) {
          const key = `${event.actor}/${event.item}`
          if (event.type === "held") heldAt.set(key, event.at)
          if (event.type === "handedOn") holds.push([event.item ?? -1, heldAt.get(key) ?? -1, event.at])
        }
        const byTime = (a: [number, number, number], b: [number, number, number]) =>
          a[1] - b[1] || a[2] - b[2] || a[0] - b[0]
        expect(blocked.every((slice) => slice.cat === "blocked")).toBe(true)
        expect(
          blocked
            .map((slice): [number, number, number] => [
              Number(slice.args?.item),
              slice.ts ?? 0,
              (slice.ts ?? 0) + (slice.dur ?? 0),
            ])
            .sort(byTime),
        ).toEqual(holds.sort(byTime))
        const failed = trace.filter((event) => event.ph === "X" && event.cat === "failed")
        expect(failed.length).toBe(count(events, "failed"))
        expect(failed.every((slice) => / \(attempt \d+ failed\)$/.test(String(slice.name)))).toBe(true)
        expect(ofPhase(trace, "i", "retried").length).toBe(count(events, "retried"))
        expect(ofPhase(trace, "i", "dead-lettered").length).toBe(count(events, "deadLettered"))
        expect(ofPhase(trace, "i", "dropped").length).toBe(count(events, "dropped"))
        if (input === threeStages) {
          for (const type of ["held", "failed", "retried", "deadLettered", "dropped"])
            expect(count(events, type)).toBeGreaterThan(0)
        }
      }),
    )
  })
}

describe("a pipeline's trace stopped by a timeout", () => {
  it.effect("is well formed: held workers, backoffs and waits still open end at the end's time", () =>
    Effect.gen(function* () {
      const { trace, statistics } = yield* traceRun({ ...threeStages, timeout: "9s" })
      expect(statistics.end.reason).toBe("timeout")
      expect(traceProblems(trace)).toEqual([])
      const endsAt = (event: TraceEvent) => (event.ts ?? 0) + (event.dur ?? 0)
      expect(ofPhase(trace, "X", "blocked").some((slice) => endsAt(slice) === 9_000_000)).toBe(true)
      const closedAtEnd = trace.filter((event) => event.ph === "e" && event.ts === 9_000_000)
      expect(new Set(closedAtEnd.map((event) => event.name))).toEqual(new Set(["waiting", "processing"]))
    }),
  )
})

describe("a pipeline's trace, edited names", () => {
  it.effect("escapes a stage name no command line would give, and still parses", () =>
    Effect.gen(function* () {
      const header = runHeader(resolveOrThrow(pipeline({ items: 1 }, "parse")))
      const name = 'a"b\\c\u0000\u007f\uD800'
      const edited = { ...header, scenario: { ...header.scenario, stages: [{ name, workers: 1 }] } }
      let text = ""
      const document = new TraceDocument((chunk) => {
        text += chunk
      })
      const run = document.run()
      run.start(edited)
      const events: ReadonlyArray<SimEvent> = [
        { at: 0, type: "produced", actor: "producer-1", item: 1, value: 1, index: 1, stage: name },
        { at: 0, type: "dequeued", actor: `${name}-1`, item: 1, value: 1, stage: name },
        { at: 10, type: "processed", actor: `${name}-1`, item: 1, value: 1, stage: name },
        { at: 10, type: "departed", actor: `${name}-1`, item: 1, value: 1, stage: name },
      ]
      for (const event of events) run.event(event)
      yield* run.end({ at: 10, reason: "completed" })
      document.close()
      const trace = parseTrace(text)
      expect(traceProblems(trace)).toEqual([])
      expect(ofPhase(trace, "M", "process_name").map((event) => event.args?.name)).toEqual([
        "async (seed 1)",
        'a"b\\c\u0000\u007f\uFFFD',
      ])
      expect(ofPhase(trace, "X").map((event) => event.name)).toEqual(["1"])
    }),
  )
})
