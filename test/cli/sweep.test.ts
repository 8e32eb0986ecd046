/** The sweep command: the same result whatever the workers or shares, one line for bad input, a clean stop. */
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { hasControlCharacters, listFiles, makeTempDirectory, runCliCaptured } from "../support/cli.ts"

const sweepArgs = [
  "sweep",
  "--producers",
  "1",
  "--items",
  "300",
  "--produce",
  "exp(100ms)",
  "--process",
  "lognormal(250ms,150ms)",
  "--vary",
  "consumers=2,3,4",
  "--replications",
  "4",
  "--target",
  "latency.p99<=500ms",
]

describe("sweep", () => {
  it.effect("gives the same bytes on one worker, on worker threads, and merged from three shares", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      const one = yield* runCliCaptured([...sweepArgs, "--workers", "1", "--json"], { directory })
      expect(one.code).toBe(0)
      const two = yield* runCliCaptured([...sweepArgs, "--workers", "2", "--json"], { directory })
      expect(two.stdout).toBe(one.stdout)
      for (const share of [1, 2, 3]) {
        const run = yield* runCliCaptured(
          [...sweepArgs, "--workers", "1", "--shard", `${share}/3`, "--out", `s${share}.json`],
          {
            directory,
          },
        )
        expect(run.code).toBe(0)
        // Its table says what it holds, and pairs no differences over a share's few common seeds.
        expect(run.stdout).toContain(
          `share ${share} of 3: each row counts only the replications this share ran`,
        )
        expect(run.stdout).not.toContain("paired difference")
      }
      const merged = yield* runCliCaptured(["sweep", "--merge", "s3.json", "s1.json", "s2.json", "--json"], {
        directory,
      })
      expect(merged.code).toBe(0)
      expect(merged.stdout).toBe(one.stdout)
      const result = JSON.parse(one.stdout)
      expect(result.rows.map((row: { parameters: unknown }) => row.parameters)).toEqual([
        { consumers: 2 },
        { consumers: 3 },
        { consumers: 4 },
      ])
      expect(result.rows[0].seeds).toEqual([1000001, 1000002, 1000003, 1000004])
    }),
  )

  it.effect("prints a table that ends with the answer, and keeps every recording with --record", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured([...sweepArgs, "--workers", "1", "--record", "runs"])
      expect(run.code).toBe(0)
      // Four replications of 300 items decide some rows, not all: the answer says which.
      expect(run.stdout.trimEnd().split("\n").at(-1)).toBe(
        "no consumers in 2, 3, 4 meets latency.p99 <= 500ms (undecided: 4, about 2 more replications)",
      )
      expect(listFiles(path.join(run.directory, "runs"))).toHaveLength(12)
      const replay = yield* runCliCaptured(["replay", "runs/configuration-2-replication-3.json", "--json"], {
        directory: run.directory,
      })
      expect(JSON.parse(replay.stdout)).toMatchObject({ seed: 1000003 })
    }),
  )

  it.effect(
    "removes the temporary files a killed sweep left in its --record folder, even when it refuses the folder",
    () =>
      Effect.gen(function* () {
        const directory = makeTempDirectory()
        const runs = path.join(directory, "runs")
        fs.mkdirSync(runs)
        // A recording the killed sweep finished, the temporary file of one it did not (its process is
        // gone: no pid is that large), and one of a process still running (this one), which stays.
        const kept = ["configuration-1-replication-1.json", `.prodcon-${process.pid}-3-0.tmp`]
        for (const name of [...kept, ".prodcon-99999999-1-0.tmp"]) fs.writeFileSync(path.join(runs, name), "")
        const run = yield* runCliCaptured([...sweepArgs, "--workers", "1", "--record", "runs"], { directory })
        expect(run.code).toBe(2)
        expect(run.stderr).toContain("already holds a sweep's recordings")
        expect(listFiles(runs)).toEqual(kept.sort())
      }),
  )

  const refusals: ReadonlyArray<readonly [string, ReadonlyArray<string>, string]> = [
    ["an unknown parameter", ["--vary", "consumer=2,3"], 'unknown parameter "consumer"'],
    [
      "a value the parameter refuses",
      ["--vary", "consumers=2,0"],
      "--vary consumers=0: --consumers must be a positive whole number",
    ],
    ["one replication", ["--vary", "consumers=2,3", "--replications", "1"], "--replications"],
    ["a malformed target", ["--vary", "consumers=2,3", "--target", "latency.p99 about 1s"], "--target"],
    ["a bad share", ["--vary", "consumers=2,3", "--shard", "4/3"], "--shard"],
    ["--json beside --csv", ["--json", "--csv"], "--json and --csv print the same result two ways"],
    ["--merge without files", ["--merge"], "--merge needs the shares' files"],
    [
      "a parameter both given and varied (the flag was ignored)",
      ["--consumers", "3", "--vary", "consumers=1,2"],
      "--consumers is given and also varied (--vary consumers=...): keep one",
    ],
    [
      "--merge with flags that decide runs (they were ignored)",
      ["--merge", "share-1.json", "--target", "latency.p99<=2s"],
      "--merge combines the shares as they were run; it takes no --target, --items (run the sweep again",
    ],
  ]
  for (const [name, args, message] of refusals) {
    it.effect(`refuses ${name} with one line, exit 2, before anything runs`, () =>
      Effect.gen(function* () {
        const run = yield* runCliCaptured(["sweep", "--items", "10", ...args])
        expect(run.code).toBe(2)
        expect(run.stderr).toContain(message)
        expect(run.stderr.split("\n")).toHaveLength(2)
        expect(listFiles(run.directory)).toEqual([])
      }),
    )
  }

  it.effect("says so when every run ended before the warm-up, and shows no value (it showed 0 ± 0)", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured(["sweep", "--items", "5", "--replications", "2", "--warmup", "1000s"])
      expect(run.code).toBe(0)
      const lines = run.stdout.split("\n")
      // After the scenario: the header, the line of units, then the one configuration's figures.
      const header = lines.findIndex((line) => /^ *load {2}/.test(line))
      expect(lines[header]).toContain("utilization.consumers")
      const [load, ...figures] = lines[header + 2]?.trim().split(/ +/) ?? []
      // The offered load comes from the scenario, not from the runs: it is known all the same.
      expect(load).toBe("1.000!")
      expect(figures.every((cell) => cell === "-")).toBe(true)
      expect(run.stdout).toContain(
        "no run counted anything: every one ended before the warm-up (1000 s); choose a shorter --warmup",
      )
    }),
  )

  it.effect("refuses a hostile share in one line, with none of its control sequences on the terminal", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      const share = yield* runCliCaptured(
        [
          "sweep",
          "--items",
          "5",
          "--vary",
          "consumers=1,2",
          "--replications",
          "2",
          "--shard",
          "1/1",
          "--out",
          "s.json",
        ],
        { directory },
      )
      expect(share.code).toBe(0)
      const json = JSON.parse(fs.readFileSync(path.join(directory, "s.json"), "utf8"))
      json.shard.sweep.varied[0].name = "cons\u001b[31mRED\u001b]0;pwn\u0007\u009b2J\u202e"
      fs.writeFileSync(path.join(directory, "hostile.json"), JSON.stringify(json))
      for (const print of ["--csv", "--json"]) {
        const run = yield* runCliCaptured(["sweep", "--merge", "hostile.json", print], { directory })
        expect([run.code, run.stdout]).toEqual([2, ""])
        expect(run.stderr).toMatch(
          /^prodcon: --merge hostile.json: damaged: its varied parameter "cons.*" is none a sweep varies\n$/,
        )
        expect(hasControlCharacters(run.stderr.trimEnd())).toBe(false)
      }
    }),
  )

  it.effect("refuses a damaged share", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      fs.writeFileSync(path.join(directory, "s1.json"), '{"rows":[]}')
      const run = yield* runCliCaptured(["sweep", "--merge", "s1.json"], { directory })
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(/^prodcon: --merge s1\.json: damaged, not a sweep share/)
    }),
  )

  it.effect("Ctrl-C stops it: what finished is printed, nothing is written, exit 130", () =>
    Effect.gen(function* () {
      // The stop comes after the first run has finished (it sleeps on the clock of this test's
      // fiber, which TestClock never advances: so it is asked for only once the runs are done).
      const run = yield* runCliCaptured([...sweepArgs, "--workers", "1", "--out", "result.json"], {
        stop: { requested: Effect.yieldNow, signal: "SIGINT" },
      })
      expect(run.code).toBe(130)
      expect(run.stderr).toBe(
        "sweep stopped: the table holds the runs that finished, no result or page written\n",
      )
      expect(listFiles(run.directory)).toEqual([])
      // Each row says how many of its runs finished, the note adds them up, and no paired
      // difference or answer is drawn from rows that stand on different runs, or none.
      const lines = run.stdout.trimEnd().split("\n")
      expect(lines.find((line) => line.startsWith("consumers"))).toMatch(/^consumers +runs +load +/)
      const finished = lines.flatMap((line) => /^\S+ +(\d+) of 4 /.exec(line)?.[1] ?? []).map(Number)
      expect(finished).toHaveLength(3)
      const total = finished.reduce((sum, count) => sum + count, 0)
      expect(run.stdout).toContain(
        `stopped after ${total} of 12 runs: each row counts only its runs that finished`,
      )
      expect(run.stdout).not.toContain("paired difference")
      expect(lines.at(-1)).toBe("no answer: the sweep was stopped before its end")
    }),
  )

  it.effect("Ctrl-C stops it with --json: nothing on stdout, which a program would take for the result", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured([...sweepArgs, "--workers", "1", "--json"], {
        stop: { requested: Effect.yieldNow, signal: "SIGINT" },
      })
      expect([run.code, run.stdout, run.stderr]).toEqual([
        130,
        "",
        "sweep stopped: nothing printed, no result or page written\n",
      ])
    }),
  )

  describe("--out", () => {
    const smallSweep = [
      "sweep",
      "--items",
      "5",
      "--vary",
      "consumers=1,2",
      "--replications",
      "2",
      "--workers",
      "1",
    ]
    /** A stop request the sweep listens for once its runs begin, after its files are checked: `onRuns` runs then. */
    const whenRunsBegin = (onRuns: () => void) =>
      ({ requested: Effect.andThen(Effect.sync(onRuns), Effect.never), signal: "SIGINT" }) as const

    it.effect("an existing file is refused before any run, exit 2", () =>
      Effect.gen(function* () {
        const directory = makeTempDirectory()
        fs.writeFileSync(path.join(directory, "result.json"), "mine")
        let ran = false
        const run = yield* runCliCaptured([...smallSweep, "--out", "result.json"], {
          directory,
          stop: whenRunsBegin(() => {
            ran = true
          }),
        })
        expect([run.code, ran]).toEqual([2, false])
        expect(run.stderr).toMatch(/result\.json already exists; choose another --out or add --force/)
        expect(fs.readFileSync(path.join(directory, "result.json"), "utf8")).toBe("mine")
      }),
    )

    it.effect(
      "a file that appears there while it runs is kept; the table is printed, the result goes to FILE-1.json, and one line says so, exit 74",
      () =>
        Effect.gen(function* () {
          const directory = makeTempDirectory()
          const out = path.join(directory, "result.json")
          const theirs = '{"another sweep": true}'
          const run = yield* runCliCaptured([...smallSweep, "--out", "result.json"], {
            directory,
            // Another sweep given the same --out, finishing first.
            stop: whenRunsBegin(() => fs.writeFileSync(out, theirs)),
          })
          const saved = path.join(directory, "result-1.json")
          expect(run.code).toBe(74)
          expect(run.stderr).toBe(
            `prodcon: ${out} appeared while the sweep's result was being written, so it went to ${saved} instead\n`,
          )
          // The table is printed: the scenario first, then the header.
          expect(run.stdout).toMatch(/^scenario: .*\n(.*\n)*consumers +load +latency\.mean/)
          expect(fs.readFileSync(out, "utf8")).toBe(theirs)
          expect(JSON.parse(fs.readFileSync(saved, "utf8"))).toMatchObject({
            replications: 2,
            varied: ["consumers"],
          })
          expect(listFiles(directory)).toEqual(["result-1.json", "result.json"])
        }),
    )
  })
})
