/**
 * A write that fails mid-run (a full disk): the run must go on to its end, which then reports the
 * problem in one line and leaves no half-written file. node:fs is replaced here by a copy whose
 * writeSync can be made to fail, since a real full disk cannot be arranged in a test.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { vi } from "vitest"
import { openRecordingSink } from "../../src/recording/writer.ts"
import { makeTempDirectory } from "../support/cli.ts"
import { unreadContext } from "../support/runContext.ts"
import { collectRun } from "../support/runs.ts"

const disk = vi.hoisted(() => ({ full: false }))

vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>()
  const writeSync = ((...args: Parameters<typeof actual.writeSync>) => {
    if (disk.full) throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" })
    return actual.writeSync(...args)
  }) as typeof actual.writeSync
  return { ...actual, default: { ...actual, writeSync }, writeSync }
})

describe("the recording writer on a full disk", () => {
  it.effect("lets the run go on, then reports it in one line and leaves nothing behind", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      const target = path.join(directory, "run.json")
      // 7,500 events: far more than the writer buffers, so writes happen during the run.
      const run = yield* collectRun({ items: 1_250 })
      const sink = yield* openRecordingSink({ kind: "named", path: target, force: false })
      disk.full = true
      const failure = yield* Effect.gen(function* () {
        sink.start(run.header, unreadContext)
        for (const event of run.events) sink.event(event)
        return yield* sink.end(run.end)
      }).pipe(Effect.flip, Effect.ensuring(Effect.sync(() => (disk.full = false))))
      expect(failure._tag).toBe("CannotWrite")
      expect(failure.message).toBe(`cannot write the recording ${target}: the disk is full`)
      expect(fs.readdirSync(directory)).toEqual([])
    }),
  )
})
