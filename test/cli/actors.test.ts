/** Who did what: `--actors`, the line of a producer that waits on a full queue. */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { eventLine } from "../../src/core/render/lines.ts"
import { runCliCaptured } from "../support/cli.ts"

const withoutRecordingLine = (text: string) => text.replace(/^Recording: .*\n/m, "")

describe("--actors", () => {
  it.effect("prefixes each event's line with its actor, padded; simulate and replay print the same", () =>
    Effect.gen(function* () {
      const flags = ["--items", "2", "--consumers", "2", "--actors"]
      const run = yield* runCliCaptured(["simulate", ...flags, "--out", "run.json"])
      expect(run.code).toBe(0)
      const lines = run.stdout.split("\n")
      expect(lines.slice(0, 4)).toEqual([
        "App started.",
        "producer-1  -- generated item 1",
        "producer-2  -- generated item 1",
        "consumer-1  +++ Processed value 1 after 0.00 sec.",
      ])
      const eventLines = lines.slice(1, lines.indexOf("") - 1)
      expect(eventLines).toHaveLength(8)
      for (const line of eventLines) expect(line).toMatch(/^(producer-[12]|consumer-[12]) /)
      const replayed = yield* runCliCaptured(["replay", "run.json", "--actors"], { directory: run.directory })
      expect(replayed.stdout).toBe(withoutRecordingLine(run.stdout))
    }),
  )

  it.effect("is off by default: the course's own lines", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured(["simulate", "--items", "2"])
      expect(run.stdout.split("\n").slice(0, 3)).toEqual([
        "App started.",
        " -- generated item 1",
        " -- generated item 1",
      ])
    }),
  )

  it.effect("pads to the longest name in the run, and goes after the timestamp", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured([
        "simulate",
        ...["--producers", "1", "--consumers", "10", "--items", "1"],
        ...["--actors", "--timestamps"],
      ])
      expect(run.stdout.split("\n").slice(1, 3)).toEqual([
        "[   0.000000] producer-1   -- generated item 1",
        "[   0.000000] consumer-1   +++ Processed value 1 after 0.00 sec.",
      ])
    }),
  )
})

describe("a producer waiting on a full queue", () => {
  it("prints a line of its own, as a dropped item does", () => {
    expect(eventLine({ at: 0, type: "blocked", actor: "producer-2", item: 7, value: 16 }, undefined)).toEqual(
      { color: "yellow", text: " ... Waiting to hand over value 16: the queue is full" },
    )
  })

  it.effect("is shown when it starts waiting, before the consumer makes room", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured([
        "simulate",
        ...["--items", "2", "--capacity", "1", "--process", "2s", "--actors"],
      ])
      const lines = run.stdout.split("\n")
      const waiting = lines.indexOf("producer-1  ... Waiting to hand over value 4: the queue is full")
      expect(waiting).toBeGreaterThan(0)
      // It hands the item over once the consumer has taken one: only then the course prints its line.
      expect(lines.indexOf("producer-1  -- generated item 2")).toBeGreaterThan(waiting)
      expect(run.stdout).toContain("blocked 3 times on a full queue")
    }),
  )
})
