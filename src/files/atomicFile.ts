/**
 * The one way this program writes a file (recordings, pages, traces, sweep results): into a
 * temporary file beside the target, which is made durable (fsync) and only then moved into place,
 * so a reader sees the complete file or nothing, even across a crash or a power loss. An existing
 * file is replaced only when the user asked for it (`--force`), and never anything but a regular
 * file. A numbered target (`recordings/runN.json`) takes the next free number at the moment the file
 * is put in place, by an exclusive link: two runs never share a number, nor replace each other.
 *
 * Temporary files are named `.prodcon-PID-THREAD-N.tmp`: unique per process, thread and call, and
 * short, so that any legal target name works. One not yet put in place is removed when the process
 * exits, however it exits (an error, a signal, an uncaught exception); those of processes that could
 * not clean up (killed with SIGKILL) are removed the next time a file is written in the same folder.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { threadId } from "node:worker_threads"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import { CannotWrite, UsageError } from "../errors.ts"
import { errorCode, fileErrorReason } from "./fileErrors.ts"
import { lowestFreeNumber, nextNumber } from "./numberedNames.ts"
import { forgetTemporary, removeStaleTemporaries, trackTemporary } from "./temporaries.ts"
import { writeFully } from "./writeFully.ts"

export type Target =
  /** A path the user named (`--out FILE`); `force` allows replacing a regular file there. */
  | { readonly kind: "named"; readonly path: string; readonly force: boolean }
  /** `directory/PREFIXnSUFFIX` with n one above the highest present (`recordings/runN.json`). */
  | {
      readonly kind: "numbered"
      readonly directory: string
      readonly prefix: string
      readonly suffix: string
    }

export interface AtomicFile {
  /** Appends bytes. A failure (a full disk) is kept and reported by `commit`, so a run goes on to its end. */
  readonly write: (bytes: Uint8Array, length?: number) => void
  /** Makes the file durable and puts it in place; answers where it went. */
  readonly commit: () => Effect.Effect<string, CannotWrite>
  /** Removes the temporary file; the target is left as it was. Nothing, once committed. */
  readonly abort: () => Effect.Effect<void>
}

export interface TargetDescription {
  /** What is written, for messages: "the recording", "the page". */
  readonly what: string
  /** The flag that names the file, for the advice in messages: "--out". */
  readonly flag: string
}

/** How many bytes written start a sync in the background (see syncInBackground). */
const backgroundSyncBytes = 16 * 1024 * 1024

let sequence = 0
/** Why a named target cannot be written, if it cannot: checked before any work is done. */
const refusal = (target: string, force: boolean, describe: TargetDescription): UsageError | undefined => {
  let status: fs.Stats | undefined
  try {
    status = fs.lstatSync(target, { throwIfNoEntry: false })
  } catch (error) {
    return new UsageError({ message: `cannot write ${describe.what} ${target}: ${fileErrorReason(error)}` })
  }
  if (status === undefined) return undefined
  if (status.isDirectory()) return new UsageError({ message: `${describe.flag} ${target}: is a directory` })
  if (!status.isFile()) {
    return new UsageError({
      message: `${describe.flag} ${target}: is not a regular file (a device, a pipe or a link), which is never replaced`,
    })
  }
  if (!force) return alreadyExists(target, describe)
  return undefined
}

/** The refusal to replace a file the user did not ask to replace. */
export const alreadyExists = (target: string, describe: TargetDescription): UsageError =>
  new UsageError({
    message: `${target} already exists; choose another ${describe.flag} or add --force to replace it`,
  })

const syncDirectory = (directory: string): void => {
  // Makes the new name durable; some systems cannot sync a folder, which then costs nothing.
  try {
    const descriptor = fs.openSync(directory, "r")
    try {
      fs.fsyncSync(descriptor)
    } finally {
      fs.closeSync(descriptor)
    }
  } catch {}
}

