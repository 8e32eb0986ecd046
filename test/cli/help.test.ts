/** The help and the refusals a new user meets first: usages that can be typed as shown, npm's `--`. */
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { listFiles, runCliCaptured } from "../support/cli.ts"

const helpOf = (command: string) =>
  Effect.gen(function* () {
    const run = yield* runCliCaptured([command, "--help"])
    expect(run.code).toBe(0)
    // Through the command's own standard output, like everything it prints.
    return run.stdout
  })

/** The lines of a help section, without their indentation. */
const section = (help: string, title: string): ReadonlyArray<string> => {
  const lines = help.split("\n")
  const start = lines.indexOf(title) + 1
  const end = lines.findIndex((line, index) => index >= start && /^[A-Z]/.test(line))
  return lines.slice(start, end === -1 ? undefined : end).map((line) => line.trim())
}

describe("the help", () => {
  for (const command of ["simulate", "replay", "sweep"]) {
    it.effect(`of ${command} shows usages and examples that can be typed as shown`, () =>
      Effect.gen(function* () {
        const help = yield* helpOf(command)
        const usage = section(help, "USAGE").filter((line) => line !== "")
        expect(usage[0]).toMatch(new RegExp(`^npm run ${command} `))
        expect(usage[1]).toMatch(new RegExp(`^prodcon ${command} .*npm link`))
        const examples = section(help, "EXAMPLES").filter((line) => line !== "" && !line.startsWith("#"))
        expect(examples.length).toBeGreaterThan(2)
        for (const example of examples) expect(example).toMatch(new RegExp(`^npm run ${command}( |$)`))
        // Flags go after npm's `--`, so that npm passes them on.
        for (const example of examples.filter((line) => line.includes(" --")))
          expect(example).toMatch(/ -- --/)
      }),
    )
  }
})

/** The part of the README from a `## ` heading to the next one. */
const readmeSection = (heading: string): string => {
  const readme = fs.readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8")
  const start = readme.indexOf(`\n## ${heading}\n`)
  expect(start).toBeGreaterThan(-1)
  const end = readme.indexOf("\n## ", start + 1)
  return readme.slice(start, end === -1 ? undefined : end)
}

const flagsOf = (help: string): ReadonlyArray<string> =>
  section(help, "FLAGS").flatMap((line) => /^(--[a-z-]+)/.exec(line)?.[1] ?? [])

describe("the README", () => {
  // The sweep's table names the scenario flags together, "as simulate": those are in simulate's.
  const sections = [
    { command: "simulate", headings: ["`simulate` flags"] },
    { command: "replay", headings: ["`replay`"] },
    { command: "sweep", headings: ["Sizing a service: `sweep`", "`simulate` flags"] },
  ]
  for (const { command, headings } of sections) {
    it.effect(`documents every flag ${command}'s help lists, in ${command}'s section`, () =>
      Effect.gen(function* () {
        const flags = flagsOf(yield* helpOf(command))
        expect(flags.length).toBeGreaterThan(10)
        const text = headings.map(readmeSection).join("\n")
        expect(flags.filter((flag) => !new RegExp(`\`${flag}[\` ]`).test(text))).toEqual([])
      }),
    )
  }
})

describe("npm's `--`, forgotten", () => {
  it.effect("`npm run simulate --mode sync` says that npm needs `--`, and runs nothing", () =>
    Effect.gen(function* () {
      // What npm hands the program then: `sync` alone, and --mode in its own settings.
      const run = yield* runCliCaptured(["simulate", "sync"], {
        env: { npm_lifecycle_event: "simulate", npm_config_mode: "true" },
      })
      expect(run.code).toBe(2)
      expect(run.stderr).toBe(
        'prodcon: npm took --mode for itself: npm passes flags on to the program only after "--", as in npm run simulate -- --mode sync\n',
      )
      expect(listFiles(run.directory)).toEqual([])
    }),
  )

  it.effect("`--mode=sync` and `--seed 3` before `--` are named too, not ignored", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured(["simulate", "3"], {
        env: { npm_lifecycle_event: "simulate", npm_config_mode: "sync", npm_config_seed: "true" },
      })
      expect(run.code).toBe(2)
      expect(run.stderr).toContain("npm took --mode and --seed for itself")
    }),
  )

  it.effect("`npm run replay FILE --speed 4` gets the replay's form", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured(["replay", "run.json", "4"], {
        env: { npm_lifecycle_event: "replay", npm_config_speed: "true" },
      })
      expect(run.code).toBe(2)
      expect(run.stderr).toContain("as in npm run replay recordings/run1.json -- --speed 4")
    }),
  )

  it.effect(
    "a stray argument under npm gets the reminder; npm's own settings and other scripts do not count",
    () =>
      Effect.gen(function* () {
        const stray = yield* runCliCaptured(["simulate", "sync"], {
          env: { npm_lifecycle_event: "simulate" },
        })
        expect(stray.code).toBe(2)
        expect(stray.stderr).toBe(
          'prodcon simulate: Unexpected positional argument: "sync"; if it was meant for a flag before "--": npm passes flags on to the program only after "--", as in npm run simulate -- --mode sync (see --help)\n',
        )
        const npmSettings = { npm_config_json: "", npm_config_force: "", npm_config_color: "true" }
        const underNpm = yield* runCliCaptured(["simulate", "--quiet", "--items", "1"], {
          env: { npm_lifecycle_event: "simulate", ...npmSettings },
        })
        expect(underNpm.code).toBe(0)
        const otherScript = yield* runCliCaptured(["simulate", "--quiet", "--items", "1"], {
          env: { npm_lifecycle_event: "test", npm_config_mode: "true" },
        })
        expect(otherScript.code).toBe(0)
      }),
  )

  it.effect("`npm run simulate --json` (and --quiet) runs, but says that npm kept the flag for itself", () =>
    Effect.gen(function* () {
      // What npm hands the program then: no flag, and json or a loglevel in its own settings.
      const run = yield* runCliCaptured(["simulate", "--items", "1"], {
        env: { npm_lifecycle_event: "simulate", npm_config_json: "true", npm_config_loglevel: "warn" },
      })
      expect(run.code).toBe(0)
      expect(run.stderr.split("\n")[0]).toBe(
        'note: npm has --json and --quiet set for itself (given before "--", or in your npm configuration), so the program runs without them; npm passes flags on to the program only after "--", as in npm run simulate -- --mode sync',
      )
      // Given after `--` as well, they reach the program: nothing to say.
      const given = yield* runCliCaptured(["simulate", "--json", "--quiet", "--items", "1"], {
        env: { npm_lifecycle_event: "simulate", npm_config_json: "true", npm_config_loglevel: "warn" },
      })
      expect(given.code).toBe(0)
      expect(given.stderr).not.toContain("note: npm")
      const sweepFlag = yield* runCliCaptured(["sweep", "consumers=1,2"], {
        env: { npm_lifecycle_event: "sweep", npm_config_vary: "true" },
      })
      expect(sweepFlag.code).toBe(2)
      expect(sweepFlag.stderr).toContain("npm took --vary for itself")
    }),
  )
})

