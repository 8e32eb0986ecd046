import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { SimEvent } from "../../src/engine/events.ts"
import { readRecording } from "../../src/recording/reader.ts"
import { serializeRecording } from "../../src/recording/serialize.ts"
import { openRecording } from "../../src/recording/writer.ts"
import { UsageError } from "../../src/scenario/errors.ts"
import { scenarioToJson } from "../../src/scenario/scenario.ts"
import { makeTempDirectory } from "../support/cli.ts"
import { type CollectedRun, collectRun } from "../support/runs.ts"

const headerOf = (run: CollectedRun) =>
  ({
    mode: "async",
    seed: 3,
    clock: "virtual",
    generator: "test",
    scenario: scenarioToJson(run.scenario),
  }) as const

const open = (file: string, run: CollectedRun) => {
  const writer = openRecording(file, headerOf(run), { force: false })
  if (!("commit" in writer)) throw new Error(writer.message)
  return writer
}

describe("the recording writer", () => {
  it.effect("writes, as the run goes, the bytes of the whole-document serialiser", () =>
    Effect.gen(function* () {
      // 15,000 events: the writer's buffer fills and is written out many times.
      const run = yield* collectRun({ seed: 3, items: 2_500, consumers: 2, process: "exp(400ms)" })
      const directory = makeTempDirectory()
      const file = path.join(directory, "run.json")
      const writer = open(file, run)
      for (const event of run.events) writer.event(event)
      yield* Effect.promise(() => writer.commit(run.end))
      expect(fs.readFileSync(file, "utf8")).toBe(serializeRecording(headerOf(run), run.events, run.end))
      expect(fs.readdirSync(directory)).toEqual(["run.json"])
    }),
  )

  it.effect("leaves nothing behind when a run is abandoned", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      const run = yield* collectRun({ items: 1 })
      const writer = open(path.join(directory, "run.json"), run)
      for (const event of run.events) writer.event(event)
      yield* Effect.promise(() => writer.abort())
      expect(fs.readdirSync(directory)).toEqual([])
    }),
  )
})

describe("the recording reader", () => {
  it.effect("reads back a recording larger than its 4 MB read buffer, event for event", () =>
    Effect.gen(function* () {
      // 60,000 events (over 4 MB), several producers and consumers: the names recur across reads.
      const run = yield* collectRun({
        seed: 5,
        items: 4_000,
        producers: 5,
        consumers: 3,
        process: "exp(150ms)",
      })
      const file = path.join(makeTempDirectory(), "large.json")
      const writer = open(file, run)
      for (const event of run.events) writer.event(event)
      yield* Effect.promise(() => writer.commit(run.end))
      expect(fs.statSync(file).size).toBeGreaterThan(1 << 22)
      const read: Array<SimEvent> = []
      const opened = readRecording(file, "large.json", (event) => read.push(event))
      if (opened instanceof UsageError) throw new Error(opened.message)
      expect(opened.end).toEqual(run.end)
      expect(read).toEqual(run.events)
    }),
  )
})
