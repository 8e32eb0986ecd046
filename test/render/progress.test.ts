import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { makeProgress, progressSink } from "../../src/core/render/progress.ts"
import { runHeader } from "../../src/core/run.ts"
import { withStatistics } from "../../src/core/sinks/runSinks.ts"
import { runCliCaptured } from "../support/cli.ts"
import { resolveOrThrow } from "../support/runs.ts"

const harness = (isTTY: boolean) => {
  let wall = 0
  let written = ""
  const progress = makeProgress({
    isTTY,
    write: (text) => {
      written += text
    },
    wallMillis: () => wall,
  })
  return {
    progress,
    advanceWall: (millis: number) => {
      wall += millis
    },
    written: () => written,
  }
}

describe("the progress line", () => {
  it("appears only after a second, at most every 100 ms, and is erased at the end", () => {
    const { progress, advanceWall, written } = harness(true)
    advanceWall(900)
    progress.update("simulating async", 5_000_000, 1_000, 1_000_000)
    expect(written()).toBe("")
    advanceWall(200)
    progress.update("simulating async", 250_000_000, 500_000, 1_000_000)
    expect(written()).toBe("\rsimulating async: 500,000 of 1,000,000 items (50%), virtual time 250.00 s")
    advanceWall(50)
    progress.update("simulating async", 260_000_000, 510_000, 1_000_000)
    expect(written().split("\r")).toHaveLength(2)
    advanceWall(100)
    progress.update("simulating async", 300_000_000, 600_000, 1_000_000)
    expect(
      written().endsWith("\rsimulating async: 600,000 of 1,000,000 items (60%), virtual time 300.00 s"),
    ).toBe(true)
    progress.done()
    const erased = written().split("\r")
    expect(erased.at(-2)).toMatch(/^ +$/)
    expect(erased.at(-1)).toBe("")
  })

  it("stays silent when stderr is not a terminal", () => {
    const { progress, advanceWall, written } = harness(false)
    advanceWall(5_000)
    progress.update("simulating async", 1, 1, 1_000_000)
    progress.done()
    expect(written()).toBe("")
  })
})

describe("the progress sink", () => {
  it("looks at the clock every 4,096 events, with the fold's count of items and the event's time", () => {
    const updates: Array<readonly [string, number, number, number]> = []
    let finished = 0
    const progress = withStatistics({
      progress: progressSink(
        {
          update: (what, virtualMicros, produced, total) =>
            updates.push([what, virtualMicros, produced, total]),
          done: () => finished++,
        },
        "replaying",
      ),
    })
    const header = runHeader(resolveOrThrow({ mode: "threads", producers: 2, items: 5_000 }))
    progress.start(header)
    for (let item = 1; item <= 8_192; item++) {
      progress.event({ at: item * 10, type: "produced", actor: "producer-1", item, value: 1, index: item })
    }
    expect(updates).toEqual([
      ["replaying threads", 40_960, 4_096, 10_000],
      ["replaying threads", 81_920, 8_192, 10_000],
    ])
    Effect.runSync(progress.end({ at: 81_920, reason: "completed" }))
    expect(finished).toBe(1)
  })
})

/** A wall clock that moves 400 ms each time it is read: the progress line shows from its fourth look. */
const hurriedWall = () => {
  let now = 0
  return () => (now += 400)
}

/** The texts the progress line showed, in order (each starts with a carriage return). */
const shown = (stderr: string) =>
  stderr
    .split("\r")
    .map((text) => text.trim())
    .filter((text) => text !== "")

describe("the progress line of a command", () => {
  it.effect("names the mode of each run during --compare", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured(["simulate", "--compare", "async,threads", "--items", "5000"], {
        stderrTTY: true,
        wallMillis: hurriedWall(),
      })
      expect(run.code).toBe(0)
      const texts = shown(run.stderr.slice(0, run.stderr.lastIndexOf("Recordings: ")))
      expect(texts.some((text) => text.startsWith("simulating async: "))).toBe(true)
      expect(texts.some((text) => text.startsWith("simulating threads: "))).toBe(true)
    }),
  )

  it.effect("shows during a long replay, counted from the run's start even in a window", () =>
    Effect.gen(function* () {
      const simulated = yield* runCliCaptured(["simulate", "--items", "5000", "--quiet", "--out", "run.json"])
      const replayed = yield* runCliCaptured(["replay", "run.json", "--quiet", "--from", "1h"], {
        directory: simulated.directory,
        stderrTTY: true,
        wallMillis: hurriedWall(),
      })
      expect(replayed.code).toBe(0)
      const texts = shown(replayed.stderr)
      expect(texts[0]).toMatch(/^replaying async: [\d,]+ of 10,000 items \(\d+%\), virtual time [\d,.]+ s$/)
      // Erased at the end, before the statistics block.
      expect(replayed.stderr).toMatch(/\r +\r$/)
    }),
  )

  it.effect("stays away while the run's lines go to the same terminal", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured(["simulate", "--items", "5000", "--no-color"], {
        tty: true,
        stderrTTY: true,
        wallMillis: hurriedWall(),
      })
      expect(run.stderr).toBe("")
    }),
  )
})
