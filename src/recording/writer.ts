/**
 * Writes a recording as the run goes, to a temporary file beside the target, and moves it into place
 * only when the run has ended. A reader never sees a half-written recording, and an existing file is
 * never replaced unless the user asked for it with `--force`.
 *
 * Small runs write from the main thread. Large ones hand batches of events to a worker thread that
 * encodes and writes them (recordingWorker.ts), so the simulation keeps its core to itself; memory
 * stays flat either way, since nothing holds on to the events.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { Worker } from "node:worker_threads"
import type { RunEnd, SimEvent } from "../engine/events.ts"
import { type UsageError, usageError } from "../scenario/errors.ts"
import { EventBatcher } from "./eventBatch.ts"
import { makeLineWriter } from "./lineWriter.ts"
import type { FromWorker, ToWorker } from "./recordingWorker.ts"
import { type RecordingHeader, serializeClosing, serializeOpening } from "./serialize.ts"

/** From this many expected events on, a worker thread writes the recording. */
export const workerThreshold = 100_000
const batchSize = 1 << 14
/** Batches the simulation may run ahead of the worker: bounds the memory they hold (~10 MB). */
const batchesInFlight = 16

export interface RecordingWriter {
  readonly path: string
  readonly event: (event: SimEvent) => void
  /** When writing lags behind, a promise of it catching up; the run should wait for it. */
  readonly ready: () => Promise<void> | undefined
  /** Writes the end and moves the file into place. */
  readonly commit: (end: RunEnd) => Promise<void>
  /** Removes the temporary file; the target is left as it was. */
  readonly abort: () => Promise<void>
}

const reasons: Record<string, string> = {
  ENOENT: "its folder does not exist",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  ENOTDIR: "a part of the path is not a folder",
  EEXIST: "the file already exists",
}

const describe = (error: unknown): string => {
  const code = error instanceof Error && "code" in error ? String(error.code) : undefined
  return (
    (code === undefined ? undefined : reasons[code]) ??
    (error instanceof Error ? error.message : String(error))
  )
}

/** The next free `recordings/runN.json`: one above the highest N present. */
export const nextRecordingPath = (directory: string): string => {
  let highest = 0
  if (fs.existsSync(directory)) {
    for (const name of fs.readdirSync(directory)) {
      const match = /^run(\d+)\.json$/.exec(name)
      if (match !== null) highest = Math.max(highest, Number(match[1]))
    }
  }
  return path.join(directory, `run${highest + 1}.json`)
}

/** Where the events go: straight into lines here, or in batches to the worker. */
interface EventOutput {
  readonly event: (event: SimEvent) => void
  readonly ready: () => Promise<void> | undefined
  /** Writes the closing text and everything before it. */
  readonly close: (closing: string) => Promise<void>
  readonly stop: () => Promise<void>
}

const mainThreadOutput = (descriptor: number, opening: string): EventOutput => {
  const lines = makeLineWriter(descriptor)
  lines.text(opening)
  return {
    event: lines.event,
    ready: () => undefined,
    close: async (closing) => {
      lines.text(closing)
      lines.flush()
    },
    stop: async () => {},
  }
}

const workerOutput = (descriptor: number, opening: string): EventOutput => {
  const worker = new Worker(new URL("./recordingWorker.boot.mjs", import.meta.url), {
    workerData: { descriptor, opening },
    execArgv: [],
    // The worker keeps almost nothing alive (one batch, a few labels); a small old generation makes
    // it collect its garbage strings early instead of growing to ~100 MB first.
    resourceLimits: { maxOldGenerationSizeMb: 64 },
  })
  let sent = 0
  let written = 0
  let failure: string | undefined
  let closed: (() => void) | undefined
  let caughtUp: (() => void) | undefined
  const settle = () => {
    if (caughtUp !== undefined && (failure !== undefined || sent - written <= batchesInFlight / 2)) {
      caughtUp()
      caughtUp = undefined
    }
  }
  worker.on("message", (message: FromWorker) => {
    if (message.kind === "written") written++
    else if (message.kind === "closed") closed?.()
    else failure = message.reason
    settle()
    if (failure !== undefined) closed?.()
  })
  worker.on("error", (error) => {
    failure = String(error)
    settle()
    closed?.()
  })
  const batcher = new EventBatcher(batchSize)
  const send = (message: ToWorker, transfer: ReadonlyArray<ArrayBuffer> = []) =>
    worker.postMessage(message, transfer as Array<ArrayBuffer>)
  const sendBatch = () => {
    const batch = batcher.take()
    sent++
    send({ kind: "batch", batch }, [
      batch.labelCodes.buffer as ArrayBuffer,
      batch.numbers.buffer as ArrayBuffer,
    ])
  }
  return {
    event: (event) => {
      if (batcher.add(event)) sendBatch()
    },
    ready: () =>
      sent - written <= batchesInFlight || failure !== undefined
        ? undefined
        : new Promise<void>((resolve) => {
            caughtUp = resolve
          }),
    close: async (closing) => {
      sendBatch()
      const done = new Promise<void>((resolve) => {
        closed = resolve
      })
      send({ kind: "close", closing })
      if (failure === undefined) await done
      await worker.terminate()
      if (failure !== undefined) throw new Error(failure)
    },
    stop: async () => {
      await worker.terminate()
    },
  }
}

/** Checks the target and opens the temporary file; everything a user can get wrong fails here, before the run. */
export const openRecording = (
  target: string,
  header: RecordingHeader,
  options: { readonly force: boolean; readonly expectedEvents: number },
): RecordingWriter | UsageError => {
  const existing = fs.statSync(target, { throwIfNoEntry: false })
  if (existing?.isDirectory()) return usageError(`--out ${target}: is a directory`)
  if (existing !== undefined && !options.force) {
    return usageError(`${target} already exists; choose another --out or add --force to replace it`)
  }
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`)
  let descriptor: number
  try {
    descriptor = fs.openSync(temporary, "wx")
  } catch (error) {
    return usageError(`cannot write the recording ${target}: ${describe(error)}`)
  }
  const opening = serializeOpening(header)
  const output =
    options.expectedEvents >= workerThreshold
      ? workerOutput(descriptor, opening)
      : mainThreadOutput(descriptor, opening)
  let closed = false
  const closeDescriptor = () => {
    if (!closed) fs.closeSync(descriptor)
    closed = true
  }
  return {
    path: target,
    event: output.event,
    ready: output.ready,
    commit: async (end) => {
      try {
        await output.close(serializeClosing(end))
      } catch (error) {
        closeDescriptor()
        fs.rmSync(temporary, { force: true })
        throw usageError(`cannot write the recording ${target}: ${describe(error)}`)
      }
      closeDescriptor()
      if (options.force) {
        fs.renameSync(temporary, target)
        return
      }
      // link() refuses to replace a file that appeared meanwhile, where rename() would not.
      try {
        fs.linkSync(temporary, target)
      } catch (error) {
        throw usageError(
          `cannot move the recording to ${target} (${describe(error)}); it is kept at ${temporary}`,
        )
      }
      fs.rmSync(temporary)
    },
    abort: async () => {
      await output.stop()
      closeDescriptor()
      fs.rmSync(temporary, { force: true })
    },
  }
}