describe("a mistyped flag", () => {
  it.effect("gets one line with the flag it may have meant", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured(["simulate", "--itmes", "3"])
      expect(run.code).toBe(2)
      expect(run.stderr).toBe(
        "prodcon simulate: Unrecognized flag: --itmes: did you mean --items? (see --help)\n",
      )
    }),
  )

  it.effect("a value that starts with '-' gets one line with the form that works", () =>
    Effect.gen(function* () {
      // It was: Missing value for flag --timeout. Expected: string; Unrecognized flag: -1; Unrecognized flag: -s
      const run = yield* runCliCaptured(["simulate", "--timeout", "-1s"])
      expect([run.code, run.stderr]).toEqual([
        2,
        'prodcon: --timeout -1s: a value that starts with "-" is read as a flag; write --timeout=-1s\n',
      ])
    }),
  )
})

describe("a mistake, named with what was meant", () => {
  const refused = (args: ReadonlyArray<string>, env: Record<string, string> = {}) =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured(args, { env })
      expect(run.code).toBe(2)
      expect(listFiles(run.directory)).toEqual([])
      expect(run.stderr.split("\n")).toHaveLength(2)
      return run.stderr
    })

  it.effect("replay's help speaks of no --compare, which replay does not have", () =>
    Effect.gen(function* () {
      expect(yield* helpOf("replay")).not.toContain("--compare")
      expect(yield* helpOf("simulate")).toContain("(with --compare: every mode)")
    }),
  )

  it.effect("`--compare sync async` (a space) is told to use commas, not to mind npm's `--`", () =>
    Effect.gen(function* () {
      const expected =
        "prodcon: --compare takes one comma-separated list, without spaces: --compare sync,async\n"
      expect(
        yield* refused(["simulate", "--compare", "sync", "async"], { npm_lifecycle_event: "simulate" }),
      ).toBe(expected)
      expect(yield* refused(["simulate", "--compare=sync", "async", "trio"])).toBe(
        "prodcon: --compare takes one comma-separated list, without spaces: --compare sync,async,trio\n",
      )
    }),
  )

  it.effect("a mode, a full-queue policy or a clock one typo away gets a guess", () =>
    Effect.gen(function* () {
      expect(yield* refused(["simulate", "--mode", "asynch"])).toBe(
        'prodcon simulate: Invalid value for flag --mode: "asynch". Expected: "sync" | "async" | "threads" | "trio"; did you mean "async"? (see --help)\n',
      )
      expect(yield* refused(["simulate", "--when-full", "dorp"])).toContain('did you mean "drop"?')
      expect(yield* refused(["simulate", "--mode", "fast"])).not.toContain("did you mean")
      expect(yield* refused(["simulate", "--compare", "sync,asynch"])).toContain(
        'unknown mode "asynch" (expected a comma-separated list of sync, async, threads, trio); did you mean "async"?',
      )
    }),
  )

  it.effect(
    "a seed that is no number says what a seed is; a whole number past 2^53 says why it is refused",
    () =>
      Effect.gen(function* () {
        expect(yield* refused(["simulate", "--seed", "abc"])).toBe(
          'prodcon simulate: Invalid value for flag --seed: "abc". Expected: a seed: a whole number (0, 1, 2, ...) that fixes every random draw, so the same seed gives the same run (see --help)\n',
        )
        expect(yield* refused(["simulate", "--items", "9007199254740993"])).toBe(
          'prodcon simulate: Invalid value for flag --items: "9007199254740993". Expected: a whole number up to 9007199254740991 (2^53 - 1), the largest counted exactly (see --help)\n',
        )
        expect(yield* refused(["sweep", "--replications", "2.5"])).toContain(
          "Expected: a count of runs per configuration, a whole number such as 20",
        )
      }),
  )
})
