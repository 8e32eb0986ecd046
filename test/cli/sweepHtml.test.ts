/** `sweep --html FILE`: the page of the finished sweep (or of merged shares), refused before any run, never half-written. */
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { listFiles, makeTempDirectory, runCliCaptured } from "../support/cli.ts"

const sweepArgs = [
  "sweep",
  "--producers",
  "1",
  "--items",
  "100",
  "--produce",
  "exp(100ms)",
  "--process",
  "lognormal(250ms,150ms)",
  "--vary",
  "consumers=2,3",
  "--replications",
  "3",
  "--target",
  "latency.p99<=500ms",
  "--workers",
  "1",
]

/** The document a page embeds. */
const embedded = (file: string): { result: unknown; scenario: Record<string, unknown> } => {
  const page = fs.readFileSync(file, "utf8")
  const json = /<script type="application\/json" id="prodcon-data">([\s\S]*?)<\/script>/.exec(page)?.[1]
  return JSON.parse(json ?? "null")
}

describe("sweep --html", () => {
  it.effect("writes the finished sweep's page, says where, and embeds exactly the --json result", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured([...sweepArgs, "--json", "--html", "sizing.html"])
      expect(run.code).toBe(0)
      expect(run.stderr).toBe("Page: sizing.html\n")
      const file = path.join(run.directory, "sizing.html")
      expect(fs.readFileSync(file, "utf8").startsWith("<!doctype html>")).toBe(true)
      const page = embedded(file)
      expect(page.result).toEqual(JSON.parse(run.stdout))
      expect(page.scenario).toMatchObject({ producers: 1, items: 100, process: "lognormal(250ms,150ms)" })
      expect(listFiles(run.directory)).toEqual(["sizing.html"])
    }),
  )

  it.effect("refuses to replace a file without --force, before any run, and replaces it with --force", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      const file = path.join(directory, "sizing.html")
      fs.writeFileSync(file, "keep me")
      const refused = yield* runCliCaptured([...sweepArgs, "--html", "sizing.html"], { directory })
      expect(refused.code).toBe(2)
      expect(refused.stderr).toBe(
        `prodcon: ${file} already exists; choose another --html or add --force to replace it\n`,
      )
      expect(refused.stdout).toBe("")
      expect(fs.readFileSync(file, "utf8")).toBe("keep me")
      expect(listFiles(directory)).toEqual(["sizing.html"])
      const forced = yield* runCliCaptured([...sweepArgs, "--html", "sizing.html", "--force"], { directory })
      expect(forced.code).toBe(0)
      expect(fs.readFileSync(file, "utf8")).toMatch(/^<!doctype html>/)
    }),
  )

  it.effect("writes nothing when the sweep is stopped", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured([...sweepArgs, "--html", "sizing.html", "--out", "result.json"], {
        stop: { requested: Effect.yieldNow, signal: "SIGINT" },
      })
      expect(run.code).toBe(130)
      expect(run.stderr).toContain("no result or page written")
      expect(listFiles(run.directory)).toEqual([])
    }),
  )

  it.effect("draws merged shares like the unsharded sweep, and refuses to draw a single share", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      const whole = yield* runCliCaptured([...sweepArgs, "--json"], { directory })
      for (const share of [1, 2]) {
        const run = yield* runCliCaptured(
          [...sweepArgs, "--shard", `${share}/2`, "--out", `s${share}.json`],
          {
            directory,
          },
        )
        expect(run.code).toBe(0)
      }
      const merged = yield* runCliCaptured(
        ["sweep", "--merge", "s1.json", "s2.json", "--html", "merged.html"],
        {
          directory,
        },
      )
      expect(merged.code).toBe(0)
      expect(merged.stderr).toBe("Page: merged.html\n")
      expect(embedded(path.join(directory, "merged.html")).result).toEqual(JSON.parse(whole.stdout))
      const share = yield* runCliCaptured([...sweepArgs, "--shard", "1/2", "--html", "share.html"], {
        directory,
      })
      expect(share.code).toBe(2)
      expect(share.stderr).toContain("--html draws a whole sweep, not a share")
      expect(fs.existsSync(path.join(directory, "share.html"))).toBe(false)
    }),
  )
})
