/**
 * What every command prints and writes, held byte for byte over a set of scenarios in every mode:
 * the recording, the lines and the statistics of simulate and replay, the page's data, the trace,
 * a comparison and a sweep's result. Each output is kept as a SHA-256 digest in the snapshot beside
 * this file, so a change of any byte shows here. A change that is meant (a new statistic, a fixed
 * line) is made by updating the snapshot (`npx vitest run test/golden -u`) in the same commit,
 * which then shows which outputs it changed.
 */
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { makeTempDirectory, runCliCaptured } from "../support/cli.ts"

const digest = (bytes: string | Buffer) => createHash("sha256").update(bytes).digest("hex").slice(0, 24)

/** The page's data: the JSON the page draws, without the bundled code (which may change freely). */
const pageData = (html: string): string => {
  const match = /<script type="application\/json" id="prodcon-data">([\s\S]*?)<\/script>/.exec(html)
  if (match === null) throw new Error("the page has no data element")
  return match[1] as string
}

const scenarios: ReadonlyArray<{ readonly name: string; readonly flags: ReadonlyArray<string> }> = [
  { name: "sync", flags: ["--mode", "sync"] },
  { name: "async", flags: ["--mode", "async"] },
  { name: "threads", flags: ["--mode", "threads"] },
  { name: "trio", flags: ["--mode", "trio"] },
  {
    name: "trio, a channel of one",
    flags: ["--mode", "trio", "--capacity", "1", "--items", "3", "--seed", "5"],
  },
  {
    name: "bounded, drop",
    flags: ["--capacity", "2", "--when-full", "drop", "--items", "30", "--process", "900ms"],
  },
  {
    name: "bounded, slide",
    flags: [
      "--capacity",
      "2",
      "--when-full",
      "slide",
      "--items",
      "30",
      "--process",
      "exp(800ms)",
      "--seed",
      "3",
    ],
  },
  {
    name: "bounded, suspend, three producers",
    flags: ["--capacity", "1", "--producers", "3", "--items", "10", "--seed", "9"],
  },
  { name: "timeout", flags: ["--timeout", "5s"] },
  {
    name: "threads, three consumers",
    flags: [
      "--mode",
      "threads",
      "--consumers",
      "3",
      "--produce",
      "exp(200ms)",
      "--process",
      "uniform(100ms,900ms)",
      "--seed",
      "7",
    ],
  },
  {
    name: "many items",
    flags: [
      "--producers",
      "4",
      "--consumers",
      "3",
      "--items",
      "200",
      "--produce",
      "exp(100ms)",
      "--process",
      "lognormal(120ms,40ms)",
      "--seed",
      "42",
    ],
  },
]

describe("every output, byte for byte", () => {
  for (const { name, flags } of scenarios) {
    it.effect(`simulate and replay: ${name}`, () =>
      Effect.gen(function* () {
        const directory = makeTempDirectory()
        const files = ["--out", "run.json", "--html", "page.html", "--trace", "trace.json"]
        const shown = yield* runCliCaptured(["simulate", ...flags, ...files, "--actors"], { directory })
        const file = (name: string) => fs.readFileSync(path.join(directory, name))
        const json = yield* runCliCaptured(["simulate", ...flags, "--json", "--no-record"], { directory })
        const replayed = yield* runCliCaptured(["replay", "run.json"], { directory })
        const windowed = yield* runCliCaptured(["replay", "run.json", "--from", "2s", "--until", "6s"], {
          directory,
        })
        const replayJson = yield* runCliCaptured(["replay", "run.json", "--json"], { directory })
        expect([shown.code, json.code, replayed.code, windowed.code, replayJson.code]).toEqual([
          0, 0, 0, 0, 0,
        ])
        expect({
          recording: digest(file("run.json")),
          lines: digest(shown.stdout),
          statistics: digest(json.stdout),
          page: digest(pageData(file("page.html").toString("utf8"))),
          trace: digest(file("trace.json")),
          replay: digest(replayed.stdout),
          window: digest(windowed.stdout),
          replayStatistics: digest(replayJson.stdout),
        }).toMatchSnapshot()
      }),
    )
  }

  it.effect("a comparison of the four modes: its table, recordings, page and trace", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      const compared = yield* runCliCaptured(
        [
          "simulate",
          "--compare",
          "sync,async,threads,trio",
          "--items",
          "8",
          "--out",
          "c.json",
          "--html",
          "c.html",
          "--trace",
          "c-trace.json",
        ],
        { directory },
      )
      expect(compared.code).toBe(0)
      const file = (name: string) => fs.readFileSync(path.join(directory, name))
      expect({
        table: digest(compared.stdout),
        recordings: ["sync", "async", "threads", "trio"].map((mode) => digest(file(`c-${mode}.json`))),
        page: digest(pageData(file("c.html").toString("utf8"))),
        trace: digest(file("c-trace.json")),
      }).toMatchSnapshot()
    }),
  )

  it.effect(
    "a sweep: its JSON, CSV and table",
    () =>
      Effect.gen(function* () {
        const directory = makeTempDirectory()
        const sweep = [
          "sweep",
          "--items",
          "40",
          "--vary",
          "consumers=1,2",
          "--replications",
          "3",
          "--target",
          "latency.p99<=1s",
          "--workers",
          "1",
        ]
        const json = yield* runCliCaptured([...sweep, "--json"], { directory })
        const csv = yield* runCliCaptured([...sweep, "--csv"], { directory })
        const table = yield* runCliCaptured(sweep, { directory })
        expect([json.code, csv.code, table.code]).toEqual([0, 0, 0])
        expect({
          json: digest(json.stdout),
          csv: digest(csv.stdout),
          table: digest(table.stdout),
        }).toMatchSnapshot()
      }),
    120_000,
  )
})
