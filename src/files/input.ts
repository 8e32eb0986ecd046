/**
 * A file the user names as input (a recording, a scenario file), opened to be read once, from start
 * to end, as chunks of bytes. Reading it once is what lets a pipe, a FIFO or standard input be read
 * at all. Every way the file cannot be opened or read ends in a BadInputFile that names it.
 */
import * as fs from "node:fs"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import { BadInputFile } from "../errors.ts"
import { errorCode, fileErrorReason } from "./fileErrors.ts"

/** Large reads: a recording of millions of events is hundreds of megabytes. */
const chunkBytes = 1 << 22

export interface InputChunks {
  /** The next chunk of bytes, or undefined at the end of the file; valid until the next call. */
  readonly next: Effect.Effect<Buffer | undefined, BadInputFile>
}

const changedWhileRead = new Error("changed while it was being read")

const failure = (shownAs: string, problem: string) => new BadInputFile({ message: `${shownAs}: ${problem}` })

/**
 * Opens `file` for reading; `what` names what it should be ("a recording") in the message for a
 * directory. The file is closed when the scope closes.
 */
export const openInput = (
  file: string,
  shownAs: string,
  what: string,
): Effect.Effect<InputChunks, BadInputFile, Scope.Scope> =>
  Effect.gen(function* () {
    const status = yield* Effect.tryPromise({
      try: () => fs.promises.stat(file),
      catch: (error) =>
        failure(
          shownAs,
          errorCode(error) === "ENOENT" ? "no such file" : `cannot be read (${fileErrorReason(error)})`,
        ),
    })
    if (status.isDirectory()) return yield* failure(shownAs, `is a directory, not ${what}`)
    const handle = yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: () => fs.promises.open(file, "r"),
        catch: (error) => failure(shownAs, `cannot be read (${fileErrorReason(error)})`),
      }),
      // Not waited for: closing waits for a read under way, and a FIFO's may never end (Ctrl-C).
      (opened) => Effect.sync(() => void opened.close().catch(() => {})),
    )
    // One buffer, reused: a chunk's lines are all read (and what they keep copied) before the next read.
    const buffer = Buffer.allocUnsafe(chunkBytes)
    // A regular file ends at its size: known without one more read (a pipe's end has to be read).
    let unread = status.isFile() ? status.size : Number.POSITIVE_INFINITY
    /**
     * At the end of a regular file: it must still be the file whose start was read. Synchronous (a
     * cheap fstat), so that the end of a recording follows its last chunk at once.
     */
    const unchanged = () => {
      if (!status.isFile()) return true
      const now = fs.fstatSync(handle.fd)
      return now.size === status.size && now.mtimeMs === status.mtimeMs && unread === 0
    }
    return {
      next: Effect.tryPromise({
        try: async () => {
          if (unread > 0) {
            const { bytesRead } = await handle.read(buffer, 0, buffer.length, null)
            unread -= bytesRead
            if (bytesRead > 0) return buffer.subarray(0, bytesRead)
          }
          if (!unchanged()) throw changedWhileRead
          return undefined
        },
        catch: (error) =>
          failure(
            shownAs,
            error === changedWhileRead
              ? "changed while it was being read (read it once it is complete)"
              : `cannot be read (${fileErrorReason(error)})`,
          ),
      }),
    }
  })
