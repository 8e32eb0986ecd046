/**
 * The threads program's "Press enter to cancel...": the line, from the run's mode, in simulate and
 * replay alike; and Enter on the live clock, which stops the run as Ctrl-C does. The user's Enter is
 * the test's own (a stop request in its CliIO); test/cli/process.test.ts presses it in a real process.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import { runCliCaptured } from "../support/cli.ts"

const withoutRecordingLine = (text: string) => text.replace(/^Recording: .*\n/m, "")

describe("the threads program's prompt", () => {
  it.effect("is printed in red after 'App started.', by simulate and replay alike", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured(["simulate", "--mode", "threads", "--out", "run.json"])
      expect(run.stdout.split("\n").slice(0, 3)).toEqual([
        "App started.",
        "Press enter to cancel...",
        " -- generated item 1",
      ])
      const replayed = yield* runCliCaptured(["replay", "run.json"], { directory: run.directory })
      expect(replayed.stdout).toBe(withoutRecordingLine(run.stdout))
      const coloured = yield* runCliCaptured(["simulate", "--mode", "threads", "--items", "1"], { tty: true })
      expect(coloured.stdout).toContain("\u001b[31mPress enter to cancel...")
      const stamped = yield* runCliCaptured(["replay", "run.json", "--timestamps"], {
        directory: run.directory,
      })
      expect(stamped.stdout.split("\n")[1]).toBe("[   0.000000] Press enter to cancel...")
    }),
  )

  it.effect("belongs to the threads program only, and not to a window that opens later", () =>
    Effect.gen(function* () {
      for (const mode of ["sync", "async", "trio"]) {
        const run = yield* runCliCaptured(["simulate", "--mode", mode, "--items", "2"])
        expect(run.stdout).not.toContain("Press enter")
      }
      const run = yield* runCliCaptured(["simulate", "--mode", "threads", "--out", "run.json", "--quiet"])
      const window = yield* runCliCaptured(["replay", "run.json", "--from", "1s"], {
        directory: run.directory,
      })
      expect(window.stdout).not.toContain("Press enter")
    }),
  )
})

describe("the threads program's cancel line", () => {
  it.effect(
    "is written with no colour code of its own, so it shows in the previous line's colour, byte for byte as the course's",
    () =>
      Effect.gen(function* () {
        const run = yield* runCliCaptured(["simulate", "--mode", "threads", "--no-record"], {
          tty: true,
          stop: { requested: Effect.sleep("5 seconds"), signal: "SIGINT" },
        })
        // colorama's Fore codes at the start of each line, never reset, as threaded_prod.py prints.
        expect(run.stdout.split("\n").slice(0, 3)).toEqual([
          "\u001b[37mApp started.",
          "\u001b[31mPress enter to cancel...",
          "\u001b[33m -- generated item 1",
        ])
        const lines = run.stdout.split("\n")
        const cancel = lines.indexOf("Cancelling on your request!")
        const before = lines[cancel - 1] ?? ""
        expect(["\u001b[33m -- generated", "\u001b[36m +++ Processed"]).toContain(before.slice(0, 18))
        expect(before.lastIndexOf("\u001b")).toBe(0)
        expect(lines.slice(cancel + 1, cancel + 3)).toEqual([
          "\u001b[37mApp exiting, total time: 5.00 sec.",
          "\u001b[39m",
        ])
        expect(lines[cancel + 3]).toMatch(
          /^Statistics \(mode threads, seed 1\), cancelled on request at 5\.000 s/,
        )
        // The one reset comes after the course's lines: the statistics and the shell get the
        // terminal's own colour back.
        expect(run.stdout.split("\u001b[39m")).toHaveLength(2)
        expect(run.stdout.split("\u001b[39m")[1]).not.toContain("\u001b[")
      }),
  )
})

describe("Enter", () => {
  it.live(
    "stops a live threads run as Ctrl-C does: its lines, statistics, a complete recording, exit 0",
    () =>
      Effect.gen(function* () {
        const enter = yield* Deferred.make<void>()
        // The user presses Enter once the run is visibly under way.
        const run = yield* runCliCaptured(
          ["simulate", "--mode", "threads", "--clock", "live", "--produce", "2ms", "--process", "1ms"].concat(
            ["--items", "1000", "--out", "run.json"],
          ),
          {
            enter: Deferred.await(enter),
            onStdout: (text) => {
              if (text.includes("generated item 3")) Deferred.doneUnsafe(enter, Effect.void)
            },
          },
        )
        expect(run.code).toBe(0)
        expect(run.stdout.split("\n").slice(0, 2)).toEqual(["App started.", "Press enter to cancel..."])
        expect(run.stdout).toMatch(/Cancelling on your request!\nApp exiting, total time: \d+\.\d\d sec\.\n/)
        expect(run.stdout).toMatch(
          /Statistics \(mode threads, seed 1\), cancelled on request at .* of 2,000 items/,
        )
        const recording = JSON.parse(fs.readFileSync(path.join(run.directory, "run.json"), "utf8"))
        expect(recording.end.reason).toBe("interrupted")
        expect(recording.events.length).toBeLessThan(6_000)
      }),
  )

  it.live("does nothing in other modes, nor on the virtual clock, where no prompt asks for it", () =>
    Effect.gen(function* () {
      const pressed = { enter: Effect.void }
      const live = ["--clock", "live", "--items", "2", "--produce", "1ms", "--process", "1ms", "--quiet"]
      const asyncRun = yield* runCliCaptured(["simulate", "--mode", "async", ...live], pressed)
      expect(asyncRun.stdout).toContain("completed at")
      const virtualRun = yield* runCliCaptured(["simulate", "--mode", "threads", "--quiet"], pressed)
      expect(virtualRun.stdout).toContain("completed at 21.130 s: 40 of 40 items consumed")
    }),
  )
})
