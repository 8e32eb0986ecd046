/**
 * The real process, as a user starts it: exit codes, what reaches the terminal, signals, pipes and a
 * real Enter (other stops are tested in-process, on the virtual clock). These spawn `node`, so they
 * are few.
 */
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Schema from "effect/Schema"
import { Recording } from "../../src/core/recording/format.ts"
import { makeTempDirectory } from "../support/cli.ts"
import { projectRoot, start, temporaries, whenShown } from "../support/process.ts"

const decode = Schema.decodeUnknownSync(Schema.fromJsonString(Recording))
const readRecording = (file: string) => decode(fs.readFileSync(file, "utf8"))
/** A live run long enough to be stopped by hand. */
const longLiveRun = [
  "simulate",
  "--clock",
  "live",
  "--items",
  "100000",
  "--produce",
  "20ms",
  "--process",
  "10ms",
]

describe("the simulate process", () => {
  it("exits with 2 and one line, no stack trace, on a bad flag", async () => {
    const result = await start(["simulate", "--items", "0"], { directory: makeTempDirectory() }).finished
    expect(result.code).toBe(2)
    expect(result.stdout).toBe("")
    expect(result.stderr).toBe("prodcon: --items must be a positive whole number (got 0)\n")
  })

  it("runs the same program on the live clock", async () => {
    const directory = makeTempDirectory()
    const args = ["simulate", "--clock", "live", "--items", "2", "--produce", "2ms", "--process", "1ms"]
    const result = await start([...args, "--out", "live.json"], { directory }).finished
    expect(result.code).toBe(0)
    const recording = readRecording(path.join(directory, "live.json"))
    expect(recording.meta.clock).toBe("live")
    expect(recording.end.reason).toBe("completed")
    expect(recording.events.filter((event) => event.type === "processed")).toHaveLength(4)
  })

  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGHUP", 129],
    ["SIGQUIT", 131],
  ] as const) {
    it(`on ${signal} during a live run, stops and still writes a valid recording ending 'interrupted'`, async () => {
      const directory = makeTempDirectory()
      const run = start([...longLiveRun, "--out", "stopped.json"], { directory })
      // Wait until the run is visibly under way, then signal it.
      await whenShown(run, (text) => text.includes("generated item 2"))
      run.child.kill(signal)
      const result = await run.finished
      expect([result.code, result.stderr]).toEqual([code, ""])
      expect(result.stdout).toContain("Cancelling on your request!")
      expect(result.stdout).toContain("Statistics (mode async, seed 1)")
      const recording = readRecording(path.join(directory, "stopped.json"))
      expect(recording.end.reason).toBe("interrupted")
      expect(recording.events.length).toBeGreaterThan(2)
      expect(recording.end.at).toBeGreaterThanOrEqual(recording.events.at(-1)?.at ?? 0)
      expect(fs.readdirSync(directory)).toEqual(["stopped.json"])
    })
  }

  it("in the threads program on the live clock, stops on Enter, and exits 0 as the course's program does", async () => {
    const directory = makeTempDirectory()
    const args = ["simulate", "--mode", "threads", "--clock", "live", "--out", "run.json"]
    const run = start(args, { directory, stdio: ["pipe", "pipe", "pipe"] })
    await whenShown(run, (text) => text.includes("generated item 2"))
    run.child.stdin?.write("\n")
    const result = await run.finished
    expect(result.code).toBe(0)
    expect(result.stdout.split("\n").slice(0, 2)).toEqual(["App started.", "Press enter to cancel..."])
    expect(result.stdout).toContain("Cancelling on your request!")
    expect(result.stderr).toBe("")
    expect(readRecording(path.join(directory, "run.json")).end.reason).toBe("interrupted")
  })

  it("takes a line piped in (`echo |`) as Enter, as the course's input() does: the live threads run cancels at once", async () => {
    const directory = makeTempDirectory()
    const args = [
      "simulate",
      "--mode",
      "threads",
      "--clock",
      "live",
      "--items",
      "100000",
      "--out",
      "run.json",
    ]
    const run = start(args, { directory, stdio: ["pipe", "pipe", "pipe"] })
    run.child.stdin?.end("\n")
    const result = await run.finished
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("Cancelling on your request!")
    expect(readRecording(path.join(directory, "run.json")).end.reason).toBe("interrupted")
  })

  it("reads nothing it does not need: a closed stdin neither stops nor holds a live threads run", async () => {
    const directory = makeTempDirectory()
    const args = ["simulate", "--mode", "threads", "--clock", "live", "--items", "2", "--produce", "2ms"]
    const run = start([...args, "--process", "1ms", "--out", "run.json"], {
      directory,
      stdio: ["pipe", "pipe", "pipe"],
    })
    run.child.stdin?.end()
    const result = await run.finished
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("completed at")
    expect(readRecording(path.join(directory, "run.json")).end.reason).toBe("completed")
  })

  it("when its reader goes away (| head -1), drops the output, finishes the run and its recording, exit 0", async () => {
    const directory = makeTempDirectory()
    const run = start(["simulate", "--items", "20000", "--out", "run.json"], { directory })
    await whenShown(run, (text) => text.length > 0)
    run.child.stdout?.destroy()
    const result = await run.finished
    expect([result.code, result.stderr]).toEqual([0, ""])
    const recording = readRecording(path.join(directory, "run.json"))
    // The very recording the same flags always give: the run went on to its end.
    expect(recording.end.reason).toBe("completed")
    expect(recording.events.filter((event) => event.type === "processed")).toHaveLength(40_000)
    expect(temporaries(directory)).toEqual([])
  })

  it("when standard output is on a full disk, finishes the run, then says so in one line, exit 74", async () => {
    const directory = makeTempDirectory()
    const full = fs.openSync("/dev/full", "w")
    const run = start(["simulate", "--items", "2000", "--out", "run.json"], {
      directory,
      stdio: ["ignore", full, "pipe"],
    })
    const result = await run.finished
    fs.closeSync(full)
    expect([result.code, result.stderr]).toEqual([74, "prodcon: cannot write the output: the disk is full\n"])
    expect(readRecording(path.join(directory, "run.json")).end.reason).toBe("completed")
  })

  it("keeps every byte of its output for a slow reader when it exits non-zero", async () => {
    const directory = makeTempDirectory()
    const file = path.join(directory, "bad.json")
    // A long recording whose last event is impossible: replay prints ~600 KB of lines, then fails.
    await start(["simulate", "--items", "5000", "--quiet", "--out", "good.json"], { directory }).finished
    const good = fs.readFileSync(path.join(directory, "good.json"), "utf8")
    const last = good.lastIndexOf('"type":"processed"')
    fs.writeFileSync(file, `${good.slice(0, last)}"type":"dropped"${good.slice(last + 18)}`)
    const eager = await start(["replay", "bad.json"], { directory }).finished
    expect(eager.code).toBe(2)
    expect(eager.stdout.length).toBeGreaterThan(1 << 19)

    // This reader reads nothing until the process has said why it fails: far more than a pipe holds
    // is still waiting to be written, and must not be lost when the process exits.
    const slow = start(["replay", "bad.json"], { directory })
    slow.child.stdout?.pause()
    await new Promise<void>((resolve) => slow.child.stderr?.on("data", () => resolve()))
    slow.child.stdout?.resume()
    const result = await slow.finished
    expect(result.code).toBe(2)
    expect(result.stdout).toBe(eager.stdout)
  })

  it("is interrupted by a signal while it waits to open a FIFO that has no writer", async () => {
    const directory = makeTempDirectory()
    const fifo = path.join(directory, "fifo")
    execFileSync("mkfifo", [fifo])
    const run = start(["replay", "fifo"], { directory })
    const pid = run.child.pid as number
    // Until one of its threads is in openat() (Linux's syscall 257 on x86-64, 56 on arm64) on it:
    // looked at every 20 ms, as no event says a process has entered a system call.
    const opening = () =>
      fs.readdirSync(`/proc/${pid}/task`).some((task) => {
        const call = fs.readFileSync(`/proc/${pid}/task/${task}/syscall`, "utf8").split(" ")[0]
        return call === "257" || call === "56"
      })
    while (!opening()) await new Promise((resolve) => setTimeout(resolve, 20))
    run.child.kill("SIGINT")
    // It waited for a writer, whatever the signals (the open was not interruptible).
    const result = await run.finished
    expect([result.signal, result.stdout, result.stderr]).toEqual(["SIGINT", "", ""])
  })

  it("is interrupted by a signal while it is not running anything yet (waiting on a FIFO)", async () => {
    const directory = makeTempDirectory()
    const fifo = path.join(directory, "fifo")
    execFileSync("mkfifo", [fifo])
    const run = start(["replay", "fifo"], { directory })
    // Opening the FIFO for writing completes once the process has opened it to read.
    const writer = await fs.promises.open(fifo, "w")
    run.child.kill("SIGINT")
    const result = await run.finished
    await writer.close()
    // Ended by the signal itself, as a shell expects of a command that had nothing to finish.
    expect([result.signal, result.stdout, result.stderr]).toEqual(["SIGINT", "", ""])
  })
})

