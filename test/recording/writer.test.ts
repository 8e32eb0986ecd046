import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Stream from "effect/Stream"
import type { RunEnd, RunHeader, SimEvent } from "../../src/core/engine/events.ts"
import { ActorRoster } from "../../src/core/lifecycle/actorRoster.ts"
import { recordingTextSink } from "../../src/core/recording/recordingText.ts"
import { serializeRecording } from "../../src/core/recording/serialize.ts"
import { runHeader } from "../../src/core/run.ts"
import type { RunSink } from "../../src/core/sinks/sink.ts"
import { RecordingParser } from "../../src/recording/parser.ts"
import { openRecording } from "../../src/recording/reader.ts"
import { openRecordingSink } from "../../src/recording/writer.ts"
import { makeTempDirectory } from "../support/cli.ts"
import { unreadContext } from "../support/runContext.ts"
import { resolveOrThrow } from "../support/runs.ts"

const header: RunHeader = runHeader(resolveOrThrow({ producers: 3, items: 5_000, consumers: 2 }))

/**
 * A consistent synthetic run, made at once: each item produced, picked up and processed by one of
 * the consumers, with times and numbers of many sizes (the encoder's and the parser's boundaries).
 */
const syntheticRun = (items: number): { readonly events: ReadonlyArray<SimEvent>; readonly end: RunEnd } => {
  const events: Array<SimEvent> = []
  let at = 0
  const made = new Map<number, number>()
  for (let item = 1; item <= items; item++) {
    const consumer = `consumer-${1 + (item % 2)}`
    // Each producer's n-th item has the value n squared, as every run's have.
    const count = (made.get(item % 3) ?? 0) + 1
    made.set(item % 3, count)
    const value = count * count
    events.push({ at, type: "produced", actor: `producer-${1 + (item % 3)}`, item, value, index: count })
    events.push({ at: at + 7, type: "dequeued", actor: consumer, item, value })
    events.push({ at: at + 999_999_937, type: "processed", actor: consumer, item, value })
    at += 1_000_000_007
  }
  // Stopped before the scenario's 15,000 items were made: a completed run would have all of them.
  return { events, end: { at: at + 1_000_000_000, reason: "interrupted" } }
}

const write = (sink: RunSink<string, unknown>, events: ReadonlyArray<SimEvent>, end: RunEnd) =>
  Effect.gen(function* () {
    sink.start(header, unreadContext)
    for (const event of events) sink.event(event)
    return yield* sink.end(end)
  })

describe("the recording writer", () => {
  it.effect("writes, as the run goes, the bytes of the whole-document serialiser", () =>
    Effect.gen(function* () {
      // Far more than the writer's 64 KB buffer: it fills and is written out many times.
      const { events, end } = syntheticRun(5_000)
      const directory = makeTempDirectory()
      const file = path.join(directory, "run.json")
      const sink = yield* openRecordingSink({ kind: "named", path: file, force: false })
      expect(yield* write(sink, events, end)).toBe(file)
      expect(fs.readFileSync(file, "utf8")).toBe(serializeRecording(header, events, end))
      expect(fs.readdirSync(directory)).toEqual(["run.json"])
    }),
  )

  it.effect("keeps in memory, for the playground, the very document it writes to a file", () =>
    Effect.gen(function* () {
      // Several of the in-memory chunks (4,096 lines each), the last one partly filled.
      const { events, end } = syntheticRun(5_000)
      const sink = recordingTextSink()
      sink.start(header, unreadContext)
      for (const event of events) sink.event(event)
      const chunks = yield* sink.end(end)
      expect(chunks.length).toBeGreaterThan(3)
      expect(chunks.join("")).toBe(serializeRecording(header, events, end))
    }),
  )

  it.effect("leaves nothing behind when a run is abandoned", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      const sink = yield* openRecordingSink({
        kind: "named",
        path: path.join(directory, "run.json"),
        force: false,
      })
      sink.start(header, unreadContext)
      for (const event of syntheticRun(10).events) sink.event(event)
      yield* sink.abort()
      expect(fs.readdirSync(directory)).toEqual([])
    }),
  )
})

