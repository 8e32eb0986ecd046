/**
 * Writes a recording as the run goes, to a temporary file beside the target, and moves it into place
 * only when the run has ended. A reader never sees a half-written recording, and an existing file is
 * never replaced unless the user asked for it with `--force`. Memory stays flat whatever the length
 * of the run: each event is encoded into a reused buffer as it happens, and nothing holds on to it.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import type { RunEnd, SimEvent } from "../engine/events.ts"
import { fileErrorReason, type UsageError, usageError } from "../scenario/errors.ts"
import { makeLineWriter } from "./lineWriter.ts"
import { type RecordingHeader, serializeClosing, serializeOpening } from "./serialize.ts"

export interface RecordingWriter {
  readonly path: string
  readonly event: (event: SimEvent) => void
  /** Writes the end and moves the file into place. */
  readonly commit: (end: RunEnd) => Promise<void>
  /** Removes the temporary file; the target is left as it was. */
  readonly abort: () => Promise<void>
}

/** Why writing failed; a missing folder is the likeliest ENOENT when creating the file. */
const describe = (error: unknown): string =>
  error instanceof Error && "code" in error && error.code === "ENOENT"
    ? "its folder does not exist"
    : fileErrorReason(error)

/** The refusal to replace a file the user did not ask to replace. */
export const alreadyExists = (target: string): UsageError =>
  usageError(`${target} already exists; choose another --out or add --force to replace it`)

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

/** Checks the target and opens the temporary file; everything a user can get wrong fails here, before the run. */
export const openRecording = (
  target: string,
  header: RecordingHeader,
  options: { readonly force: boolean },
): RecordingWriter | UsageError => {
  const existing = fs.statSync(target, { throwIfNoEntry: false })
  if (existing?.isDirectory()) return usageError(`--out ${target}: is a directory`)
  if (existing !== undefined && !options.force) {
    return alreadyExists(target)
  }
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`)
  let descriptor: number
  try {
    descriptor = fs.openSync(temporary, "wx")
  } catch (error) {
    return usageError(`cannot write the recording ${target}: ${describe(error)}`)
  }
  let closed = false
  const closeDescriptor = () => {
    if (!closed) fs.closeSync(descriptor)
    closed = true
  }
  const lines = makeLineWriter(descriptor)
  // A failed write (a full disk) must not break the run: the run goes on, and its end reports it.
  let failure: unknown
  try {
    lines.text(serializeOpening(header))
  } catch (error) {
    closeDescriptor()
    fs.rmSync(temporary, { force: true })
    return usageError(`cannot write the recording ${target}: ${describe(error)}`)
  }
  return {
    path: target,
    event: (event) => {
      if (failure !== undefined) return
      try {
        lines.event(event)
      } catch (error) {
        failure = error
      }
    },
    commit: async (end) => {
      try {
        if (failure !== undefined) throw failure
        lines.text(serializeClosing(end))
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
      closeDescriptor()
      fs.rmSync(temporary, { force: true })
    },
  }
}
