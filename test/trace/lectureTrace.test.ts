import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { traceSink } from "../../src/core/trace/traceDocument.ts"
import { runIntoSink } from "../support/sinkRuns.ts"

describe("the lecture's async run (default seed)", () => {
  it.effect(
    "gives the reviewed trace, byte for byte (open lectureAsync.trace.json in Perfetto to see it)",
    () =>
      Effect.gen(function* () {
        let text = ""
        yield* runIntoSink(
          { mode: "async" },
          traceSink((chunk) => {
            text += chunk
          }),
        )
        yield* Effect.promise(() => expect(text).toMatchFileSnapshot("./lectureAsync.trace.json"))
      }),
  )
})
