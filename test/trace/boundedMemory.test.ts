import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { SimEvent } from "../../src/engine/events.ts"
import { TraceDocument } from "../../src/trace/traceDocument.ts"
import { resolveOrThrow } from "../support/runs.ts"
import { headerOf } from "../support/sinkRuns.ts"

const eventCount = 1_000_000
/** Items waiting in the synthetic queue at any time. */
const backlog = 5
const chunkChars = 1 << 16

/**
 * A steady stream, in time order: item i is produced at i ms, picked up `backlog` items later,
 * processed 0.4 ms after that; one producer, one consumer, three events per item.
 */
function* steadyStream(): Generator<SimEvent> {
  const produced = (item: number): SimEvent => ({
    at: item * 1000,
    type: "produced",
    actor: "producer-1",
    item,
    value: item,
    index: item,
  })
  for (let item = 1; ; item++) {
    yield produced(item)
    const taken = item - backlog
    if (taken < 1) continue
    yield { at: item * 1000 + 500, type: "dequeued", actor: "consumer-1", item: taken, value: taken }
    yield { at: item * 1000 + 900, type: "processed", actor: "consumer-1", item: taken, value: taken }
  }
}

describe("a trace of a long run", () => {
  it.effect(`holds only what open spans need over ${eventCount.toLocaleString("en")} events`, () =>
    Effect.gen(function* () {
      let written = 0
      let chunks = 0
      let lastChunk = ""
      const document = new TraceDocument(
        (chunk) => {
          written += chunk.length
          chunks++
          lastChunk = chunk
        },
        { chunkChars },
      )
      const run = document.run()
      run.start(headerOf(resolveOrThrow({ mode: "async", items: eventCount })))
      let most = { actors: 0, waitingItems: 0, processingItems: 0, producerSpans: 0, documentChars: 0 }
      let count = 0
      for (const event of steadyStream()) {
        run.event(event)
        if (++count === eventCount) break
        if (count % 1000 !== 0) continue
        const held = run.held()
        most = {
          actors: Math.max(most.actors, held.actors),
          waitingItems: Math.max(most.waitingItems, held.waitingItems),
          processingItems: Math.max(most.processingItems, held.processingItems),
          producerSpans: Math.max(most.producerSpans, held.producerSpans),
          documentChars: Math.max(most.documentChars, document.heldChars()),
        }
      }
      const result = yield* run.end({ at: eventCount * 1000, reason: "interrupted" })
      document.close()

      // Two actors, the backlog and the item in hand, one pause, one chunk: whatever the length.
      expect(most.actors).toBe(2)
      expect(most.waitingItems).toBeLessThanOrEqual(backlog + 1)
      expect(most.processingItems).toBeLessThanOrEqual(1)
      expect(most.producerSpans).toBe(1)
      expect(most.documentChars).toBeLessThan(chunkChars + 512)
      // Everything else went out as it was made.
      expect(result.traceEvents).toBeGreaterThan(eventCount)
      expect(written / chunks).toBeGreaterThan(chunkChars * 0.9)
      expect(lastChunk.endsWith("\n]}\n")).toBe(true)
      // Stopped mid-stream: the backlog's waits, the item in hand and the pause were closed at the end.
      expect(result.closedAtEnd).toBe(backlog + 2)
    }),
  )
})