describe("through npm run, as users start it", () => {
  // npm forwards SIGINT and SIGTERM to its script; the script execs node, so node receives them
  // (a terminal's Ctrl-C twice: from the terminal and from npm) and npm returns only after node.
  const cases = [
    ["SIGTERM sent to npm alone", "SIGTERM", false, 143],
    ["SIGINT sent to the whole process group, as a terminal's Ctrl-C", "SIGINT", true, 130],
  ] as const
  for (const [name, signal, group, code] of cases) {
    it(`${name}: npm returns after the recording is in place, ending 'interrupted'`, async () => {
      const directory = makeTempDirectory()
      // npm sets INIT_CWD to where it runs (the project): the path is given whole.
      const run = start([...longLiveRun, "--out", path.join(directory, "run.json")], {
        directory,
        cwd: projectRoot,
        throughNpm: true,
        detached: group,
      })
      await whenShown(run, (text) => text.includes("generated item 2"))
      const pid = run.child.pid as number
      process.kill(group ? -pid : pid, signal)
      const result = await run.finished
      // Checked the moment npm has exited: nothing may still be on its way.
      const recording = readRecording(path.join(directory, "run.json"))
      expect(result.code).toBe(code)
      expect(recording.end.reason).toBe("interrupted")
      expect(temporaries(directory)).toEqual([])
    })
  }
})
