/** The README's sample output and the committed example recording must stay what the code produces. */
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { makeTempDirectory, runCliCaptured } from "../support/cli.ts"
import { longTestLimitMillis } from "../support/timeLimits.ts"

const projectRoot = path.resolve(import.meta.dirname, "../..")
const readme = fs.readFileSync(path.join(projectRoot, "README.md"), "utf8")

/** The text blocks that follow a README line containing `marker`. */
const textBlockAfter = (marker: string, nth = 0): string => {
  const from = readme.indexOf(marker)
  let cursor = from
  let block = ""
  for (let index = 0; index <= nth; index++) {
    const start = readme.indexOf("```text\n", cursor) + "```text\n".length
    const end = readme.indexOf("```", start)
    block = readme.slice(start, end)
    cursor = end + 3
  }
  return block
}

const withoutRecordingLine = (text: string) => text.replace(/^Recording: .*\n/m, "")

describe("the README", () => {
  it.effect("shows the real output of the default async and sync runs", () =>
    Effect.gen(function* () {
      const asyncRun = yield* runCliCaptured(["simulate", "--mode", "async"])
      const syncRun = yield* runCliCaptured(["simulate", "--mode", "sync"])
      expect(withoutRecordingLine(textBlockAfter("## What a run prints", 0))).toBe(
        withoutRecordingLine(asyncRun.stdout),
      )
      expect(withoutRecordingLine(textBlockAfter("## What a run prints", 1))).toBe(
        withoutRecordingLine(syncRun.stdout),
      )
    }),
  )

  it.effect("shows the real statistics object of the default run", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured(["simulate", "--json"])
      const start = readme.indexOf("```json\n") + "```json\n".length
      expect(readme.slice(start, readme.indexOf("```", start))).toBe(run.stdout)
    }),
  )
})

describe("the README's comparison, scenario-file and sweep samples", () => {
  it.effect(
    "are the real output of those commands",
    () =>
      Effect.gen(function* () {
        const compared = yield* runCliCaptured(["simulate", "--compare", "sync,async,threads,trio"])
        expect(textBlockAfter("## Comparing the course's programs")).toBe(compared.stdout)

        const directory = makeTempDirectory()
        const pipeline = readme.slice(
          readme.indexOf("echo '") + "echo '".length,
          readme.indexOf("' > pipeline.json"),
        )
        fs.writeFileSync(path.join(directory, "pipeline.json"), pipeline)
        const fromFile = yield* runCliCaptured(
          [
            "simulate",
            "--scenario",
            "pipeline.json",
            "--items",
            "1000",
            "--quiet",
            "--out",
            "pipeline-run.json",
          ],
          { directory },
        )
        expect(textBlockAfter("### Scenario files")).toBe(fromFile.stdout)

        const sizing = yield* runCliCaptured([
          "sweep",
          ...[
            "--producers",
            "1",
            "--items",
            "20000",
            "--produce",
            "exp(100ms)",
            "--process",
            "lognormal(250ms,150ms)",
          ],
          ...[
            "--vary",
            "consumers=2,3,4,5",
            "--replications",
            "20",
            "--warmup",
            "60s",
            "--target",
            "latency.p99<=500ms",
          ],
        ])
        expect(textBlockAfter("## Sizing a pipeline")).toBe(sizing.stdout)
      }),
    // The sweep makes 80 runs of 40,000 events: seconds, more on a slow machine.
    longTestLimitMillis,
  )
})

describe("the README's replay sample", () => {
  it.effect("is the real output of a windowed replay of the example", () =>
    Effect.gen(function* () {
      const example = path.join(projectRoot, "recordings", "example-async.json")
      const run = yield* runCliCaptured(["replay", example, "--from", "5s", "--until", "8s", "--timestamps"])
      expect(textBlockAfter("## `replay`")).toBe(run.stdout)
    }),
  )
})

describe("the README, read in a clone", () => {
  it("points to nothing outside the repository", () => {
    // Markdown links and paths in code spans that leave the project (the course's notes do not ship).
    expect(readme).not.toMatch(/\]\(\.\.\//)
    expect(readme).not.toMatch(/`\.\.\/[^`]*`/)
    for (const [, target] of readme.matchAll(/\]\(([^)#]+)\)/g)) {
      if (target === undefined || /^[a-z]+:/.test(target)) continue
      expect(fs.existsSync(path.join(projectRoot, target)), target).toBe(true)
    }
  })

  it("states the course's programs and the figures it holds the simulator to", () => {
    const section = readme.slice(readme.indexOf("## The course's programs"), readme.indexOf("## Modes"))
    // Lines wrap anywhere in prose: compare with the line breaks made spaces.
    const prose = section.replace(/\s+/g, " ")
    for (const fact of [
      "`0.5 + U(0,1)`",
      "`asyncio.Queue()`",
      "memory channel, buffer 10",
      "`Press enter to cancel...`",
      '"30, 31-ish seconds"',
      "10.48 s",
      '"60 times less latency"',
      "19 of 40",
    ])
      expect(prose).toContain(fact)
  })
})

describe("the committed example recording", () => {
  it.effect("is byte for byte what the default async run writes", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured(["simulate", "--mode", "async", "--out", "example.json", "--quiet"])
      const fresh = fs.readFileSync(path.join(run.directory, "example.json"))
      const committed = fs.readFileSync(path.join(projectRoot, "recordings", "example-async.json"))
      // A version bump changes meta.generator: regenerate the example with the command above.
      expect(fresh.equals(committed)).toBe(true)
    }),
  )
})
