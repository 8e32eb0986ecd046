import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import * as zlib from "node:zlib"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/testing/TestClock"
import type { EventType, RunHeader, SimEvent } from "../../src/core/engine/events.ts"
import { serializeRecording } from "../../src/core/recording/serialize.ts"
import { modes, scenarioToJson } from "../../src/core/scenario/scenario.ts"
import { listFiles, makeTempDirectory, runCliCaptured } from "../support/cli.ts"
import { resolveOrThrow } from "../support/runs.ts"

const withoutRecordingLine = (text: string) => text.replace(/^Recording: .*\n/m, "")

const header = (overrides: Partial<RunHeader> = {}): RunHeader => ({
  mode: "async",
  seed: 1,
  clock: "virtual",
  generator: "test",
  // One producer of two items: the story of twoItems, whole.
  scenario: scenarioToJson(resolveOrThrow({ producers: 1, items: 2 })),
  ...overrides,
})

const item = (at: number, type: EventType, actor: string, id: number, index?: number): SimEvent => ({
  at,
  type,
  actor,
  item: id,
  value: id * id,
  ...(index === undefined ? {} : { index }),
})

/** Two items, one consumer: item 2 waits from 1 s to 2 s while item 1 is processed. */
const twoItems: ReadonlyArray<SimEvent> = [
  item(0, "produced", "producer-1", 1, 1),
  item(0, "dequeued", "consumer-1", 1),
  item(1_000_000, "produced", "producer-1", 2, 2),
  item(2_000_000, "processed", "consumer-1", 1),
  item(2_000_000, "dequeued", "consumer-1", 2),
  item(3_000_000, "processed", "consumer-1", 2),
]

const writeFile = (name: string, content: string) => {
  const directory = makeTempDirectory()
  fs.writeFileSync(path.join(directory, name), content)
  return directory
}

const writeRecording = (
  events: ReadonlyArray<SimEvent>,
  end = { at: 4_000_000, reason: "completed" as const },
) => writeFile("run.json", serializeRecording(header(), events, end))

describe("replay prints exactly what simulate printed", () => {
  for (const mode of modes) {
    for (const extra of [[], ["--timestamps"], ["--json"], ["--quiet"]]) {
      it.effect(`${mode} ${extra.join(" ")}`, () =>
        Effect.gen(function* () {
          const simulated = yield* runCliCaptured(
            ["simulate", "--mode", mode, "--out", "run.json", ...extra],
            {
              tty: true,
            },
          )
          const replayed = yield* runCliCaptured(["replay", "run.json", ...extra], {
            directory: simulated.directory,
            tty: true,
          })
          expect(replayed.code).toBe(0)
          expect(replayed.stderr).toBe("")
          expect(replayed.stdout).toBe(withoutRecordingLine(simulated.stdout))
        }),
      )
    }
  }
})

