import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { serializeRecording } from "../../src/recording/serialize.ts"
import { openRecording, workerThreshold } from "../../src/recording/writer.ts"
import { scenarioToJson } from "../../src/scenario/scenario.ts"
import { makeTempDirectory } from "../support/cli.ts"
import { type CollectedRun, collectRun } from "../support/runs.ts"

const write = async (file: string, run: CollectedRun, expectedEvents: number) => {
  const header = {
    mode: "async",
    seed: 3,
    clock: "virtual",
    generator: "test",
    scenario: scenarioToJson(run.scenario),
  } as const
  const writer = openRecording(file, header, { force: false, expectedEvents })
  if (!("commit" in writer)) throw new Error(writer.message)
  for (const event of run.events) writer.event(event)
  await writer.commit(run.end)
  return serializeRecording(header, run.events, run.end)
}

describe("the recording writer", () => {
  it.effect("writes the same bytes from the main thread and from the worker thread", () =>
    Effect.gen(function* () {
      const run = yield* collectRun({ seed: 3, items: 5_000, consumers: 2, process: "exp(400ms)" })
      const directory = makeTempDirectory()
      const inline = path.join(directory, "inline.json")
      const threaded = path.join(directory, "threaded.json")
      const expected = yield* Effect.promise(() => write(inline, run, 0))
      yield* Effect.promise(() => write(threaded, run, workerThreshold))
      expect(fs.readFileSync(inline, "utf8")).toBe(expected)
      expect(fs.readFileSync(threaded, "utf8")).toBe(expected)
      expect(fs.readdirSync(directory).sort()).toEqual(["inline.json", "threaded.json"])
    }),
  )

  it.effect("leaves nothing behind when a run is abandoned", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      for (const expectedEvents of [0, workerThreshold]) {
        const writer = openRecording(
          path.join(directory, "run.json"),
          {
            mode: "async",
            seed: 1,
            clock: "virtual",
            generator: "test",
            scenario: scenarioToJson((yield* collectRun({ items: 1 })).scenario),
          },
          { force: false, expectedEvents },
        )
        if (!("abort" in writer)) throw new Error(writer.message)
        yield* Effect.promise(() => writer.abort())
        expect(fs.readdirSync(directory)).toEqual([])
      }
    }),
  )
})
