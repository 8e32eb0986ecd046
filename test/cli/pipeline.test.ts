import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { hasControlCharacters, listFiles, makeTempDirectory, runCliCaptured } from "../support/cli.ts"
import { start } from "../support/process.ts"
import { testLimitMillis } from "../support/timeLimits.ts"

const threeStages = [
  "--producers",
  "1",
  "--items",
  "300",
  "--produce",
  "exp(100ms)",
  "--stage",
  "parse:workers=2,process=exp(150ms)",
  "--stage",
  "store:process=exp(80ms),capacity=3,fail=0.2,retries=1,backoff=exp(50ms)",
  "--stage",
  "index:process=exp(60ms),capacity=2",
]

describe("simulate with stages", () => {
  it.effect(
    "prints each stage's lines and a statistics row per stage with the bottleneck, and the same JSON figures",
    () =>
      Effect.gen(function* () {
        const run = yield* runCliCaptured(["simulate", ...threeStages, "--no-record"])
        expect(run.code).toBe(0)
        const lines = run.stdout.split("\n")
        expect(lines).toContain(" -- generated item 1")
        expect(
          lines.some((line) => /^ \+\+\+ \[parse\] Processed value \d+ after \d+\.\d\d sec\.$/.test(line)),
        ).toBe(true)
        expect(lines.some((line) => /^ \+\+\+ \[index\] Processed value/.test(line))).toBe(true)
        expect(lines.some((line) => /^ !!! \[store\] Attempt 1 at value \d+ failed$/.test(line))).toBe(true)
        expect(lines.some((line) => /^ ~~~ \[store\] Retrying value \d+$/.test(line))).toBe(true)
        expect(lines.some((line) => /^ xxx \[store\] Gave up on value \d+: dead-lettered$/.test(line))).toBe(
          true,
        )
        expect(
          lines.some((line) =>
            /^ \.\.\. (parse-[12]|store-1) holds value \d+: the \[(store|index)\] queue is full$/.test(line),
          ),
        ).toBe(true)
        expect(run.stdout).toMatch(/\n {2}stages {7}parse {2}wait mean/)
        expect(run.stdout).toMatch(/\n {15}store {2}wait mean/)
        expect(run.stdout).toMatch(
          /\n {2}bottleneck {3}(parse|store|index), its workers busiest serving \(\d+\.\d%\)/,
        )
        expect(listFiles(run.directory)).toEqual([])

        const json = yield* runCliCaptured(["simulate", ...threeStages, "--no-record", "--json"])
        const statistics = JSON.parse(json.stdout)
        expect(Object.keys(statistics.stages)).toEqual(["parse", "store", "index"])
        expect(statistics.produced).toBe(statistics.consumed + statistics.dropped + statistics.deadLettered)
        expect(statistics.deadLettered).toBeGreaterThan(0)
        expect(run.stdout).toContain(`bottleneck   ${statistics.bottleneck}, `)
        expect(statistics.scenario.stages.map((stage: { name: string }) => stage.name)).toEqual([
          "parse",
          "store",
          "index",
        ])
      }),
  )

  it.effect(
    "replay --json prints simulate --json's bytes, the scenario's keys in the same order",
    () =>
      Effect.gen(function* () {
        const directory = makeTempDirectory()
        const run = yield* runCliCaptured(["simulate", ...threeStages, "--out", "run.json", "--json"], {
          directory,
        })
        expect(run.code).toBe(0)
        const replayed = yield* runCliCaptured(["replay", "run.json", "--json"], { directory })
        expect(replayed.code).toBe(0)
        expect(replayed.stdout).toBe(run.stdout)
      }),
    testLimitMillis,
  )

  it.effect(
    "replay --from opens with each stage's waiting items and the workers held by a full queue below",
    () =>
      Effect.gen(function* () {
        const directory = makeTempDirectory()
        const run = yield* runCliCaptured(["simulate", ...threeStages, "--out", "run.json", "--quiet"], {
          directory,
        })
        expect(run.code).toBe(0)
        const events = readFileSync(join(directory, "run.json"), "utf8")
          .split("\n")
          .filter((line) => line.startsWith('{"at"'))
          .map((line) => JSON.parse(line.replace(/,$/, "")))
        // A moment a worker is held: after a held event, before its item got in.
        const held = events.find(
          (event, index) =>
            event.type === "held" &&
            events.slice(index + 1).find((later) => later.type === "handedOn" && later.item === event.item)
              ?.at >
              event.at + 1,
        )
        expect(held).toBeDefined()
        const replayed = yield* runCliCaptured(
          ["replay", "run.json", "--from", `${held.at + 1}us`, "--no-color"],
          { directory },
        )
        expect(replayed.code).toBe(0)
        const [first] = replayed.stdout.split("\n")
        expect(first).toMatch(
          /^From \d+\.\d\d sec\.: (\d+) items? waiting \((\d+) in \[parse\], (\d+) in \[store\], (\d+) in \[index\]\);/,
        )
        const [, total, ...depths] = /: (\d+) items? waiting \((\d+) in .*?, (\d+) in .*?, (\d+) in /.exec(
          first ?? "",
        ) ?? ["", "", ""]
        expect(depths.reduce((sum, depth) => sum + Number(depth), 0)).toBe(Number(total))
        expect(first).toContain(
          `${held.actor} holding value ${held.value} for the full [${held.stage}] queue`,
        )
      }),
    testLimitMillis,
  )

  it(
    "on the live clock, writes a recording that replays though its full queues block and drop",
    async () => {
      // A real process: the live clock's sleeps are the wall clock's, which it.effect's test clock holds still.
      const directory = makeTempDirectory()
      const live = ["--clock", "live", "--items", "20", "--produce", "1ms", "--quiet"]
      const pipeline = await start(
        [
          "simulate",
          ...live,
          "--stage",
          "parse:process=1ms",
          "--stage",
          "store:process=5ms,capacity=1",
          "--stage",
          "index:process=3ms,capacity=1,when-full=drop",
          "--out",
          "pipeline.json",
        ],
        { directory },
      ).finished
      expect(pipeline.code).toBe(0)
      const single = await start(
        ["simulate", ...live, "--process", "5ms", "--capacity", "1", "--out", "single.json"],
        { directory },
      ).finished
      expect(single.code).toBe(0)
      for (const file of ["pipeline.json", "single.json"]) {
        expect(readFileSync(join(directory, file), "utf8")).toMatch(/"type":"(held|blocked)"/)
        const replayed = await start(["replay", file, "--quiet"], { directory }).finished
        expect([file, replayed.code, replayed.stderr]).toEqual([file, 0, ""])
      }
    },
    testLimitMillis,
  )

  it.effect(
    "writes a trace with a process per stage, and replay --trace writes the same bytes",
    () =>
      Effect.gen(function* () {
        const directory = makeTempDirectory()
        const run = yield* runCliCaptured(
          ["simulate", ...threeStages, "--out", "run.json", "--trace", "simulated.json", "--quiet"],
          { directory },
        )
        expect(run.stderr).toBe("")
        expect(run.code).toBe(0)
        const replayed = yield* runCliCaptured(
          ["replay", "run.json", "--trace", "replayed.json", "--quiet"],
          {
            directory,
          },
        )
        expect(replayed.stderr).toBe("")
        expect(replayed.code).toBe(0)
        const simulated = readFileSync(join(directory, "simulated.json"), "utf8")
        expect(readFileSync(join(directory, "replayed.json"), "utf8")).toBe(simulated)
        const processes = JSON.parse(simulated)
          .traceEvents.filter((event: { name: string }) => event.name === "process_name")
          .map((event: { args: { name: string } }) => event.args.name)
        expect(processes).toEqual(["async (seed 1)", "parse", "store", "index"])
      }),
    testLimitMillis,
  )

  it.effect("escapes an edited stage name in its one line", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      writeFileSync(join(directory, "stages.json"), JSON.stringify({ stages: [{ name: "a\u001b[2Jb" }] }))
      const named = yield* runCliCaptured(["simulate", "--scenario", "stages.json", "--no-record"], {
        directory,
      })
      expect(named.code).toBe(2)
      expect(hasControlCharacters(named.stderr)).toBe(false)
      expect(named.stderr).toContain('stage name "a\\u001b[2Jb"')
    }),
  )
})