describe("replay reads any layout of the same JSON", () => {
  it.effect("pretty-printed, or with lines in another key order, it shows the same", () =>
    Effect.gen(function* () {
      const simulated = yield* runCliCaptured(["simulate", "--mode", "threads", "--out", "run.json"])
      const file = path.join(simulated.directory, "run.json")
      const document = JSON.parse(fs.readFileSync(file, "utf8"))
      fs.writeFileSync(path.join(simulated.directory, "pretty.json"), JSON.stringify(document, null, 2))
      const reordered = fs
        .readFileSync(file, "utf8")
        .split("\n")
        .map((line, index) =>
          index === 5 ? line.replace(/^\{"at":(\d+),"type":("[^"]+")/, '{"type":$2,"at":$1') : line,
        )
        .join("\n")
      fs.writeFileSync(path.join(simulated.directory, "reordered.json"), reordered)
      for (const name of ["pretty.json", "reordered.json"]) {
        const replayed = yield* runCliCaptured(["replay", name], { directory: simulated.directory })
        expect(replayed.stderr).toBe("")
        expect(replayed.stdout).toBe(withoutRecordingLine(simulated.stdout))
      }
      expect(reordered).not.toBe(fs.readFileSync(file, "utf8"))
    }),
  )

  it.effect(
    "pretty-printed and larger than one read chunk: as a plain file, gzip-compressed, or through a pipe",
    () =>
      Effect.gen(function* () {
        const flags = ["--items", "10000", "--process", "100ms", "--json"]
        const simulated = yield* runCliCaptured(["simulate", ...flags, "--out", "run.json"])
        const directory = simulated.directory
        const document = JSON.parse(fs.readFileSync(path.join(directory, "run.json"), "utf8"))
        const pretty = Buffer.from(JSON.stringify(document, null, 1))
        // Larger than the reader's 4 MB file chunk, so the whole document spans several chunks.
        expect(pretty.length).toBeGreaterThan(5 << 20)
        fs.writeFileSync(path.join(directory, "pretty.json"), pretty)
        fs.writeFileSync(path.join(directory, "pretty.json.gz"), zlib.gzipSync(pretty))
        const fifo = path.join(directory, "pretty.fifo")
        execFileSync("mkfifo", [fifo])
        // The writer's open waits for the reader's, in the thread pool.
        const writing = fs.promises.writeFile(fifo, pretty)
        for (const name of ["pretty.json", "pretty.json.gz", "pretty.fifo"]) {
          const replayed = yield* runCliCaptured(["replay", name, "--json"], { directory })
          expect([name, replayed.code, replayed.stderr]).toEqual([name, 0, ""])
          expect(replayed.stdout).toBe(simulated.stdout)
        }
        yield* Effect.promise(() => writing)
      }),
  )
})

describe("replay of a window", () => {
  it.effect("starts from the state the earlier events left, and counts only the window", () =>
    Effect.gen(function* () {
      const directory = writeRecording(twoItems)
      const run = yield* runCliCaptured(["replay", "run.json", "--from", "1500ms", "--until", "3500ms"], {
        directory,
      })
      expect(run.stdout.split("\n").slice(0, 5)).toEqual([
        "From 1.50 sec.: 1 item waiting in the queue; consumer-1 processing value 1.",
        " +++ Processed value 4 after 1.00 sec.",
        "Until 3.50 sec. (the run went on to 4.00 sec.)",
        "",
        "Statistics of 1.500 s to 3.500 s only (mode async, seed 1), of a run completed at 4.000 s",
      ])
      const json = yield* runCliCaptured(
        ["replay", "run.json", "--from", "1500ms", "--until", "3500ms", "--json"],
        {
          directory,
        },
      )
      expect(JSON.parse(json.stdout)).toMatchObject({
        window: { from: 1.5, until: 3.5 },
        elapsed: 2,
        produced: 0,
        consumed: 1,
        latency: { count: 1, mean: 1 },
        // Item 2 waits from 1.5 s (window start) to 2 s: 0.5 item-seconds over 2 s.
        queue: { maxDepth: 1, meanDepth: 0.25 },
        // Busy 1.5-2 s with item 1 and 2-3 s with item 2: 1.5 s of 2 s.
        utilization: { consumers: 0.75 },
      })
    }),
  )

  it.effect("refuses a window outside the run", () =>
    Effect.gen(function* () {
      const directory = writeRecording(twoItems)
      const late = yield* runCliCaptured(["replay", "run.json", "--from", "10s"], { directory })
      expect(late.code).toBe(2)
      expect(late.stderr).toContain("--from 10s is after the run's end")
      const reversed = yield* runCliCaptured(["replay", "run.json", "--from", "2s", "--until", "1s"], {
        directory,
      })
      expect(reversed.stderr).toBe("prodcon: --from must be before --until\n")
      // With no --from, the window starts at 0 s: the message does not blame a flag not given.
      const empty = yield* runCliCaptured(["replay", "run.json", "--until", "0s"], { directory })
      expect([empty.code, empty.stderr]).toEqual([
        2,
        "prodcon: --until must be after the run's start (0 s)\n",
      ])
    }),
  )

  it.effect("refuses a window beside --html or --trace, which draw the whole run", () =>
    Effect.gen(function* () {
      const directory = writeRecording(twoItems)
      const run = yield* runCliCaptured(["replay", "run.json", "--from", "1s", "--html", "win.html"], {
        directory,
      })
      expect([run.code, run.stdout, run.stderr]).toEqual([
        2,
        "",
        "prodcon: --html draws the whole run: leave out --from and --until (the page zooms on any stretch)\n",
      ])
      expect(listFiles(directory)).toEqual(["run.json"])
    }),
  )
})

/**
 * What a command prints, as it prints it, and a wait until it has printed a text: it reads its file
 * (real input, off the test's clock) before it plays, so the test waits for that, not for a time.
 */
const printedOutput = () => {
  let lines = ""
  const waiting = new Set<() => void>()
  return {
    lines: () => lines,
    onStdout: (text: string) => {
      lines += text
      for (const check of waiting) check()
    },
    until: (text: string) =>
      Effect.callback<void>((resume) => {
        const check = () => {
          if (!lines.includes(text)) return
          waiting.delete(check)
          resume(Effect.void)
        }
        waiting.add(check)
        check()
        return Effect.sync(() => waiting.delete(check))
      }),
  }
}

describe("paced replay", () => {
  it.effect("waits the recorded gaps divided by --speed, on the clock", () =>
    Effect.gen(function* () {
      const directory = writeRecording(twoItems)
      const printed = printedOutput()
      const fiber = yield* runCliCaptured(["replay", "run.json", "--speed", "2"], {
        directory,
        onStdout: printed.onStdout,
      }).pipe(Effect.forkChild)
      yield* printed.until("App started.")
      yield* TestClock.adjust("1 millis")
      expect(printed.lines()).toBe(
        "App started.\n -- generated item 1\n +++ Processed value 1 after 0.00 sec.\n",
      )
      // Item 2 was made at 1 s: at speed 2 it shows at 0.5 s, not before.
      yield* TestClock.adjust("498 millis")
      expect(printed.lines()).not.toContain("generated item 2")
      yield* TestClock.adjust("1 millis")
      expect(printed.lines()).toContain("generated item 2")
      expect(printed.lines()).not.toContain("Processed value 4")
      yield* TestClock.adjust("500 millis")
      expect(printed.lines()).toContain("Processed value 4")
      yield* TestClock.adjust("1 seconds")
      const result = yield* Fiber.join(fiber)
      expect(result.code).toBe(0)
      expect(result.stdout).toContain("App exiting, total time: 4.00 sec.")
    }),
  )

  it.effect("never pauses longer than --max-idle", () =>
    Effect.gen(function* () {
      const directory = writeRecording(twoItems, { at: 60_000_000, reason: "completed" })
      const printed = printedOutput()
      const fiber = yield* runCliCaptured(["replay", "run.json", "--max-idle", "100ms"], {
        directory,
        onStdout: printed.onStdout,
      }).pipe(Effect.forkChild)
      yield* printed.until("App started.")
      // Three gaps (1 s, 1 s, 1 s) and the 57 s to the end, each capped at 0.1 s.
      yield* TestClock.adjust("399 millis")
      expect(fiber.pollUnsafe()).toBeUndefined()
      yield* TestClock.adjust("1 millis")
      const result = yield* Fiber.join(fiber)
      expect(result.stdout).toContain("App exiting, total time: 60.00 sec.")
    }),
  )

  it.effect("a recording changed on disk while it plays: one line naming the file, exit 2", () =>
    Effect.gen(function* () {
      const directory = writeRecording(twoItems)
      const file = path.join(directory, "run.json")
      const printed = printedOutput()
      const fiber = yield* runCliCaptured(["replay", "run.json", "--speed", "1"], {
        directory,
        onStdout: printed.onStdout,
      }).pipe(Effect.forkChild)
      yield* printed.until("App started.")
      fs.appendFileSync(file, "more")
      yield* TestClock.adjust("10 seconds")
      const result = yield* Fiber.join(fiber)
      expect([result.code, result.stderr]).toEqual([
        2,
        "prodcon: run.json: changed while it was being read (read it once it is complete)\n",
      ])
    }),
  )

  it.effect("Ctrl-C during an instant replay stops it there (exit 130), not at its end", () =>
    Effect.gen(function* () {
      const simulated = yield* runCliCaptured([
        "simulate",
        "--items",
        "50000",
        "--quiet",
        "--out",
        "big.json",
      ])
      const printed = printedOutput()
      const result = yield* runCliCaptured(["replay", "big.json"], {
        directory: simulated.directory,
        onStdout: printed.onStdout,
        // Pressed once the first lines are out.
        stop: { requested: printed.until("App started."), signal: "SIGINT" },
      })
      expect([result.code, result.stderr]).toEqual([130, ""])
      expect(result.stdout.length).toBeGreaterThan(0)
      expect(result.stdout).not.toContain("App exiting")
      expect(result.stdout).not.toContain("Statistics")
    }),
  )

  it.effect("Ctrl-C stops it where it is: no more lines, exit code 130", () =>
    Effect.gen(function* () {
      const directory = writeRecording(twoItems)
      const printed = printedOutput()
      const fiber = yield* runCliCaptured(["replay", "run.json", "--speed", "1"], {
        directory,
        onStdout: printed.onStdout,
        // Pressed 1.5 s into the playing, on the same clock.
        stop: { requested: Effect.sleep("1500 millis"), signal: "SIGINT" },
      }).pipe(Effect.forkChild)
      yield* printed.until("App started.")
      yield* TestClock.adjust("10 seconds")
      const result = yield* Fiber.join(fiber)
      expect(result.code).toBe(130)
      expect(result.stderr).toBe("")
      expect(result.stdout).toContain("generated item 2")
      expect(result.stdout).not.toContain("Processed value 4")
      expect(result.stdout).not.toContain("App exiting")
    }),
  )

  it.effect("refuses a speed of zero, below, or so slow a pause would overflow", () =>
    Effect.gen(function* () {
      for (const speed of ["0", "-1", "1e-310", "0.0000009"]) {
        const run = yield* runCliCaptured(["replay", "run.json", "--speed", speed], {
          directory: writeRecording(twoItems),
        })
        expect([run.code, run.stdout]).toEqual([2, ""])
        expect(run.stderr).toBe(
          `prodcon: --speed must be a number of at least 0.000001 (got ${Number(speed)})\n`,
        )
      }
    }),
  )

  it.effect("refuses pacing where no line is printed (--quiet, --json), which would only wait", () =>
    Effect.gen(function* () {
      const cases = [
        [["--max-idle", "200ms", "--quiet"], "--max-idle paces the lines, and --quiet prints none"],
        [["--speed", "4", "--json"], "--speed paces the lines, and --json prints none"],
      ] as const
      for (const [flags, message] of cases) {
        const run = yield* runCliCaptured(["replay", "run.json", ...flags], {
          directory: writeRecording(twoItems),
        })
        expect([run.code, run.stdout]).toEqual([2, ""])
        expect(run.stderr).toBe(`prodcon: ${message} (it would only wait): leave out one of them\n`)
      }
    }),
  )
})

describe("replay --verify", () => {
  it.effect("says identical for a recording the current code makes again", () =>
    Effect.gen(function* () {
      const simulated = yield* runCliCaptured(["simulate", "--mode", "trio", "--out", "run.json", "--quiet"])
      const verified = yield* runCliCaptured(["replay", "run.json", "--verify"], {
        directory: simulated.directory,
      })
      expect(verified.code).toBe(0)
      expect(verified.stdout).toMatch(
        /^identical: the current code makes the same \d+ events and the same end\n$/,
      )
    }),
  )

  it.effect("refuses the flags it would ignore (a page, a window, a pace, JSON), naming them", () =>
    Effect.gen(function* () {
      const simulated = yield* runCliCaptured(["simulate", "--out", "run.json", "--quiet"])
      const verified = yield* runCliCaptured(
        ["replay", "run.json", "--verify", "--html", "v.html", "--from", "1s", "--json"],
        { directory: simulated.directory },
      )
      expect([verified.code, verified.stdout, verified.stderr]).toEqual([
        2,
        "",
        "prodcon: --verify runs the recorded scenario again and reports any difference; it takes no --from, --html, --json\n",
      ])
      expect(listFiles(simulated.directory)).toEqual(["run.json"])
    }),
  )

  it.effect("names the first divergence of a tampered recording and exits 1", () =>
    Effect.gen(function* () {
      const simulated = yield* runCliCaptured(["simulate", "--out", "run.json", "--quiet"])
      const file = path.join(simulated.directory, "run.json")
      const lines = fs.readFileSync(file, "utf8").split("\n")
      // Line 0 is the header; event 5 is on line 6. Move it by one microsecond.
      lines[6] = (lines[6] ?? "").replace(/"at":(\d+)/, (_, at) => `"at":${Number(at) + 1}`)
      fs.writeFileSync(file, lines.join("\n"))
      const verified = yield* runCliCaptured(["replay", "run.json", "--verify"], {
        directory: simulated.directory,
      })
      expect(verified.code).toBe(1)
      expect(verified.stdout).toMatch(/^diverges at event 5 \(at [\d.]+ s\):\n {2}recorded: \{"at":\d+,/)
      expect(verified.stdout).toContain("  current:  {")
    }),
  )

  /** A recorded run of the default scenario, then `lines` changed before it is verified. */
  const verifyEdited = (edit: (lines: Array<string>) => Array<string>, flags: ReadonlyArray<string> = []) =>
    Effect.gen(function* () {
      const simulated = yield* runCliCaptured(["simulate", "--out", "run.json", "--quiet", ...flags])
      const file = path.join(simulated.directory, "run.json")
      const lines = fs.readFileSync(file, "utf8").split("\n")
      fs.writeFileSync(file, edit(lines).join("\n"))
      return yield* runCliCaptured(["replay", "run.json", "--verify"], { directory: simulated.directory })
    })
  const eventLines = (lines: ReadonlyArray<string>) => lines.filter((line) => line.startsWith('{"at"'))

  it.effect("names the recording's extra event when the current run ends first", () =>
    Effect.gen(function* () {
      const verified = yield* verifyEdited((lines) => {
        // The first item's hand-over returning at the last event's time (it may, any time after it
        // was made): a consistent recording one event longer.
        const last = eventLines(lines).at(-1) ?? ""
        const at = /"at":(\d+)/.exec(last)?.[1] ?? "0"
        const closing = lines.findIndex((line) => line.startsWith("]"))
        return [
          ...lines.slice(0, closing - 1),
          `${lines[closing - 1]},`,
          `{"at":${at},"type":"handedOver","actor":"producer-1","item":1,"value":1,"index":1}`,
          ...lines.slice(closing),
        ]
      })
      expect(verified.code).toBe(1)
      expect(verified.stdout).toMatch(
        /^diverges at event 120 \(at [\d.]+ s\):\n {2}recorded: \{"at":\d+,"type":"handedOver"/,
      )
      expect(verified.stdout).toContain("  current:  (no more events)\n")
    }),
  )

  it.effect("names the current run's extra event when the recording ends first", () =>
    Effect.gen(function* () {
      const verified = yield* verifyEdited((lines) => {
        const closing = lines.findIndex((line) => line.startsWith("]"))
        // Drop the last event (its processing); the end stays after it, as a stop (a completed run
        // with an item never processed is refused as inconsistent before any comparison).
        return [
          ...lines.slice(0, closing - 2),
          (lines[closing - 2] ?? "").replace(/,$/, ""),
          ...lines
            .slice(closing)
            .map((line) => line.replace('"reason":"completed"', '"reason":"interrupted"')),
        ]
      })
      expect(verified.code).toBe(1)
      expect(verified.stdout).toContain("diverges at event 119 ")
      expect(verified.stdout).toContain("  recorded: (no more events)\n  current:  {")
    }),
  )

  it.effect("compares the end too", () =>
    Effect.gen(function* () {
      const verified = yield* verifyEdited((lines) =>
        lines.map((line) =>
          line.replace(
            '"end":{"at":21122100,"reason":"completed"}',
            '"end":{"at":21122101,"reason":"completed"}',
          ),
        ),
      )
      expect(verified.code).toBe(1)
      expect(verified.stdout).toBe(
        'diverges at event 120 (at 21.122101 s):\n  recorded: end {"at":21122101,"reason":"completed"}\n' +
          '  current:  end {"at":21122100,"reason":"completed"}\n',
      )
    }),
  )

  it.effect(
    "stops at the first divergence: a recording that claims millions of items is checked in no time",
    () =>
      Effect.gen(function* () {
        const verified = yield* verifyEdited((lines) => [
          (lines[0] ?? "").replace('"items":20', '"items":5000000'),
          ...lines.slice(1),
        ])
        // Producers that go on past their 20th item part from the recording at its 107th event.
        expect(verified.code).toBe(1)
        expect(verified.stdout).toMatch(/^diverges at event 106 /)
      }),
  )

  it.effect("refuses a recorded scenario beyond what can be simulated (10^15 items, 10^8 producers)", () =>
    Effect.gen(function* () {
      for (const [from, to, limit] of [
        ['"items":20', '"items":1000000000000000', "at most 10,000,000 items can be simulated in one run"],
        ['"producers":2', '"producers":100000000', "at most 100,000 producers and consumers in all"],
      ] as const) {
        const verified = yield* verifyEdited((lines) => [
          (lines[0] ?? "").replace(from, to),
          ...lines.slice(1),
        ])
        expect([verified.code, verified.stdout]).toEqual([2, ""])
        expect(verified.stderr).toContain(
          "prodcon: the recorded scenario cannot be run again: meta.scenario.",
        )
        expect(verified.stderr).toContain(limit)
      }
    }),
  )

  it.effect("refuses a live recording, whose times cannot be reproduced", () =>
    Effect.gen(function* () {
      const verified = yield* verifyEdited((lines) => [
        (lines[0] ?? "").replaceAll('"clock":"virtual"', '"clock":"live"'),
        ...lines.slice(1),
      ])
      expect([verified.code, verified.stderr]).toEqual([
        2,
        "prodcon: --verify needs a recording made on the virtual clock; live times cannot be reproduced\n",
      ])
    }),
  )

  it.effect("refuses a recorded scenario that cannot run", () =>
    Effect.gen(function* () {
      const verified = yield* verifyEdited((lines) => [
        (lines[0] ?? "").replace('"consumers":1', '"consumers":0'),
        ...lines.slice(1),
      ])
      expect([verified.code, verified.stderr]).toEqual([
        2,
        "prodcon: run.json: is inconsistent: meta.scenario.consumers must be a positive whole number (got 0)\n",
      ])
    }),
  )
})
