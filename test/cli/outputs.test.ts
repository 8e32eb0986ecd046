/** --html and --trace on simulate, replay and --compare: one file each, through the atomic writer. */
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { listFiles, makeTempDirectory, runCliCaptured } from "../support/cli.ts"

/** The runs a page embeds. */
const embeddedRuns = (file: string) => {
  const html = fs.readFileSync(file, "utf8")
  const json = /<script type="application\/json" id="prodcon-data">(.*?)<\/script>/s.exec(html)?.[1] ?? "{}"
  return (JSON.parse(json) as { runs: Array<{ header: { mode: string }; statistics: unknown }> }).runs
}

describe("--html and --trace", () => {
  it.effect(
    "simulate writes the page, with the statistics of --json, and the trace beside the recording",
    () =>
      Effect.gen(function* () {
        const run = yield* runCliCaptured([
          "simulate",
          "--json",
          "--out",
          "run.json",
          "--html",
          "run.html",
          "--trace",
          "run.trace.json",
        ])
        expect(run.code).toBe(0)
        expect(run.stderr).toBe("Recording: run.json\nPage: run.html\nTrace: run.trace.json\n")
        const [page] = embeddedRuns(path.join(run.directory, "run.html"))
        expect(page?.statistics).toEqual(JSON.parse(run.stdout))
        const trace = JSON.parse(fs.readFileSync(path.join(run.directory, "run.trace.json"), "utf8"))
        expect(trace.traceEvents.length).toBeGreaterThan(120)
        expect(listFiles(run.directory)).toEqual(["run.html", "run.json", "run.trace.json"])
      }),
  )

  it.effect("replay writes the same page as simulate did, from the recording", () =>
    Effect.gen(function* () {
      const simulated = yield* runCliCaptured([
        "simulate",
        "--quiet",
        "--out",
        "run.json",
        "--html",
        "a.html",
      ])
      const replayed = yield* runCliCaptured(["replay", "run.json", "--quiet", "--html", "b.html"], {
        directory: simulated.directory,
      })
      expect(replayed.stdout.endsWith("Page: b.html\n")).toBe(true)
      const read = (name: string) => fs.readFileSync(path.join(simulated.directory, name), "utf8")
      expect(read("b.html")).toBe(read("a.html"))
    }),
  )

  it.effect("--compare puts every mode on one page and in one trace", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured([
        "simulate",
        "--compare",
        "sync,async",
        "--html",
        "lesson.html",
        "--trace",
        "t.json",
      ])
      expect(run.code).toBe(0)
      expect(embeddedRuns(path.join(run.directory, "lesson.html")).map((page) => page.header.mode)).toEqual([
        "sync",
        "async",
      ])
      const trace = JSON.parse(fs.readFileSync(path.join(run.directory, "t.json"), "utf8"))
      const processes = trace.traceEvents.filter((event: { name: string }) => event.name === "process_name")
      expect(processes).toHaveLength(2)
    }),
  )

  it.effect("never replaces a file without --force, and refuses before anything runs", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      fs.writeFileSync(path.join(directory, "run.html"), "mine")
      const run = yield* runCliCaptured(["simulate", "--out", "run.json", "--html", "run.html"], {
        directory,
      })
      expect(run.code).toBe(2)
      expect(run.stderr).toBe(
        `prodcon: ${path.join(directory, "run.html")} already exists; choose another --html or add --force to replace it\n`,
      )
      expect(listFiles(directory)).toEqual(["run.html"])
      const forced = yield* runCliCaptured(
        ["simulate", "--quiet", "--out", "run.json", "--html", "run.html", "--force"],
        {
          directory,
        },
      )
      expect(forced.code).toBe(0)
      expect(fs.readFileSync(path.join(directory, "run.html"), "utf8")).toContain("<!doctype html>")
    }),
  )

  it.effect("leaves no page and no trace behind when the run cannot be recorded", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured([
        "simulate",
        "--out",
        "no/such/folder/run.json",
        "--html",
        "p.html",
        "--trace",
        "t.json",
      ])
      expect(run.code).toBe(2)
      expect(listFiles(run.directory)).toEqual([])
    }),
  )

  // Each file that already exists is kept byte for byte: with --force, one output used to replace
  // another (the page over the recording, exit 0), or a recording being replayed.
  const sameFile: ReadonlyArray<readonly [string, ReadonlyArray<string>, string]> = [
    [
      "--out and --html",
      ["simulate", "--out", "run.json", "--html", "run.json"],
      "--out and --html name the same file (run.json)",
    ],
    [
      "--out and --trace, spelled apart",
      ["simulate", "--out", "run.json", "--trace", "./sub/../run.json"],
      "--out and --trace name the same file (run.json)",
    ],
    [
      "a mode's recording of --compare and --html",
      ["simulate", "--compare", "sync,async", "--out", "run.json", "--html", "run-async.json"],
      "--out (async) and --html name the same file (run-async.json)",
    ],
    [
      "the recording replayed and --html, through a link",
      ["replay", "run.json", "--html", "link.json"],
      "the recording replayed and --html name the same file (link.json)",
    ],
    [
      "sweep's --out and --html",
      ["sweep", "--items", "3", "--replications", "2", "--out", "run.json", "--html", "run.json"],
      "--out and --html name the same file (run.json)",
    ],
    [
      "a share merged and --out",
      ["sweep", "--merge", "run.json", "--out", "run.json"],
      "--merge and --out name the same file (run.json)",
    ],
  ]
  for (const [name, args, message] of sameFile) {
    it.effect(`refuses ${name} naming one file, before anything runs, even with --force`, () =>
      Effect.gen(function* () {
        const directory = makeTempDirectory()
        fs.mkdirSync(path.join(directory, "sub"))
        fs.writeFileSync(path.join(directory, "run.json"), "kept")
        fs.writeFileSync(path.join(directory, "run-async.json"), "kept too")
        fs.symlinkSync("run.json", path.join(directory, "link.json"))
        const run = yield* runCliCaptured([...args, "--force"], { directory })
        expect([run.code, run.stdout, run.stderr]).toEqual([
          2,
          "",
          `prodcon: ${message}: give each its own\n`,
        ])
        expect(listFiles(directory)).toEqual(["link.json", "run-async.json", "run.json", "sub"])
        expect(fs.readFileSync(path.join(directory, "run.json"), "utf8")).toBe("kept")
        expect(fs.readFileSync(path.join(directory, "run-async.json"), "utf8")).toBe("kept too")
      }),
    )
  }
})
