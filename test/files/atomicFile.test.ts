/**
 * The one writer: complete or absent, never replacing anything but a regular file, numbered targets
 * taken by exclusive link, durable, and no temporary left behind.
 */
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { vi } from "vitest"

/**
 * What the writer asks of the file system, in order, while `recording` is on. With `holdSyncs`,
 * background syncs wait in `heldSyncs` until the test ends them (`endHeldSyncs`).
 */
const calls = vi.hoisted(() =>
  Object.assign([] as Array<string>, {
    recording: false,
    holdSyncs: false,
    heldSyncs: [] as Array<(error: NodeJS.ErrnoException | null) => void>,
  }),
)

vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>()
  const fsyncSync = ((descriptor: number) => {
    if (calls.recording) calls.push(`fsync ${actual.readlinkSync(`/proc/self/fd/${descriptor}`)}`)
    return actual.fsyncSync(descriptor)
  }) as typeof actual.fsyncSync
  const linkSync = ((from: string, to: string) => {
    if (calls.recording) calls.push(`link ${to.split("/").at(-1)}`)
    return actual.linkSync(from, to)
  }) as typeof actual.linkSync
  const fdatasync = ((descriptor: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
    if (calls.recording) calls.push(`fdatasync ${actual.readlinkSync(`/proc/self/fd/${descriptor}`)}`)
    if (calls.holdSyncs) {
      calls.heldSyncs.push(callback)
      return
    }
    actual.fdatasync(descriptor, callback)
  }) as typeof actual.fdatasync
  const overrides = { fsyncSync, linkSync, fdatasync }
  return { ...actual, ...overrides, default: { ...actual, ...overrides } }
})

import { openAtomicFile, type Target } from "../../src/files/atomicFile.ts"
import { listFiles, makeTempDirectory } from "../support/cli.ts"

const describe_ = { what: "the recording", flag: "--out" }
const numbered = (directory: string): Target => ({
  kind: "numbered",
  directory,
  prefix: "run",
  suffix: ".json",
})

const write = (target: Target, text: string) =>
  Effect.flatMap(openAtomicFile(target, describe_), (file) => {
    file.write(Buffer.from(text))
    return file.commit()
  })

