/**
 * Inputs that are not plain files: devices that never end, FIFOs and pipes (read once, as streams),
 * a document too large to read whole. Each ends in a render or in one line naming the file, exit 2,
 * quickly: never a hang, nor unbounded memory.
 */
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { makeTempDirectory, runCliCaptured } from "../support/cli.ts"
import { start } from "../support/process.ts"

const oneLine = (stderr: string) => {
  expect(stderr.split("\n")).toHaveLength(2)
  expect(stderr).not.toMatch(/\n\s+at /)
}

describe("special files as input", () => {
  for (const device of ["/dev/zero", "/dev/urandom"]) {
    it.effect(`replay and --scenario of ${device} are refused after a few bytes`, () =>
      Effect.gen(function* () {
        const replayed = yield* runCliCaptured(["replay", device])
        expect(replayed.code).toBe(2)
        expect(replayed.stderr).toMatch(new RegExp(`^prodcon: ${device}: (is not JSON|is not a prodcon)`))
        oneLine(replayed.stderr)
        const scenario = yield* runCliCaptured(["simulate", "--scenario", device])
        expect(scenario.code).toBe(2)
        expect(scenario.stderr).toMatch(new RegExp(`^prodcon: --scenario ${device}: is not JSON`))
        oneLine(scenario.stderr)
      }),
    )
  }

  it.effect("a FIFO holding a recording is read once, and rendered", () =>
    Effect.gen(function* () {
      const simulated = yield* runCliCaptured(["simulate", "--out", "run.json"])
      const fifo = path.join(simulated.directory, "fifo")
      execFileSync("mkfifo", [fifo])
      const recording = fs.readFileSync(path.join(simulated.directory, "run.json"))
      // The writer's open waits for the reader's, in the thread pool.
      const writing = fs.promises.writeFile(fifo, recording)
      const replayed = yield* runCliCaptured(["replay", "fifo"], { directory: simulated.directory })
      yield* Effect.promise(() => writing)
      expect([replayed.code, replayed.stderr]).toEqual([0, ""])
      expect(replayed.stdout).toBe(simulated.stdout.replace("Recording: run.json\n", ""))
    }),
  )

  it("replay /dev/stdin and <(...) read a pipe once, as a stream", async () => {
    const directory = makeTempDirectory()
    await start(["simulate", "--out", "run.json", "--quiet"], { directory }).finished
    const file = path.join(directory, "run.json")
    for (const command of [
      `cat run.json | node ${JSON.stringify(entry())} replay /dev/stdin --quiet`,
      `node ${JSON.stringify(entry())} replay <(cat run.json) --quiet`,
    ]) {
      const output = execFileSync("bash", ["-c", command], { cwd: directory, encoding: "utf8" })
      expect(output).toContain("Statistics (mode async, seed 1)")
    }
    expect(fs.existsSync(file)).toBe(true)
  })

  it.effect(
    "a pretty-printed recording over 256 MB is refused in one line (never 'Cannot create a string')",
    () =>
      Effect.gen(function* () {
        const directory = makeTempDirectory()
        const file = path.join(directory, "huge.json")
        const spaces = Buffer.alloc(1 << 24, 0x20)
        const handle = fs.openSync(file, "w")
        fs.writeSync(handle, '{\n  "format": "prodcon-recording",')
        for (let written = 0; written <= 256 * (1 << 20); written += spaces.length)
          fs.writeSync(handle, spaces)
        fs.closeSync(handle)
        const replayed = yield* runCliCaptured(["replay", "huge.json"], { directory })
        fs.rmSync(file)
        expect([replayed.code, replayed.stdout]).toEqual([2, ""])
        expect(replayed.stderr).toBe(
          "prodcon: huge.json: is too large to read whole, as a layout other than the writer's one event per line is read (over 256 MB)\n",
        )
      }),
  )
})

const entry = () => path.resolve(import.meta.dirname, "../../bin/prodcon.mjs")
