/**
 * The README's sample output and the committed example recording must stay what the code produces.
 * Each sample is the output of the command the README shows for it, read from the README.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { makeTempDirectory, runCliCaptured } from "../support/cli.ts"
import { projectRoot, readme, readmeSample } from "../support/readmeSamples.ts"
import { longTestLimitMillis } from "../support/timeLimits.ts"

const withoutRecordingLine = (text: string) => text.replace(/^Recording: .*\n/m, "")

describe("the README", () => {
  it.effect("shows the real output of the default async and sync runs", () =>
    Effect.gen(function* () {
      for (const nth of [0, 1]) {
        const sample = readmeSample("## What a run prints", nth)
        const run = yield* runCliCaptured(sample.args)
        expect(withoutRecordingLine(sample.output), sample.args.join(" ")).toBe(
          withoutRecordingLine(run.stdout),
        )
      }
    }),
  )

  it.effect("shows the real statistics object of the default run", () =>
    Effect.gen(function* () {
      const sample = readmeSample("## Statistics", 0, "json")
      const run = yield* runCliCaptured(sample.args)
      expect(sample.output).toBe(run.stdout)
    }),
  )
})

describe("the README's comparison, scenario-file and sweep samples", () => {
  it.effect(
    "are the real output of those commands",
    () =>
      Effect.gen(function* () {
        const comparison = readmeSample("## Comparing the course's programs")
        expect(comparison.output).toBe((yield* runCliCaptured(comparison.args)).stdout)

        // The sample's script writes the scenario file, then runs it.
        const fromFile = readmeSample("### Scenario files")
        const directory = makeTempDirectory()
        const written = fromFile.script.map((line) => /^echo '(.*)' > (\S+)$/.exec(line)).find(Boolean)
        if (!written) throw new Error("the scenario-file sample writes no file")
        fs.writeFileSync(path.join(directory, written[2] as string), written[1] as string)
        expect(fromFile.output).toBe((yield* runCliCaptured(fromFile.args, { directory })).stdout)

        const sizing = readmeSample("## Sizing a service: `sweep`")
        expect(sizing.output).toBe((yield* runCliCaptured(sizing.args)).stdout)
      }),
    // The sweep makes 80 runs of 40,000 events: seconds, more on a slow machine.
    longTestLimitMillis,
  )
})

describe("the README's replay sample", () => {
  it.effect("is the real output of a windowed replay of the example", () =>
    Effect.gen(function* () {
      // It names the committed example by its path in the project.
      const sample = readmeSample("## `replay`")
      const run = yield* runCliCaptured(sample.args, { directory: projectRoot })
      expect(sample.output).toBe(run.stdout)
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
