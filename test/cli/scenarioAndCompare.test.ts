import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { comparisonOut } from "../../src/run/recordingTarget.ts"
import { listFiles, makeTempDirectory, runCliCaptured } from "../support/cli.ts"

const inDirectoryWith = (files: Record<string, string>) => {
  const directory = makeTempDirectory()
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(directory, name), content)
  return directory
}

const recordedScenario = (directory: string, name: string) =>
  JSON.parse(fs.readFileSync(path.join(directory, name), "utf8")).meta.scenario

describe("simulate --scenario FILE", () => {
  it.effect("takes any flag from the file, and flags on the command line win", () =>
    Effect.gen(function* () {
      const directory = inDirectoryWith({
        "pipeline.json": JSON.stringify({
          mode: "trio",
          consumers: 3,
          produce: "exp(200ms)",
          seed: 9,
          timeout: null,
        }),
      })
      const run = yield* runCliCaptured(
        ["simulate", "--scenario", "pipeline.json", "--seed", "4", "--out", "r.json", "--quiet"],
        {
          directory,
        },
      )
      expect(run.stderr).toBe("")
      expect(recordedScenario(directory, "r.json")).toMatchObject({
        mode: "trio",
        consumers: 3,
        produce: "exp(200ms)",
        seed: 4,
        timeout: null,
        capacity: 10,
      })
    }),
  )

  it.effect("accepts a recording, so a recording alone is enough to run its scenario again", () =>
    Effect.gen(function* () {
      const first = yield* runCliCaptured([
        "simulate",
        "--mode",
        "threads",
        "--consumers",
        "2",
        "--seed",
        "5",
        "--out",
        "a.json",
        "--quiet",
      ])
      yield* runCliCaptured(["simulate", "--scenario", "a.json", "--out", "b.json", "--quiet"], {
        directory: first.directory,
      })
      const a = fs.readFileSync(path.join(first.directory, "a.json"))
      expect(a.equals(fs.readFileSync(path.join(first.directory, "b.json")))).toBe(true)
    }),
  )

  const badFiles: ReadonlyArray<readonly [string, string, string]> = [
    [
      "an unknown key",
      JSON.stringify({ consumer: 2 }),
      "--scenario bad.json: consumer: unknown key (known: mode, producers, items,",
    ],
    [
      "a value of the wrong type",
      JSON.stringify({ items: "many", seed: 1.5 }),
      "--scenario bad.json: items: Expected number",
    ],
    ["text that is not JSON", "{ mode: async }", "--scenario bad.json: is not JSON"],
    [
      "a recording's header without its scenario, naming where the scenario belongs",
      JSON.stringify({ format: "prodcon-recording", version: 1, meta: { scenario: { items: "x" } } }),
      "--scenario bad.json: meta.scenario.items: Expected number",
    ],
    [
      "a recording with no scenario at all",
      JSON.stringify({ format: "prodcon-recording", version: 1 }),
      "--scenario bad.json: meta.scenario: Expected object",
    ],
    [
      "a value that cannot run, naming the file",
      JSON.stringify({ capacity: 0 }),
      "prodcon: --scenario bad.json: capacity must be a positive whole number (got 0)\n",
    ],
    [
      "a distribution that cannot run, naming the file",
      JSON.stringify({ produce: "zzz" }),
      'prodcon: --scenario bad.json: produce: "zzz" is not a distribution',
    ],
  ]
  for (const [name, content, message] of badFiles) {
    it.effect(`refuses ${name} with one line, exit code 2, nothing written`, () =>
      Effect.gen(function* () {
        const directory = inDirectoryWith({ "bad.json": content })
        const run = yield* runCliCaptured(["simulate", "--scenario", "bad.json"], { directory })
        expect(run.code).toBe(2)
        expect(run.stderr.split("\n")).toHaveLength(2)
        expect(run.stderr).toContain(message)
        expect(listFiles(directory)).toEqual(["bad.json"])
      }),
    )
  }

  it.effect("reads a scenario file and a recording that start with a UTF-8 byte-order mark", () =>
    Effect.gen(function* () {
      const bom = "\ufeff"
      const directory = inDirectoryWith({ "bom.json": `${bom}${JSON.stringify({ items: 3 })}` })
      const run = yield* runCliCaptured(
        ["simulate", "--scenario", "bom.json", "--out", "run.json", "--quiet"],
        {
          directory,
        },
      )
      expect([run.code, run.stderr]).toEqual([0, ""])
      expect(run.stdout).toContain("6 of 6 items consumed")
      const recording = path.join(directory, "run.json")
      fs.writeFileSync(recording, `${bom}${fs.readFileSync(recording, "utf8")}`)
      const replayed = yield* runCliCaptured(["replay", "run.json", "--quiet"], { directory })
      expect([replayed.code, replayed.stderr]).toEqual([0, ""])
      expect(replayed.stdout).toContain("6 of 6 items consumed")
    }),
  )

  it.effect("names the flag for a value given on the command line over the file", () =>
    Effect.gen(function* () {
      const directory = inDirectoryWith({ "good.json": JSON.stringify({ items: 3 }) })
      const run = yield* runCliCaptured(["simulate", "--scenario", "good.json", "--consumers", "0"], {
        directory,
      })
      expect([run.code, run.stderr]).toEqual([
        2,
        "prodcon: --consumers must be a positive whole number (got 0)\n",
      ])
    }),
  )

  it.effect("names a missing scenario file", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured(["simulate", "--scenario", "nowhere.json"])
      expect([run.code, run.stderr]).toEqual([2, "prodcon: --scenario nowhere.json: no such file\n"])
    }),
  )
})

