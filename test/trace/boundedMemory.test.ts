import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { SimEvent } from "../../src/core/engine/events.ts"
import { runHeader } from "../../src/core/run.ts"
import type { HeldState } from "../../src/core/trace/runTrace.ts"
import { TraceDocument } from "../../src/core/trace/traceDocument.ts"
import { resolveOrThrow } from "../support/runs.ts"

const eventCount = 1_000_000
/** Items waiting in the synthetic queue at any time. */
const backlog = 5
const chunkChars = 1 << 16

/**
 * A stream in time order: one producer, one consumer, three events per item; item i is produced,
 * picked up `backlog` items later, then processed. `timeOf(item, step)` places each event.
 */
function* itemStream(timeOf: (item: number, step: number) => number): Generator<SimEvent> {
  for (let item = 1; ; item++) {
    yield { at: timeOf(item, 0), type: "produced", actor: "producer-1", item, value: item, index: item }
    const taken = item - backlog
    if (taken < 1) continue
    yield { at: timeOf(item, 1), type: "dequeued", actor: "consumer-1", item: taken, value: taken }
    yield { at: timeOf(item, 2), type: "processed", actor: "consumer-1", item: taken, value: taken }
  }
}

/** Traces the first `eventCount` events of `stream`; answers the most the sink held, and the result. */
const traceStream = (stream: Generator<SimEvent>, endAt: number) =>
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
    run.start(runHeader(resolveOrThrow({ mode: "async", items: eventCount })))
    const most: Record<keyof HeldState | "documentChars", number> = {
      actors: 0,
      waitingItems: 0,
      processingItems: 0,
      producerSpans: 0,
      beginningsHeld: 0,
      documentChars: 0,
    }
    let count = 0
    for (const event of stream) {
      run.event(event)
      if (++count === eventCount) break
      if (count % 100 !== 0) continue
      const held = { ...run.held(), documentChars: document.heldChars() }
      for (const key of Object.keys(most) as Array<keyof typeof most>)
        most[key] = Math.max(most[key], held[key])
    }
    const result = yield* run.end({ at: endAt, reason: "interrupted" })
    document.close()
    return { most, result, written, chunks, lastChunk }
  })

describe("a trace of a long run", () => {
  it.effect(`holds only what open spans need over ${eventCount.toLocaleString("en")} events`, () =>
    Effect.gen(function* () {
      // Item i made at i ms, picked up at +0.5 ms, processed at +0.9 ms (of the later item's ms).
      const offsets = [0, 500, 900]
      const steady = itemStream((item, step) => item * 1000 + (offsets[step] ?? 0))
      const { most, result, written, chunks, lastChunk } = yield* traceStream(steady, eventCount * 1000)

      // Two actors, the backlog and the item in hand, one pause, one chunk: whatever the length.
      expect(most.actors).toBe(2)
      expect(most.waitingItems).toBeLessThanOrEqual(backlog + 1)
      expect(most.processingItems).toBeLessThanOrEqual(1)
      expect(most.producerSpans).toBe(1)
      expect(most.beginningsHeld).toBeLessThanOrEqual(2)
      expect(most.documentChars).toBeLessThan(chunkChars + 512)
      // Everything else went out as it was made.
      expect(result.traceEvents).toBeGreaterThan(eventCount)
      expect(written / chunks).toBeGreaterThan(chunkChars * 0.9)
      expect(lastChunk.endsWith("\n]}\n")).toBe(true)
      // Stopped mid-stream: the backlog's waits, the item in hand and the pause were closed at the end.
      expect(result.closedAtEnd).toBe(backlog + 2)
    }),
  )

  it.effect("holds as little when every event happens at one instant (`--produce 0ms --process 0ms`)", () =>
    Effect.gen(function* () {
      const { most } = yield* traceStream(
        itemStream(() => 0),
        0,
      )
      expect(most.waitingItems).toBeLessThanOrEqual(backlog + 1)
      // Beginnings wait for the instant to end; the ended ones are dropped as they pile up.
      expect(most.beginningsHeld).toBeLessThanOrEqual(2 * (backlog + 2))
      expect(most.documentChars).toBeLessThan(chunkChars + 512)
    }),
  )
})