/** Checks the target and opens the temporary file: everything a user can get wrong fails here, before any work. */
export const openAtomicFile = (
  target: Target,
  describe: TargetDescription,
): Effect.Effect<AtomicFile, UsageError> =>
  Effect.suspend(() => {
    const directory = target.kind === "named" ? path.dirname(target.path) : target.directory
    const shownTarget = target.kind === "named" ? target.path : directory
    if (target.kind === "named") {
      const refused = refusal(target.path, target.force, describe)
      if (refused !== undefined) return Effect.fail(refused)
    }
    if (target.kind === "numbered") {
      // The number is chosen from the folder's names at the end: make sure they can be read.
      try {
        fs.readdirSync(directory)
      } catch (error) {
        return Effect.fail(
          new UsageError({
            message: `cannot write ${describe.what} in ${directory}: ${fileErrorReason(error)}`,
          }),
        )
      }
    }
    removeStaleTemporaries(directory)
    const temporary = path.join(directory, `.prodcon-${process.pid}-${threadId}-${sequence++}.tmp`)
    let descriptor: number
    try {
      descriptor = fs.openSync(temporary, "wx")
    } catch (error) {
      const reason = errorCode(error) === "ENOENT" ? "its folder does not exist" : fileErrorReason(error)
      return Effect.fail(
        new UsageError({ message: `cannot write ${describe.what} ${shownTarget}: ${reason}` }),
      )
    }
    trackTemporary(temporary)
    let open = true
    let committed = false
    let failure: unknown
    // Bytes written since the last background sync began, and that sync's end, while it runs.
    let unsynced = 0
    let syncing: Promise<void> | undefined
    const close = () => {
      if (open) {
        // A sync still running in the thread pool holds the descriptor's number: close after it.
        if (syncing === undefined) fs.closeSync(descriptor)
        else void syncing.then(() => fs.closeSync(descriptor))
      }
      open = false
    }
    /**
     * Starts writing the bytes so far to disk in Node's thread pool while the run goes on, so that
     * the sync before the file is put in place finds little left to do (a large recording's whole
     * sync would otherwise wait at the end; docs/PERFORMANCE.md has the figures).
     */
    const syncInBackground = () => {
      unsynced = 0
      syncing = new Promise((resolve) =>
        fs.fdatasync(descriptor, (error) => {
          if (error !== null && failure === undefined) failure = error
          syncing = undefined
          resolve()
        }),
      )
    }
    const remove = () => {
      close()
      if (!committed) fs.rmSync(temporary, { force: true })
      forgetTemporary(temporary)
    }
    const cannotWrite = (error: unknown) =>
      new CannotWrite({ message: `cannot write ${describe.what} ${shownTarget}: ${fileErrorReason(error)}` })

    /**
     * Links the file to the first free `PREFIXnSUFFIX` from `from` on: link() never replaces. Past
     * the longest name the folder allows, it starts again from the lowest free number.
     */
    const linkNumbered = (prefix: string, suffix: string, from: bigint): string => {
      for (let number = from; ; number++) {
        const candidate = path.join(directory, `${prefix}${number}${suffix}`)
        try {
          fs.linkSync(temporary, candidate)
          return candidate
        } catch (error) {
          if (errorCode(error) === "ENAMETOOLONG" && number !== 1n) {
            number = lowestFreeNumber(directory, prefix, suffix) - 1n
          } else if (errorCode(error) !== "EEXIST") throw error
        }
      }
    }

    /** Puts the file in place; answers where it went. */
    const place = (): string => {
      if (target.kind === "numbered") {
        return linkNumbered(target.prefix, target.suffix, nextNumber(directory, target.prefix, target.suffix))
      }
      if (refusal(target.path, target.force, describe) === undefined) {
        try {
          if (target.force) fs.renameSync(temporary, target.path)
          else fs.linkSync(temporary, target.path)
          return target.path
        } catch (error) {
          if (errorCode(error) !== "EEXIST") throw error
        }
      }
      // Something appeared at the target while the run went on: keep both, under another name.
      const extension = path.extname(target.path)
      return linkNumbered(`${path.basename(target.path, extension)}-`, extension || ".json", 1n)
    }

    return Effect.succeed({
      write: (bytes, length = bytes.length) => {
        if (failure !== undefined) return
        try {
          writeFully(descriptor, bytes, length)
        } catch (error) {
          failure = error
        }
        unsynced += length
        if (unsynced >= backgroundSyncBytes && syncing === undefined) syncInBackground()
      },
      commit: () =>
        Effect.andThen(
          Effect.promise(() => syncing ?? Promise.resolve()),
          Effect.suspend(() => {
            if (failure !== undefined) {
              remove()
              return Effect.fail(cannotWrite(failure))
            }
            let placed: string
            try {
              fs.fsyncSync(descriptor)
              close()
              placed = place()
              remove()
            } catch (error) {
              remove()
              return Effect.fail(cannotWrite(error))
            }
            committed = true
            syncDirectory(directory)
            if (target.kind === "numbered" || placed === target.path) return Effect.succeed(placed)
            return Effect.fail(
              new CannotWrite({
                message: `${target.path} appeared while ${describe.what} was being written, so it went to ${placed} instead`,
              }),
            )
          }),
        ),
      abort: () => Effect.sync(remove),
    })
  })

/** An atomic file that is aborted when the scope closes unless it was committed: nothing half-written stays. */
export const openAtomicFileScoped = (
  target: Target,
  describe: TargetDescription,
): Effect.Effect<AtomicFile, UsageError, Scope.Scope> =>
  Effect.acquireRelease(openAtomicFile(target, describe), (file) => file.abort())

/** Writes a whole text into an opened file and puts it in place (a page, a sweep's result); answers where it went. */
export const putText = (file: AtomicFile, text: string): Effect.Effect<string, CannotWrite> =>
  Effect.suspend(() => {
    file.write(Buffer.from(text, "utf8"))
    return file.commit()
  })
