import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { RunHeader, SimEvent } from "../../src/core/engine/events.ts"
import { runHeader } from "../../src/core/run.ts"
import { traceSink } from "../../src/core/trace/traceDocument.ts"
import { jsonString } from "../../src/core/trace/traceEvents.ts"
import { unreadContext } from "../support/runContext.ts"
import { resolveOrThrow } from "../support/runs.ts"
import { parseTrace, threadNames, traceProblems } from "./traceCheck.ts"

const hostile = [
  "<img src=x onerror=alert(1)>",
  'producer "one"',
  "back\\slash",
  "line\nbreak\ttab\r",
  "nul\u0000bell\u0007esc\u001b",
  "delete\u007f",
  "emoji 🧵 and ünïcödé",
  "\u2028\u2029 separators",
  '"},{"ph":"X","name":"injected',
]

describe("strings in a trace", () => {
  it("are JSON string literals that read back as written", () => {
    for (const text of hostile) expect(JSON.parse(jsonString(text))).toBe(text)
  })

  it("carry no raw control character or DEL, which Perfetto's older tokenizer rejects", () => {
    const isRawControl = (code: number) => code < 0x20 || code === 0x7f
    for (const text of hostile) {
      const codes = [...jsonString(text)].map((character) => character.charCodeAt(0))
      expect(codes.filter(isRawControl)).toEqual([])
    }
  })

  it("have lone surrogates replaced, since Perfetto rejects their escapes", () => {
    expect(JSON.parse(jsonString("a\uD800b\uDC00c"))).toBe("a\uFFFDb\uFFFDc")
    expect(jsonString("pair 🧵 stays")).toBe('"pair 🧵 stays"')
    expect(jsonString("\uDC00\uD800")).not.toMatch(/\\ud[89a-f]/i)
  })
})

describe("actors and untrusted header strings", () => {
  it.effect(
    "are the scenario's actors, one thread each, and a hostile header string reaches the trace as text",
    () =>
      Effect.gen(function* () {
        let text = ""
        const sink = traceSink((chunk) => {
          text += chunk
        })
        // A header is decoded by its Schema at the edge; the trace escapes it all the same.
        const mode = '<script>"mode"' as RunHeader["mode"]
        sink.start({ ...runHeader(resolveOrThrow({ mode: "async" })), mode }, unreadContext)
        const events: Array<SimEvent> = [
          { at: 0, type: "produced", actor: "producer-1", item: 1, value: 1, index: 1 },
          { at: 10, type: "produced", actor: "producer-2", item: 2, value: 1, index: 1 },
          { at: 20, type: "dequeued", actor: "consumer-1", item: 1, value: 1 },
          { at: 30, type: "dropped", actor: "producer-2", item: 2, value: 1 },
          { at: 40, type: "processed", actor: "consumer-1", item: 1, value: 1 },
        ]
        for (const event of events) sink.event(event)
        yield* sink.end({ at: 50, reason: "completed" })
        const trace = parseTrace(text)
        expect(traceProblems(trace)).toEqual([])
        expect([...(threadNames(trace).get(1)?.keys() ?? [])]).toEqual([
          "producer-1",
          "producer-2",
          "consumer-1",
        ])
        expect(trace.find((event) => event.name === "process_name")?.args?.name).toBe(
          '<script>"mode" (seed 1)',
        )
      }),
  )

  it("refuses an actor the header does not name (a recording naming one is refused before the trace)", () => {
    const sink = traceSink(() => {})
    sink.start(runHeader(resolveOrThrow({ mode: "async" })), unreadContext)
    expect(() =>
      sink.event({ at: 0, type: "produced", actor: hostile[0] ?? "", item: 1, value: 1, index: 1 }),
    ).toThrow("unknown actor")
  })
})
