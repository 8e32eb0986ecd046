/** Shares a batch system starts, retries and merges: `--shard auto/N`, `--out-dir`, `--merge DIR`, `--missing`. */
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { makeTempDirectory, runCliCaptured } from "../support/cli.ts"

/** 3 configurations x 3 replications: 9 runs. */
const sweepArgs = [
  "sweep",
  "--items",
  "20",
  "--vary",
  "consumers=1,2,3",
  "--replications",
  "3",
  "--workers",
  "1",
]

const read = (directory: string, name: string) => fs.readFileSync(path.join(directory, name), "utf8")

describe("shares for batch systems", () => {
  it.effect("--shard auto/N writes the very bytes --shard K/N writes, K from each system's variable", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      const explicit = yield* runCliCaptured([...sweepArgs, "--shard", "3/4", "--out", "k.json"], {
        directory,
      })
      expect(explicit.code).toBe(0)
      const environments = [
        { JOB_COMPLETION_INDEX: "2" },
        { SLURM_ARRAY_TASK_ID: "7", SLURM_ARRAY_TASK_MIN: "5", SLURM_ARRAY_TASK_COUNT: "4" },
        { PARALLEL_SEQ: "3" },
      ]
      for (const [index, env] of environments.entries()) {
        const auto = yield* runCliCaptured([...sweepArgs, "--shard", "auto/4", "--out-dir", `by${index}`], {
          directory,
          env,
        })
        expect(auto.code).toBe(0)
        expect(read(directory, `by${index}/share-3-of-4.json`)).toBe(read(directory, "k.json"))
      }
      const none = yield* runCliCaptured([...sweepArgs, "--shard", "auto/4"], { directory })
      expect(none.code).toBe(2)
      expect(none.stderr).toMatch(/^prodcon: --shard auto\/4: no task number found: [^\n]*\n$/)
    }),
  )

  it.effect("refuses N above the sweep's runs, before running anything", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured([...sweepArgs, "--shard", "2/10", "--out-dir", "shares"])
      expect(run.code).toBe(2)
      expect(run.stderr).toBe("prodcon: --shard 2/10: the sweep has 9 runs, so at most 9 shares\n")
      expect(fs.existsSync(path.join(run.directory, "shares"))).toBe(false)
    }),
  )

  it.effect(
    "--out-dir: a share run again finds its file, keeps it untouched and runs nothing; another file there is refused",
    () =>
      Effect.gen(function* () {
        const directory = makeTempDirectory()
        const args = [...sweepArgs, "--shard", "2/4", "--out-dir", "shares", "--json"]
        const first = yield* runCliCaptured(args, { directory })
        expect(first.code).toBe(0)
        const file = path.join(directory, "shares", "share-2-of-4.json")
        const before = fs.statSync(file)
        const again = yield* runCliCaptured(args, { directory })
        expect(again.code).toBe(0)
        expect(again.stdout).toBe(first.stdout)
        expect(again.stderr).toBe(
          "Result: shares/share-2-of-4.json holds this share already: kept, not run again\n",
        )
        const after = fs.statSync(file)
        expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs])
        // Under that name, a share of another sweep (one more item) or a damaged file is refused as today.
        const other = yield* runCliCaptured(
          [...sweepArgs.map((arg) => (arg === "20" ? "21" : arg)), "--shard", "2/4", "--out-dir", "shares"],
          { directory },
        )
        expect(other.code).toBe(2)
        expect(other.stderr).toBe(
          `prodcon: ${file} already exists; choose another --out-dir or add --force to replace it\n`,
        )
        fs.writeFileSync(file, `${read(directory, "shares/share-2-of-4.json").slice(0, -30)}\n`)
        const damaged = yield* runCliCaptured(args, { directory })
        expect(damaged.code).toBe(2)
        const forced = yield* runCliCaptured([...args, "--force"], { directory })
        expect(forced.code).toBe(0)
        expect(forced.stdout).toBe(first.stdout)
      }),
  )

  it.effect(
    "--merge DIR merges every share in it to the unsharded bytes; --missing lists what is not there, exit 3",
    () =>
      Effect.gen(function* () {
        const directory = makeTempDirectory()
        const whole = yield* runCliCaptured([...sweepArgs, "--json"], { directory })
        for (const share of [1, 4]) {
          const run = yield* runCliCaptured([...sweepArgs, "--shard", `${share}/5`, "--out-dir", "shares"], {
            directory,
          })
          expect(run.code).toBe(0)
        }
        const missing = yield* runCliCaptured(["sweep", "--merge", "shares", "--missing"], { directory })
        expect([missing.code, missing.stdout, missing.stderr]).toEqual([
          3,
          "2,3,5\n",
          "prodcon: 3 shares missing: run them again, then merge\n",
        ])
        const early = yield* runCliCaptured(["sweep", "--merge", "shares", "--json"], { directory })
        expect([early.code, early.stderr]).toEqual([
          2,
          "prodcon: --merge: shares 2, 3, 5 of 5 missing (give all 5 shares)\n",
        ])
        for (const share of [2, 3, 5]) {
          yield* runCliCaptured([...sweepArgs, "--shard", `${share}/5`, "--out-dir", "shares"], { directory })
        }
        // A copy of a share beside the folder merges as one.
        fs.copyFileSync(path.join(directory, "shares/share-2-of-5.json"), path.join(directory, "copy.json"))
        const none = yield* runCliCaptured(["sweep", "--merge", "shares", "--missing"], { directory })
        expect([none.code, none.stdout]).toEqual([0, ""])
        const merged = yield* runCliCaptured(["sweep", "--merge", "shares", "copy.json", "--json"], {
          directory,
        })
        expect(merged.code).toBe(0)
        expect(merged.stdout).toBe(whole.stdout)
        const empty = makeTempDirectory()
        const nothing = yield* runCliCaptured(["sweep", "--merge", empty], { directory })
        expect(nothing.code).toBe(2)
        expect(nothing.stderr).toContain("the folder holds no share (share-K-of-N.json)")
      }),
  )
})