/** Reads `bytes` through a parser in chunks of `chunkSize`: its events, or its first failure. */
const readInChunks = (
  bytes: Buffer,
  chunkSize = bytes.length,
): { readonly parser: RecordingParser; readonly events: Result.Result<ReadonlyArray<SimEvent>, string> } => {
  const parser = new RecordingParser()
  const read: Array<SimEvent> = []
  for (let start = 0; start < bytes.length; start += chunkSize) {
    const pushed = parser.push(bytes.subarray(start, start + chunkSize))
    if (Result.isFailure(pushed)) return { parser, events: Result.fail(pushed.failure) }
    do {
      const next = parser.next()
      if (Result.isFailure(next)) return { parser, events: Result.fail(next.failure) }
      read.push(...next.success)
    } while (parser.pending)
  }
  return { parser, events: Result.map(parser.finish(), (last) => [...read, ...last]) }
}

describe("the recording reader", () => {
  const { events, end } = syntheticRun(2_000)
  const text = serializeRecording(header, events, end)

  it("reads the same events however the bytes are cut into chunks, in the writer's layout or pretty-printed", () => {
    const layouts = [
      { bytes: Buffer.from(text, "utf8"), chunkSizes: [1, 7, 64, 4_096] },
      {
        bytes: Buffer.from(JSON.stringify(JSON.parse(text), null, 1), "utf8"),
        chunkSizes: [7, 4_096, 65_536],
      },
    ]
    for (const { bytes, chunkSizes } of layouts) {
      for (const chunkSize of [...chunkSizes, bytes.length]) {
        const { parser, events: read } = readInChunks(bytes, chunkSize)
        expect(Result.getOrThrow(read)).toEqual(events)
        expect(parser.header).toEqual(header)
        expect(parser.end).toEqual(end)
      }
    }
  })

  it("sets aside, once for every reader, the event types it does not know, after checking their times", () => {
    const foreign = { at: 7, type: "coffee-break", actor: "consumer-1" }
    const withForeign = serializeRecording(header, [...events.slice(0, 2), foreign, ...events.slice(2)], end)
    expect(Result.getOrThrow(readInChunks(Buffer.from(withForeign, "utf8")).events)).toEqual(events)
    const backwards = serializeRecording(header, [...events.slice(0, 2), { ...foreign, at: 5 }], end)
    expect(readInChunks(Buffer.from(backwards, "utf8")).events).toEqual(
      Result.fail(expect.stringContaining("time goes backwards")),
    )
  })

  /** The recording's text read back through a file: its header, its batches of events, its end. */
  const readBack = Effect.scoped(
    Effect.gen(function* () {
      const file = path.join(makeTempDirectory(), "run.json")
      fs.writeFileSync(file, text)
      const recording = yield* openRecording(file, "run.json")
      const batches = yield* Stream.runCollect(recording.batches)
      return { header: recording.header, batches, end: yield* recording.end }
    }),
  )

  it.effect("streams a recording file once, event for event, and then its end", () =>
    Effect.gen(function* () {
      const read = yield* readBack
      expect({ ...read, batches: read.batches.flatMap((batch) => batch.events) }).toEqual({
        header,
        batches: events,
        end,
      })
    }),
  )

  it.effect("hands on each event's actor as its index in the run's roster, as a run does", () =>
    Effect.gen(function* () {
      const { batches } = yield* readBack
      for (const batch of batches) expect(batch.actors).toHaveLength(batch.events.length)
      const actors = batches.flatMap((batch) => batch.actors)
      const roster = new ActorRoster(header.scenario)
      expect(actors).toEqual(events.map((event) => roster.indexOf(event.actor)))
      expect(new Set(actors)).toEqual(new Set([0, 1, 2, 3, 4]))
    }),
  )
})
