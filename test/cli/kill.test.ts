/**
 * Kill tests, as real processes: SIGKILL, SIGTERM, SIGINT and SIGHUP at random
 * moments of a large run (a moment is a random amount of its recording written, so no clock is
 * involved; past the recording's size, the moment falls after the run), with
 * and without a file already at the target, and default-named runs started together. After each:
 * the target is complete or absent, a prior file survives, no temporary file is left (after the
 * documented clean-up for SIGKILL: the next write in the folder), and no two runs share a file.
 * PRODCON_KILL_ROUNDS repeats the rounds (a local soak). The moments come from one seed, new each
 * time unless PRODCON_KILL_SEED gives it; a failing test prints the command that replays it.
 */
import { randomInt } from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Schema from "effect/Schema"
import fc from "fast-check"
import { Recording } from "../../src/core/recording/format.ts"
import { makeTempDirectory } from "../support/cli.ts"
import { start, temporaries, whenFolderHolds } from "../support/process.ts"

const decode = Schema.decodeUnknownSync(Schema.fromJsonString(Recording))
const rounds = Number(process.env.PRODCON_KILL_ROUNDS ?? 1)
const seed = Number(process.env.PRODCON_KILL_SEED ?? randomInt(2 ** 31))
/** A 57 MB recording, written as the run goes: long enough to be caught at any stage. */
const largeRun = ["simulate", "--items", "100000", "--produce", "exp(1s)", "--quiet"]
const recordingBytes = 57_500_000

/** The bytes written so far to the writer's temporary files in `directory`. */
const writtenSoFar = (directory: string): number =>
  temporaries(directory).reduce((total, name) => {
    try {
      return total + fs.statSync(path.join(directory, name)).size
    } catch {
      return total
    }
  }, 0)

/** The `trial`-th test's moment, in bytes of the recording: the same for the same seed, spread evenly. */
const momentOf = (trial: number): number => {
  const moments = fc.noBias(fc.integer({ min: 0, max: Math.round(recordingBytes * 1.1) }))
  return fc.sample(moments, { seed: seed + trial, numRuns: 1 })[0] ?? 0
}
const prior = "a prior recording, kept unless the new one replaces it whole"

/** The file at `target`: the prior one, a complete recording, or nothing; never anything else. */
const completeOrAbsent = (target: string, hadPrior: boolean, context: string) => {
  if (!fs.existsSync(target)) {
    expect(hadPrior, `${context}: the prior file vanished`).toBe(false)
    return "absent"
  }
  const text = fs.readFileSync(target, "utf8")
  if (hadPrior && text === prior) return "prior"
  const recording = decode(text)
  expect(["completed", "interrupted"], context).toContain(recording.end.reason)
  return recording.end.reason
}

const signals = ["SIGKILL", "SIGTERM", "SIGINT", "SIGHUP"] as const

describe("kill tests", () => {
  let trials = 0
  for (let round = 1; round <= rounds; round++) {
    for (const signal of signals) {
      for (const hadPrior of [false, true]) {
        const moment = momentOf(trials++)
        it(`${signal} at a random moment, ${hadPrior ? "replacing a prior file (--force)" : "to a new file"} (round ${round})`, async ({
          onTestFailed,
        }) => {
          onTestFailed(() => {
            console.log(`replay it: PRODCON_KILL_SEED=${seed} npx vitest run test/cli/kill.test.ts`)
          })
          const directory = makeTempDirectory()
          const target = path.join(directory, "run.json")
          if (hadPrior) fs.writeFileSync(target, prior)
          const context = `${signal} after ${moment} bytes of the recording (seed ${seed})`
          const run = start([...largeRun, "--out", "run.json", ...(hadPrior ? ["--force"] : [])], {
            directory,
          })
          await whenFolderHolds(directory, () => writtenSoFar(directory) >= moment, run)
          run.child.kill(signal)
          const result = await run.finished
          const outcome = completeOrAbsent(target, hadPrior, context)
          if (signal !== "SIGKILL" && result.code !== null) {
            // Stopped gracefully: its recording is in place, complete (or the run had already ended).
            expect(outcome, context).not.toBe("absent")
            expect(outcome, context).not.toBe("prior")
            expect(result.stderr, context).toBe("")
          }
          if (signal === "SIGKILL") {
            // The documented clean-up: the next write in the folder removes a dead process's temporary.
            await start(["simulate", "--items", "1", "--quiet", "--out", "next.json"], { directory }).finished
          }
          expect(temporaries(directory), context).toEqual([])
          if (rounds > 1)
            console.log(`kill trial: ${context}: exit ${result.code ?? result.signal}, target ${outcome}`)
        })
      }
    }

    it(`four default-named runs started together never share a file (round ${round})`, async () => {
      const project = makeTempDirectory()
      const runs = Array.from({ length: 4 }, (_, index) =>
        start(["simulate", "--items", "3000", "--quiet", "--seed", String(index + 1)], {
          directory: project,
        }),
      )
      const results = await Promise.all(runs.map((run) => run.finished))
      const written = results.map((result) => /Recording: (.*)\n/.exec(result.stdout)?.[1])
      expect(results.map((result) => result.code)).toEqual([0, 0, 0, 0])
      expect(new Set(written).size).toBe(4)
      const files = fs.readdirSync(path.join(project, "recordings")).sort()
      expect(files).toEqual(["run1.json", "run2.json", "run3.json", "run4.json"])
      // Each file is whole, and is the run that named it.
      for (const [index, shown] of written.entries()) {
        expect(decode(fs.readFileSync(path.join(project, shown as string), "utf8")).meta.seed).toBe(index + 1)
      }
      expect(temporaries(project)).toEqual([])
    })
  }
})
