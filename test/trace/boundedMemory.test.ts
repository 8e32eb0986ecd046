import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import type { SimEvent } from "../../src/core/engine/events.ts"
import { runHeader } from "../../src/core/run.ts"
import type { ScenarioInput } from "../../src/core/scenario/scenario.ts"
import { parseStage } from "../../src/core/scenario/stageText.ts"
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

const stageNames = ["parse", "store", "index"] as const
/** Ticks an item spends in each stage's queue and hands. */
const ticksPerStage = 3

/**
 * A pipeline of three one-worker stages in time order, one tick (1 ms) per item: item t is produced
 * at tick t; at each tick every stage's worker picks up the item that entered its queue
 * `ticksPerStage` ticks earlier, serves it, then is held by the full queue below for a moment before
 * handing it on (the last stage's item departs).
 */
function* pipelineStream(): Generator<SimEvent> {
  for (let tick = 1; ; tick++) {
    const at = tick * 1000
    yield { at, type: "produced", actor: "producer-1", item: tick, value: tick, index: tick, stage: "parse" }
    for (const [index, stage] of stageNames.entries()) {
      const item = tick - ticksPerStage * (index + 1) + 1
      if (item < 1) continue
      const actor = `${stage}-1`
      const base = at + 100 + index * 10
      const next = stageNames[index + 1]
      const its = { actor, item, value: item }
      yield { at: base, type: "dequeued", ...its, stage }
      yield { at: base + 400, type: "processed", ...its, stage }
      if (next === undefined) {
        yield { at: base + 400, type: "departed", ...its, stage }
        continue
      }
      yield { at: base + 400, type: "forwarded", ...its, stage: next }
      yield { at: base + 400, type: "held", ...its, stage: next }
      yield { at: base + 450, type: "handedOn", ...its, stage: next }
    }
  }
}

const threeStages: ScenarioInput = {
  producers: 1,
  items: eventCount,
  stages: stageNames.map((name) => Result.getOrThrow(parseStage(name))),
}

/** Traces the first `eventCount` events of `stream`; answers the most the sink held, and the result. */
const traceStream = (
  stream: Generator<SimEvent>,
  endAt: number,
  input: ScenarioInput = { items: eventCount },
) =>
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
    run.start(runHeader(resolveOrThrow({ mode: "async", ...input })))
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

  it.effect(
    `holds as little for a pipeline of three stages over ${eventCount.toLocaleString("en")} events`,
    () =>
      Effect.gen(function* () {
        const { most, result, lastChunk } = yield* traceStream(
          pipelineStream(),
          eventCount * 1000,
          threeStages,
        )
        // The producer and a worker per stage; per stage its queue's few items and the one in hand.
        expect(most.actors).toBe(1 + stageNames.length)
        expect(most.waitingItems).toBeLessThanOrEqual(stageNames.length * (ticksPerStage + 1))
        expect(most.processingItems).toBeLessThanOrEqual(stageNames.length)
        // The producer's pause, and each worker's hold by the full queue below it.
        expect(most.producerSpans).toBeLessThanOrEqual(stageNames.length)
        expect(most.beginningsHeld).toBeLessThanOrEqual(2 * stageNames.length)
        expect(most.documentChars).toBeLessThan(chunkChars + 512)
        expect(result.traceEvents).toBeGreaterThan(eventCount)
        expect(lastChunk.endsWith("\n]}\n")).toBe(true)
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
