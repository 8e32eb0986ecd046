import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { runHeader } from "../../src/core/run.ts"
import { TraceDocument, traceSink } from "../../src/core/trace/traceDocument.ts"
import { resolveOrThrow } from "../support/runs.ts"
import { runIntoSink } from "../support/sinkRuns.ts"
import { ofPhase, parseTrace, threadNames, traceProblems } from "./traceCheck.ts"

/** A document whose chunks are kept, in order. */
const collected = (chunkChars?: number) => {
  const chunks: Array<string> = []
  const document = new TraceDocument(
    (chunk) => chunks.push(chunk),
    chunkChars === undefined ? {} : { chunkChars },
  )
  return { document, chunks, text: () => chunks.join("") }
}

/** `--compare sync,async`: both runs written into one document, one after the other. */
const compared = (chunkChars?: number) =>
  Effect.gen(function* () {
    const { document, chunks, text } = collected(chunkChars)
    const results = []
    for (const mode of ["sync", "async"] as const) results.push(yield* runIntoSink({ mode }, document.run()))
    document.close()
    return { results, chunks, text: text() }
  })

describe("a trace document", () => {
  it("with no run is an empty, valid document", () => {
    const { document, text } = collected()
    document.close()
    expect(text()).toBe('{"traceEvents":[]}\n')
    expect(parseTrace(text())).toEqual([])
  })

  it.effect("holds several runs, one process each, in the order they ran", () =>
    Effect.gen(function* () {
      const { results, text } = yield* compared()
      const trace = parseTrace(text)
      expect(traceProblems(trace)).toEqual([])
      const processes = ofPhase(trace, "M", "process_name").map((event) => [event.pid, event.args?.name])
      expect(processes).toEqual([
        [results[0]?.pid, "sync (seed 1)"],
        [results[1]?.pid, "async (seed 1)"],
      ])
      const sortIndex = ofPhase(trace, "M", "process_sort_index").map((event) => event.args?.sort_index)
      expect(sortIndex).toEqual(results.map((result) => result.pid))
      const threads = threadNames(trace)
      expect([...(threads.get(results[0]?.pid ?? 0)?.keys() ?? [])]).toEqual(["producer-1", "consumer-1"])
      expect([...(threads.get(results[1]?.pid ?? 0)?.keys() ?? [])]).toEqual([
        "producer-1",
        "producer-2",
        "consumer-1",
      ])
    }),
  )

  it.effect("keeps async ids and flow ids unique across its runs (Perfetto matches them globally)", () =>
    Effect.gen(function* () {
      const trace = parseTrace((yield* compared()).text)
      const waitingIds = trace.filter((event) => event.cat === "waiting" && event.ph !== "e").map((e) => e.id)
      expect(new Set(waitingIds).size).toBe(20 + 40)
      const flowStarts = trace.filter((event) => event.flow_out === true).map((event) => event.bind_id)
      expect(new Set(flowStarts).size).toBe(60)
      // The second run's items come after the first run's.
      const secondRun = trace.filter((event) => event.cat === "waiting" && event.pid !== trace[0]?.pid)
      expect(Math.min(...secondRun.map((event) => event.id ?? 0))).toBe(21)
    }),
  )

  it.effect("is written in chunks of the size asked for, the same text whatever the size", () =>
    Effect.gen(function* () {
      const whole = yield* compared()
      const small = yield* compared(1024)
      expect(small.text).toBe(whole.text)
      expect(small.chunks.length).toBeGreaterThan(10)
      const longestLine = Math.max(...whole.text.split("\n").map((line) => line.length))
      for (const chunk of small.chunks) expect(chunk.length).toBeLessThan(1024 + longestLine + 2)
    }),
  )

  it.effect("takes runs one after another, and refuses what would break it", () =>
    Effect.gen(function* () {
      const { document, text } = collected()
      const header = runHeader(resolveOrThrow({ mode: "async" }))
      const first = document.run()
      first.start(header)
      expect(() => document.run().start(header)).toThrow("a run is already being written")
      expect(() => document.close()).toThrow("a run is still being written")
      // An aborted run releases the document; what it wrote stays valid.
      yield* first.abort()
      yield* runIntoSink({ mode: "sync" }, document.run())
      document.close()
      expect(() => document.run().start(header)).toThrow("the trace document is closed")
      expect(traceProblems(parseTrace(text()))).toEqual([])
    }),
  )
})

describe("the trace of one run (traceSink)", () => {
  it.effect("is a document of its own, closed when the run ends", () =>
    Effect.gen(function* () {
      let text = ""
      const result = yield* runIntoSink(
        { mode: "async" },
        traceSink((chunk) => {
          text += chunk
        }),
      )
      expect(text.endsWith("\n]}\n")).toBe(true)
      const trace = parseTrace(text)
      expect(result).toEqual({ pid: 1, traceEvents: trace.length, closedAtEnd: 0 })
    }),
  )
})