describe("simulate --compare", () => {
  it.effect("runs the same seed through each mode, prints one table with ratios, writes each recording", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured(["simulate", "--compare", "sync,async,threads", "--seed", "3"])
      const lines = run.stdout.split("\n")
      expect(run.code).toBe(0)
      expect(lines[0]).toBe("Comparison (seed 3; times in seconds)")
      expect(lines[1]).toMatch(/^ +total +items +latency +max +vs sync$/)
      expect(lines[2]).toMatch(
        /^mode +items +consumed +end +time +per s +mean +p99 +depth +busy +time +latency$/,
      )
      expect(lines[3]).toMatch(/^sync +1 x 20 +20 +done .* 1\.00x +1\.00x$/)
      expect(lines[4]).toMatch(/^async +2 x 20 +40 +done /)
      expect(lines[5]).toMatch(/^threads +2 x 20 +40 +done /)
      expect(lines.slice(6, 8)).toEqual([
        "Recordings: recordings/run1.json (sync), recordings/run2.json (async),",
        "            recordings/run3.json (threads)",
      ])
      expect(listFiles(path.join(run.directory, "recordings"))).toEqual([
        "run1.json",
        "run2.json",
        "run3.json",
      ])
    }),
  )

  it.effect("fits 100 columns, shows the work each run did, and marks a run cut off before its end", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured(["simulate", "--compare", "sync,async,threads,trio"])
      const lines = run.stdout.trimEnd().split("\n")
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(100)
      const trio = lines.find((line) => line.startsWith("trio "))
      // 10 items consumed, cut off, 2 items a second over its 5 s.
      expect(trio).toMatch(/^trio +2 x 20 +10 +cut off +5\.000 +2\.000 /)
      expect(lines).toContain(
        "trio: cut off at 5.000 s by its timeout, with 10 of its 40 items consumed; figures of that part only",
      )
      expect(lines.slice(-2)).toEqual([
        "Recordings: recordings/run1.json (sync), recordings/run2.json (async),",
        "            recordings/run3.json (threads), recordings/run4.json (trio)",
      ])
    }),
  )

  it.effect("--json gives the statistics objects as an array, the same as each mode run alone", () =>
    Effect.gen(function* () {
      const compared = yield* runCliCaptured(["simulate", "--compare", "async,trio", "--json"])
      const statistics = JSON.parse(compared.stdout)
      const alone = yield* runCliCaptured(["simulate", "--mode", "trio", "--json"])
      expect(statistics.map((entry: { mode: string }) => entry.mode)).toEqual(["async", "trio"])
      expect(statistics[1]).toEqual(JSON.parse(alone.stdout))
      expect(compared.stderr).toContain("Recordings: ")
    }),
  )

  it.effect("with --out names each recording after its mode, and never replaces one without --force", () =>
    Effect.gen(function* () {
      const directory = inDirectoryWith({ "cmp-async.json": "mine" })
      const refused = yield* runCliCaptured(["simulate", "--compare", "sync,async", "--out", "cmp.json"], {
        directory,
      })
      expect(refused.code).toBe(2)
      expect(refused.stderr).toContain("cmp-async.json already exists")
      expect(listFiles(directory)).toEqual(["cmp-async.json"])
      const forced = yield* runCliCaptured(
        ["simulate", "--compare", "sync,async", "--out", "cmp.json", "--force"],
        { directory },
      )
      expect(forced.code).toBe(0)
      expect(listFiles(directory)).toEqual(["cmp-async.json", "cmp-sync.json"])
    }),
  )

  it.effect("with --out naming an extension alone names each recording by its mode, not a hidden file", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured(["simulate", "--compare", "sync,async", "--out", ".json", "--quiet"])
      expect(run.code).toBe(0)
      expect(listFiles(run.directory)).toEqual(["async.json", "sync.json"])
      expect(comparisonOut("/runs/.json.gz", "trio")).toBe("/runs/trio.json.gz")
      expect(comparisonOut("/runs/day.1.json", "trio")).toBe("/runs/day.1-trio.json")
      expect(comparisonOut("/runs/cmp", "trio")).toBe("/runs/cmp-trio.json")
    }),
  )

  it.effect("refuses an unknown mode, or --mode beside it", () =>
    Effect.gen(function* () {
      const unknown = yield* runCliCaptured(["simulate", "--compare", "sync,fast"])
      expect([unknown.code, unknown.stderr]).toEqual([
        2,
        'prodcon: --compare: unknown mode "fast" (expected a comma-separated list of sync, async, threads, trio)\n',
      ])
      const both = yield* runCliCaptured(["simulate", "--compare", "sync,async", "--mode", "trio"])
      expect(both.stderr).toBe("prodcon: --compare runs each mode it names; leave out --mode\n")
    }),
  )

  it.effect("refuses a mode named twice, before running anything (it would write its own file twice)", () =>
    Effect.gen(function* () {
      for (const out of [[], ["--out", "cmp.json"]]) {
        const run = yield* runCliCaptured(["simulate", "--compare", "async,async", ...out])
        expect([run.code, run.stdout, run.stderr]).toEqual([
          2,
          "",
          "prodcon: --compare: async is named twice; name each mode once\n",
        ])
        expect(listFiles(run.directory)).toEqual([])
      }
    }),
  )

  it.effect("stopped by Ctrl-C, runs no mode after the one it stopped", () =>
    Effect.gen(function* () {
      // The stop comes at 5 s of the first run's virtual time; sync's run lasts 27 s.
      const run = yield* runCliCaptured(["simulate", "--compare", "sync,async,threads", "--quiet"], {
        stop: { requested: Effect.sleep("5 seconds"), signal: "SIGINT" },
      })
      expect(run.code).toBe(130)
      expect(run.stdout).toContain("Recordings: recordings/run1.json (sync)\n")
      expect(listFiles(run.directory)).toEqual(["recordings", "recordings/run1.json"])
    }),
  )

  it.effect(
    "opens every recording first; one that appears at a later mode's name meanwhile is kept, every mode runs, the table is printed, and one line says where the recording went, exit 74",
    () =>
      Effect.gen(function* () {
        const directory = makeTempDirectory()
        const theirs = path.join(directory, "cmp-async.json")
        const run = yield* runCliCaptured(["simulate", "--compare", "sync,async", "--out", "cmp.json"], {
          directory,
          // Asked for as each run begins, after the recordings are opened: another program's file appears.
          stop: {
            requested: Effect.andThen(
              Effect.sync(() => fs.writeFileSync(theirs, "theirs")),
              Effect.never,
            ),
            signal: "SIGINT",
          },
        })
        const saved = path.join(directory, "cmp-async-1.json")
        expect(run.code).toBe(74)
        expect(run.stdout).toMatch(/^Comparison \(seed 1; times in seconds\)\n/)
        expect(run.stdout).toContain("Recordings: cmp-sync.json (sync)")
        expect(run.stderr).toBe(
          `prodcon: ${theirs} appeared while the recording was being written, so it went to ${saved} instead\n`,
        )
        expect(fs.readFileSync(theirs, "utf8")).toBe("theirs")
        expect(recordedScenario(directory, "cmp-async-1.json").mode).toBe("async")
        expect(listFiles(directory)).toEqual(["cmp-async-1.json", "cmp-async.json", "cmp-sync.json"])
      }),
  )
})