describe("the atomic writer", () => {
  it.effect("numbered targets: two files open at once never share a number", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      const first = yield* openAtomicFile(numbered(directory), describe_)
      const second = yield* openAtomicFile(numbered(directory), describe_)
      second.write(Buffer.from("second"))
      first.write(Buffer.from("first"))
      expect(yield* second.commit()).toBe(path.join(directory, "run1.json"))
      expect(yield* first.commit()).toBe(path.join(directory, "run2.json"))
      expect(fs.readFileSync(path.join(directory, "run1.json"), "utf8")).toBe("second")
      expect(fs.readFileSync(path.join(directory, "run2.json"), "utf8")).toBe("first")
      expect(listFiles(directory)).toEqual(["run1.json", "run2.json"])
    }),
  )

  it.effect(
    "numbers beyond 2^53 or of any length are exact, and a too long name starts again from the lowest free",
    () =>
      Effect.gen(function* () {
        const directory = makeTempDirectory()
        fs.writeFileSync(path.join(directory, "run9007199254740992.json"), "kept")
        expect(yield* write(numbered(directory), "a")).toBe(path.join(directory, "run9007199254740993.json"))
        const longest = `run${"9".repeat(247)}.json`
        fs.writeFileSync(path.join(directory, longest), "kept")
        expect(yield* write(numbered(directory), "b")).toBe(path.join(directory, "run1.json"))
        expect(fs.readFileSync(path.join(directory, "run9007199254740992.json"), "utf8")).toBe("kept")
        expect(fs.readFileSync(path.join(directory, longest), "utf8")).toBe("kept")
      }),
  )

  it.effect("a legal 251-byte name works (the temporary's name is short)", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      const target = path.join(directory, `${"b".repeat(246)}.json`)
      expect(yield* write({ kind: "named", path: target, force: false }, "x")).toBe(target)
      expect(listFiles(directory)).toEqual([path.basename(target)])
    }),
  )

  it.effect("never replaces a FIFO, a device or a link, even with force", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      const fifo = path.join(directory, "fifo")
      execFileSync("mkfifo", [fifo])
      fs.writeFileSync(path.join(directory, "real.json"), "real")
      fs.symlinkSync("real.json", path.join(directory, "link.json"))
      for (const target of [fifo, "/dev/null", path.join(directory, "link.json")]) {
        const refused = yield* Effect.flip(
          openAtomicFile({ kind: "named", path: target, force: true }, describe_),
        )
        expect(refused.message).toBe(
          `--out ${target}: is not a regular file (a device, a pipe or a link), which is never replaced`,
        )
      }
      expect(fs.lstatSync(fifo).isFIFO()).toBe(true)
      expect(fs.lstatSync("/dev/null").isCharacterDevice()).toBe(true)
      expect(fs.readFileSync(path.join(directory, "real.json"), "utf8")).toBe("real")
    }),
  )

  it.effect(
    "makes the file and its folder durable: the file synced before it appears, the folder after",
    () =>
      Effect.gen(function* () {
        const directory = makeTempDirectory()
        calls.length = 0
        calls.recording = true
        const placed = yield* write(numbered(directory), "durable").pipe(
          Effect.ensuring(Effect.sync(() => (calls.recording = false))),
        )
        expect(placed).toBe(path.join(directory, "run1.json"))
        expect(calls.map((call) => call.replace(/\.prodcon-\d+-\d+-\d+\.tmp/, "TEMPORARY"))).toEqual([
          `fsync ${path.join(directory, "TEMPORARY")}`,
          "link run1.json",
          `fsync ${directory}`,
        ])
      }),
  )

  const megabyte = Buffer.alloc(1024 * 1024, "x")
  const temporaryName = (call: string) => call.replace(/\.prodcon-\d+-\d+-\d+\.tmp/, "TEMPORARY")
  const ioError = Object.assign(new Error("EIO: i/o error, fdatasync"), { code: "EIO" })
  /** Ends the background syncs held so far, as the disk would, once the event loop turns. */
  const endHeldSyncs = (error: NodeJS.ErrnoException | null) =>
    Effect.promise(async () => {
      calls.holdSyncs = false
      for (const callback of calls.heldSyncs.splice(0)) callback(error)
      await new Promise(setImmediate)
    })

  it.effect("syncs a large file in the background as it grows, so the last sync finds little to do", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      calls.length = 0
      calls.recording = true
      const file = yield* openAtomicFile(numbered(directory), describe_)
      // 40 MB in one go: the sync that starts at 16 MB still runs at 32 MB, so one starts in all.
      for (let index = 0; index < 40; index++) file.write(megabyte)
      const placed = yield* file.commit().pipe(Effect.ensuring(Effect.sync(() => (calls.recording = false))))
      expect(fs.statSync(placed).size).toBe(40 * megabyte.length)
      expect(fs.readFileSync(placed).every((byte) => byte === 0x78)).toBe(true)
      const temporary = path.join(directory, "TEMPORARY")
      expect(calls.map(temporaryName)).toEqual([
        `fdatasync ${temporary}`,
        `fsync ${temporary}`,
        "link run1.json",
        `fsync ${directory}`,
      ])
    }),
  )

  it.effect("a background sync that fails (a disk error) fails the commit and leaves nothing", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      const target = path.join(directory, "run.json")
      calls.holdSyncs = true
      const file = yield* openAtomicFile({ kind: "named", path: target, force: false }, describe_)
      for (let index = 0; index < 20; index++) file.write(megabyte)
      yield* endHeldSyncs(ioError)
      const failure = yield* Effect.flip(file.commit())
      expect(failure.message).toBe(`cannot write the recording ${target}: an input/output error`)
      expect(listFiles(directory)).toEqual([])
    }),
  )

  it.effect(
    "aborted while a background sync runs, it removes the file at once and closes it after the sync",
    () =>
      Effect.gen(function* () {
        const directory = makeTempDirectory()
        const openDescriptors = () => fs.readdirSync("/proc/self/fd").length
        const before = openDescriptors()
        calls.holdSyncs = true
        const file = yield* openAtomicFile(numbered(directory), describe_)
        for (let index = 0; index < 17; index++) file.write(megabyte)
        yield* file.abort()
        expect(listFiles(directory)).toEqual([])
        // The sync still uses the descriptor: closing it now could let another file take its number.
        expect(openDescriptors()).toBe(before + 1)
        yield* endHeldSyncs(null)
        expect(openDescriptors()).toBe(before)
      }),
  )

  it.effect("removes the temporaries of dead processes when it next writes in the folder", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      // A pid that exists no more: a child that has exited.
      const dead = Number(execFileSync("sh", ["-c", "echo $$"], { encoding: "utf8" }))
      fs.writeFileSync(path.join(directory, `.prodcon-${dead}-0-0.tmp`), "half")
      fs.writeFileSync(path.join(directory, `.prodcon-${process.pid}-0-99.tmp`), "ours, live")
      yield* write(numbered(directory), "x")
      expect(listFiles(directory)).toEqual([`.prodcon-${process.pid}-0-99.tmp`, "run1.json"])
    }),
  )
})