describe("sweep with stages", () => {
  const stages = threeStages.map((arg, index) => (threeStages[index - 1] === "--items" ? "60" : arg))
  const sweep = [
    "sweep",
    ...stages,
    "--vary",
    "parse.workers=1,2",
    "--vary",
    "index.capacity=2,none",
    "--replications",
    "2",
    "--target",
    "stages.store.latency.p99<=500ms",
    "--workers",
    "1",
  ]

  it.effect("varies STAGE.KEY, targets a stage's figure, and its shares merge to the unsharded bytes", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      const whole = yield* runCliCaptured([...sweep, "--json"], { directory })
      expect(whole.code).toBe(0)
      const result = JSON.parse(whole.stdout)
      expect(result.varied).toEqual(["parse.workers", "index.capacity"])
      expect(result.rows[0].parameters).toEqual({ "parse.workers": 1, "index.capacity": 2 })
      expect(Object.keys(result.rows[0].metrics)).toContain("stages.store.latency.p99")
      expect(result.rows[0].targets[0].target).toBe("stages.store.latency.p99<=500ms")
      expect(result.rows[0].load).toMatchObject({ stage: "parse", unstable: true })
      for (const share of [1, 2, 3]) {
        const run = yield* runCliCaptured([...sweep, "--shard", `${share}/3`, "--out-dir", "shares"], {
          directory,
        })
        expect(run.code).toBe(0)
      }
      const merged = yield* runCliCaptured(["sweep", "--merge", "shares", "--json"], { directory })
      expect(merged.code).toBe(0)
      expect(merged.stdout).toBe(whole.stdout)
      const page = yield* runCliCaptured(["sweep", "--merge", "shares", "--html", "sweep.html"], {
        directory,
      })
      expect(page.code).toBe(0)
      expect(listFiles(directory)).toContain("sweep.html")
    }),
  )

  it.effect(
    "refuses a stage or a stage's key it does not know: one line, exit 2, naming the known ones",
    () =>
      Effect.gen(function* () {
        const stage = yield* runCliCaptured(["sweep", ...stages, "--vary", "stroe.fail=0.1"])
        expect(stage.code).toBe(2)
        expect(stage.stderr).toBe(
          'prodcon: --vary stroe.fail: unknown stage "stroe" (stages: parse, store, index)\n',
        )
        const key = yield* runCliCaptured([...sweep, "--vary", "store.failure=0.1"])
        expect(key.code).toBe(2)
        expect(key.stderr).toBe(
          'prodcon: --vary "store.failure=0.1": unknown key "failure" of stage "store" (known: workers, process, capacity, when-full, fail, retries, backoff, next)\n',
        )
        const target = yield* runCliCaptured([...sweep, "--target", "stages.parse.utilisation<=0.8"])
        expect(target.code).toBe(2)
        expect(target.stderr).toMatch(
          /^prodcon: --target "stages\.parse\.utilisation<=0\.8": unknown figure "utilisation" of stage "parse" \(known: [^\n]*\)\n$/,
        )
      }),
  )
})
