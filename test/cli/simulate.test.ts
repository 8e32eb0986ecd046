import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { Recording } from "../../src/core/recording/format.ts"
import { listFiles, makeTempDirectory, runCliCaptured } from "../support/cli.ts"

const decodeRecording = Schema.decodeUnknownSync(Schema.fromJsonString(Recording))
const readRecording = (file: string) => decodeRecording(fs.readFileSync(file, "utf8"))

describe("simulate", () => {
  it.effect("prints the lecture run, its statistics, and writes recordings/run1.json, then run2.json", () =>
    Effect.gen(function* () {
      const first = yield* runCliCaptured(["simulate", "--mode", "async"])
      const lines = first.stdout.split("\n")
      expect(first.code).toBe(0)
      expect(first.stderr).toBe("")
      expect(lines[0]).toBe("App started.")
      expect(lines.filter((line) => line.startsWith(" -- generated item "))).toHaveLength(40)
      expect(
        lines.filter((line) => /^ \+\+\+ Processed value \d+ after \d+\.\d\d sec\.$/.test(line)),
      ).toHaveLength(40)
      expect(first.stdout).toMatch(
        /App exiting, total time: \d+\.\d\d sec\.\n\nStatistics \(mode async, seed 1\)/,
      )
      expect(lines.at(-2)).toBe("Recording: recordings/run1.json")

      const recording = readRecording(path.join(first.directory, "recordings", "run1.json"))
      expect(recording.meta).toMatchObject({ mode: "async", seed: 1, clock: "virtual" })
      expect(recording.meta.scenario).toMatchObject({
        producers: 2,
        items: 20,
        produce: "uniform(500ms,1500ms)",
      })
      expect(recording.events).toHaveLength(120)
      expect(recording.end.reason).toBe("completed")

      const second = yield* runCliCaptured(["simulate", "--quiet"], { directory: first.directory })
      expect(second.stdout).toContain("Recording: recordings/run2.json")
      expect(listFiles(path.join(first.directory, "recordings"))).toEqual(["run1.json", "run2.json"])
    }),
  )

  it.effect("gives byte-identical recordings for the same flags and seed", () =>
    Effect.gen(function* () {
      const flags = ["simulate", "--mode", "threads", "--seed", "99", "--consumers", "2", "--quiet"]
      const run = yield* runCliCaptured([...flags, "--out", "a.json"])
      yield* runCliCaptured([...flags, "--out", "b.json"], { directory: run.directory })
      const a = fs.readFileSync(path.join(run.directory, "a.json"))
      expect(a.equals(fs.readFileSync(path.join(run.directory, "b.json")))).toBe(true)
      expect(readRecording(path.join(run.directory, "a.json")).meta.seed).toBe(99)
    }),
  )

  it.effect("poisson(40/s) arrivals are exp(25ms) arrivals: the same draws, the same bytes", () =>
    Effect.gen(function* () {
      const flags = ["simulate", "--producers", "1", "--items", "200", "--process", "exp(20ms)", "--quiet"]
      // Each in a folder of its own, under the same name, so that even the printed lines can match.
      const byRate = yield* runCliCaptured([...flags, "--produce", "poisson(40/s)", "--out", "run.json"])
      const byMean = yield* runCliCaptured([...flags, "--produce", "exp(25ms)", "--out", "run.json"])
      expect(byRate.code).toBe(0)
      expect(byRate.stdout).toBe(byMean.stdout)
      const recording = fs.readFileSync(path.join(byRate.directory, "run.json"))
      expect(recording.equals(fs.readFileSync(path.join(byMean.directory, "run.json")))).toBe(true)
      expect(readRecording(path.join(byRate.directory, "run.json")).meta.scenario.produce).toBe("exp(25ms)")
    }),
  )

  it.effect("--json prints the statistics object alone", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured(["simulate", "--mode", "sync", "--json"])
      const statistics = JSON.parse(run.stdout)
      expect(Object.keys(statistics)).toEqual(
        expect.arrayContaining([
          "mode",
          "seed",
          "elapsed",
          "produced",
          "consumed",
          "dropped",
          "latency",
          "sojourn",
        ]),
      )
      expect(statistics).toMatchObject({ mode: "sync", seed: 1, produced: 20, consumed: 20, dropped: 0 })
      expect(Object.keys(statistics.latency)).toEqual([
        "count",
        "min",
        "mean",
        "p50",
        "p90",
        "p99",
        "p999",
        "max",
      ])
      expect(run.stderr).toBe("Recording: recordings/run1.json\n")
    }),
  )

  it.effect("--quiet drops the per-event lines but keeps the statistics", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured(["simulate", "--quiet"])
      expect(run.stdout).not.toContain("generated item")
      expect(run.stdout).not.toContain("App started.")
      expect(run.stdout).toContain("Statistics (mode async, seed 1)")
    }),
  )

  it.effect("colours only where it should", () =>
    Effect.gen(function* () {
      const ansi = "\u001b["
      expect((yield* runCliCaptured(["simulate", "--items", "2"], { tty: true })).stdout).toContain(
        `${ansi}33m -- generated`,
      )
      expect((yield* runCliCaptured(["simulate", "--items", "2"])).stdout).not.toContain(ansi)
      expect(
        (yield* runCliCaptured(["simulate", "--items", "2"], { env: { FORCE_COLOR: "1" } })).stdout,
      ).toContain(ansi)
      expect(
        (yield* runCliCaptured(["simulate", "--items", "2"], { tty: true, env: { NO_COLOR: "1" } })).stdout,
      ).not.toContain(ansi)
      expect(
        (yield* runCliCaptured(["simulate", "--items", "2", "--no-color"], { tty: true })).stdout,
      ).not.toContain(ansi)
    }),
  )

  it.effect("--no-record writes nothing and prints the same run and figures, without a recording line", () =>
    Effect.gen(function* () {
      const recorded = yield* runCliCaptured(["simulate", "--mode", "threads"])
      const unrecorded = yield* runCliCaptured(["simulate", "--mode", "threads", "--no-record"])
      expect(unrecorded.code).toBe(0)
      expect(unrecorded.stdout).toBe(recorded.stdout.replace(/^Recording: .*\n/m, ""))
      expect(listFiles(unrecorded.directory)).toEqual([])
      const json = yield* runCliCaptured(["simulate", "--no-record", "--json"])
      expect(json.stderr).toBe("")
      expect(JSON.parse(json.stdout)).toMatchObject({ consumed: 40 })
      const compared = yield* runCliCaptured(["simulate", "--compare", "sync,async", "--no-record"])
      expect(compared.stdout).not.toContain("Recordings")
      expect(listFiles(compared.directory)).toEqual([])
      const both = yield* runCliCaptured(["simulate", "--no-record", "--out", "run.json"])
      expect([both.code, both.stderr]).toEqual([
        2,
        "prodcon: --no-record writes no recording: leave out --out\n",
      ])
    }),
  )

  it.effect("never replaces a file without --force, and names it", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      fs.writeFileSync(path.join(directory, "mine.json"), "precious")
      const refused = yield* runCliCaptured(["simulate", "--out", "mine.json"], { directory })
      expect(refused.code).toBe(2)
      expect(refused.stderr).toBe(
        `prodcon: ${path.join(directory, "mine.json")} already exists; choose another --out or add --force to replace it\n`,
      )
      expect(refused.stdout).toBe("")
      expect(fs.readFileSync(path.join(directory, "mine.json"), "utf8")).toBe("precious")
      expect(listFiles(directory)).toEqual(["mine.json"])

      const forced = yield* runCliCaptured(["simulate", "--out", "mine.json", "--force", "--quiet"], {
        directory,
      })
      expect(forced.code).toBe(0)
      expect(readRecording(path.join(directory, "mine.json")).end.reason).toBe("completed")
      expect(listFiles(directory)).toEqual(["mine.json"])
    }),
  )

  it.effect("a default run never replaces a file, even with --force, however large the numbers present", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      fs.mkdirSync(path.join(directory, "recordings"))
      for (const name of ["run9007199254740992.json", "run999999999999999999999.json"])
        fs.writeFileSync(path.join(directory, "recordings", name), "kept")
      const run = yield* runCliCaptured(["simulate", "--quiet", "--force"], { directory })
      expect(run.code).toBe(0)
      expect(run.stdout).toContain("Recording: recordings/run1000000000000000000000.json\n")
      expect(listFiles(path.join(directory, "recordings"))).toEqual([
        "run1000000000000000000000.json",
        "run9007199254740992.json",
        "run999999999999999999999.json",
      ])
      for (const name of ["run9007199254740992.json", "run999999999999999999999.json"])
        expect(fs.readFileSync(path.join(directory, "recordings", name), "utf8")).toBe("kept")
    }),
  )

  it.effect(
    "Ctrl-C on a virtual run ends it there, with its lines, statistics and a complete recording",
    () =>
      Effect.gen(function* () {
        // The stop request runs on the run's own clock: here it comes at 5 s of virtual time.
        const run = yield* runCliCaptured(["simulate", "--out", "run.json"], {
          stop: { requested: Effect.sleep("5 seconds"), signal: "SIGINT" },
        })
        expect(run.code).toBe(130)
        expect(run.stdout).toContain("Cancelling on your request!\nApp exiting, total time: 5.00 sec.\n")
        expect(run.stdout).toContain(
          "Statistics (mode async, seed 1), cancelled on request at 5.000 s: 10 of 40 items consumed",
        )
        expect(run.stdout).toContain("Recording: run.json\n")
        const recording = JSON.parse(fs.readFileSync(path.join(run.directory, "run.json"), "utf8"))
        expect(recording.end).toEqual({ at: 5_000_000, reason: "interrupted" })
        expect(listFiles(run.directory)).toEqual(["run.json"])
      }),
  )

  it.effect("SIGTERM and SIGHUP stop a run the same way, with their own exit codes", () =>
    Effect.gen(function* () {
      for (const [signal, code] of [
        ["SIGTERM", 143],
        ["SIGHUP", 129],
      ] as const) {
        const run = yield* runCliCaptured(["simulate", "--quiet", "--out", "run.json"], {
          stop: { requested: Effect.sleep("1 seconds"), signal },
        })
        expect(run.code).toBe(code)
        const recording = JSON.parse(fs.readFileSync(path.join(run.directory, "run.json"), "utf8"))
        expect(recording.end).toEqual({ at: 1_000_000, reason: "interrupted" })
      }
    }),
  )

  describe("bad flags: one line naming the problem, exit code 2, nothing written", () => {
    const cases: ReadonlyArray<readonly [string, ReadonlyArray<string>, string]> = [
      ["unknown mode", ["--mode", "fast"], "--mode"],
      ["zero items", ["--items", "0"], "--items must be a positive whole number (got 0)"],
      ["negative items", ["--items", "-3"], "--items"],
      ["items not a number", ["--items", "many"], "--items"],
      ["zero producers", ["--producers", "0"], "--producers"],
      ["zero capacity", ["--capacity", "0"], "--capacity must be a positive whole number (got 0)"],
      ["malformed distribution", ["--produce", "uniform(1s)"], "--produce"],
      ["unknown distribution", ["--process", "gauss(1s)"], "--process"],
      ["duration without unit", ["--timeout", "5"], "--timeout"],
      ["unknown clock", ["--clock", "sundial"], "--clock"],
      ["unknown strategy", ["--when-full", "explode"], "--when-full"],
      ["unknown flag", ["--itemz", "3"], "--itemz"],
      ["missing directory for --out", ["--out", "no/such/dir/run.json"], "cannot write the recording"],
      ["--out is a directory", ["--out", "."], "is a directory"],
      [
        "more producers than any array holds",
        ["--producers", "9007199254740991"],
        "at most 100,000 producers",
      ],
      ["more consumers than any array holds", ["--consumers", "5000000000"], "at most 100,000 producers"],
      ["producers that would exhaust the heap", ["--producers", "100000000"], "at most 100,000 producers"],
      ["a billion items", ["--items", "1e9"], "at most 10,000,000 items can be simulated in one run"],
      [
        "times that could pass 2^53 us",
        ["--produce", "1000000000s", "--items", "100"],
        "this run could last beyond 2^53 microseconds (285 years), which no recording can hold",
      ],
    ]
    for (const [name, flags, mentions] of cases) {
      it.effect(name, () =>
        Effect.gen(function* () {
          const run = yield* runCliCaptured(["simulate", ...flags])
          expect(run.code).toBe(2)
          expect(run.stdout).toBe("")
          expect(run.stderr.split("\n")).toHaveLength(2)
          expect(run.stderr).toContain(mentions)
          expect(run.stderr).not.toMatch(/\n\s+at /)
          expect(listFiles(run.directory)).toEqual([])
        }),
      )
    }
  })
})
