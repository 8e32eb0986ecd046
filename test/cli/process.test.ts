/**
 * The real process, as a user starts it: exit codes, what reaches the terminal, a real SIGINT and a
 * real Enter during a live run (other stops are tested in-process, on the virtual clock). These
 * spawn `node`, so they are few.
 */
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Schema from "effect/Schema"
import { Recording } from "../../src/recording/format.ts"
import { makeTempDirectory } from "../support/cli.ts"

const projectRoot = path.resolve(import.meta.dirname, "../..")
// The launcher users run through npm scripts.
const entry = path.join(projectRoot, "bin/prodcon.mjs")

interface Finished {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

const start = (args: ReadonlyArray<string>, directory: string) => {
  const child = spawn(process.execPath, [entry, ...args], {
    cwd: projectRoot,
    env: { ...process.env, INIT_CWD: directory, NO_COLOR: "1" },
    // stdin is a pipe the program is not meant to read, unless a test types into it.
    stdio: ["pipe", "pipe", "pipe"],
  })
  let stdout = ""
  let stderr = ""
  child.stdout.on("data", (chunk) => {
    stdout += chunk
  })
  child.stderr.on("data", (chunk) => {
    stderr += chunk
  })
  const finished = new Promise<Finished>((resolve) => {
    child.on("close", (code) => resolve({ code, stdout, stderr }))
  })
  const output = () => stdout
  return { child, finished, output }
}

/** Resolves once the process has printed `text` (no fixed sleep: it waits on the output itself). */
const outputShows = (run: { readonly output: () => string }, text: string) =>
  new Promise<void>((resolve) => {
    const check = () => (run.output().includes(text) ? resolve() : setTimeout(check, 20))
    check()
  })

const decode = Schema.decodeUnknownSync(Schema.fromJsonString(Recording))

describe("the simulate process", () => {
  it("exits with 2 and one line, no stack trace, on a bad flag", async () => {
    const directory = makeTempDirectory()
    const { finished } = start(["simulate", "--items", "0"], directory)
    const result = await finished
    expect(result.code).toBe(2)
    expect(result.stdout).toBe("")
    expect(result.stderr).toBe("prodcon: --items must be a positive whole number (got 0)\n")
  })

  it("runs the same program on the live clock", async () => {
    const directory = makeTempDirectory()
    const args = ["simulate", "--clock", "live", "--items", "2", "--produce", "2ms", "--process", "1ms"]
    const result = await start([...args, "--out", "live.json"], directory).finished
    expect(result.code).toBe(0)
    const recording = decode(fs.readFileSync(path.join(directory, "live.json"), "utf8"))
    expect(recording.meta.clock).toBe("live")
    expect(recording.end.reason).toBe("completed")
    expect(recording.events.filter((event) => event.type === "processed")).toHaveLength(4)
  })

  it("on Ctrl-C during a live run, stops and still writes a valid recording ending 'interrupted'", async () => {
    const directory = makeTempDirectory()
    const run = start(["simulate", "--clock", "live", "--out", "stopped.json"], directory)
    // Wait until the run is visibly under way, then press Ctrl-C.
    await outputShows(run, "generated item 2")
    run.child.kill("SIGINT")
    const result = await run.finished
    expect(result.code).toBe(130)
    expect(result.stdout).toContain("Cancelling on your request!")
    expect(result.stdout).toMatch(
      /Statistics \(mode async, seed 1\), cancelled on request at \d+\.\d{3} s: \d+ of 40 items consumed/,
    )
    expect(result.stderr).toBe("")
    const recording = decode(fs.readFileSync(path.join(directory, "stopped.json"), "utf8"))
    expect(recording.end.reason).toBe("interrupted")
    expect(recording.events.length).toBeGreaterThan(2)
    expect(recording.end.at).toBeGreaterThanOrEqual(recording.events.at(-1)?.at ?? 0)
    expect(fs.readdirSync(directory)).toEqual(["stopped.json"])
  }, 20_000)

  it("in the threads program on the live clock, stops on Enter, and exits 0 as the course's program does", async () => {
    const directory = makeTempDirectory()
    const run = start(["simulate", "--mode", "threads", "--clock", "live", "--out", "run.json"], directory)
    await outputShows(run, "generated item 2")
    run.child.stdin.write("\n")
    const result = await run.finished
    expect(result.code).toBe(0)
    expect(result.stdout.split("\n").slice(0, 2)).toEqual(["App started.", "Press enter to cancel..."])
    expect(result.stdout).toContain("Cancelling on your request!")
    expect(result.stderr).toBe("")
    expect(decode(fs.readFileSync(path.join(directory, "run.json"), "utf8")).end.reason).toBe("interrupted")
  }, 20_000)

  it("reads nothing it does not need: a closed stdin neither stops nor holds a live threads run", async () => {
    const directory = makeTempDirectory()
    const args = ["simulate", "--mode", "threads", "--clock", "live", "--items", "2", "--produce", "2ms"]
    const run = start([...args, "--process", "1ms", "--out", "run.json"], directory)
    run.child.stdin.end()
    const result = await run.finished
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("completed at")
    expect(decode(fs.readFileSync(path.join(directory, "run.json"), "utf8")).end.reason).toBe("completed")
  }, 20_000)
})
