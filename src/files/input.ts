/**
 * A file the user names as input (a recording, a scenario file), opened to be read once, from start
 * to end, as chunks of bytes. Reading it once is what lets a pipe, a FIFO or standard input be read
 * at all. A file compressed with zstd or gzip (told by its first bytes) is decompressed as it is
 * read, in Node's thread pool. Every way the file cannot be opened or read ends in a BadInputFile
 * that names it.
 */
import * as fs from "node:fs"
import type { Transform } from "node:stream"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import type * as Scope from "effect/Scope"
import { BadInputFile } from "../errors.ts"
import { compressionOfBytes, decompressor } from "./compression.ts"
import { errorCode, fileErrorReason } from "./fileErrors.ts"
import { ZstdFrames } from "./zstdFrames.ts"

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
    // Opening a FIFO waits for a writer, maybe forever: the wait stays interruptible (Ctrl-C), and
    // a file that opens after all is closed at once.
    let opening: Promise<fs.promises.FileHandle> | undefined
    const handle = yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: () => {
          opening = fs.promises.open(file, "r")
          return opening
        },
        catch: (error) => failure(shownAs, `cannot be read (${fileErrorReason(error)})`),
      }).pipe(
        Effect.interruptible,
        Effect.onInterrupt(() =>
          Effect.sync(() => void opening?.then((opened) => opened.close()).catch(() => {})),
        ),
      ),
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
    const cannotRead = (error: unknown) =>
      failure(
        shownAs,
        error === changedWhileRead
          ? "changed while it was being read (read it once it is complete)"
          : `cannot be read (${fileErrorReason(error)})`,
      )
    const readRaw = async (): Promise<Buffer | undefined> => {
      if (unread > 0) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null)
        unread -= bytesRead
        if (bytesRead > 0) return buffer.subarray(0, bytesRead)
      }
      if (!unchanged()) throw changedWhileRead
      return undefined
    }
    const first = yield* Effect.tryPromise({ try: readRaw, catch: cannotRead })
    const kind = first === undefined ? undefined : compressionOfBytes(first)
    if (first === undefined || kind === undefined) {
      let pending = first === undefined ? undefined : withoutByteOrderMark(first)
      return {
        next: Effect.tryPromise({
          try: async () => {
            if (pending === undefined) return readRaw()
            const chunk = pending
            pending = undefined
            return chunk
          },
          catch: cannotRead,
        }),
      }
    }
    const decompress = yield* Effect.mapError(
      decompressor(kind, shownAs),
      (error) => new BadInputFile({ message: error.message }),
    )
    yield* Effect.addFinalizer(() => Effect.sync(() => decompress.destroy()))
    pump(decompress, kind === "zstd" ? frameByFrame() : asRead, Buffer.from(first), async () => {
      const chunk = await readRaw()
      return chunk === undefined ? undefined : Buffer.from(chunk)
    })
    const decompressed = decompress[Symbol.asyncIterator]()
    return {
      next: Effect.tryPromise({
        try: async () => {
          const chunk = await decompressed.next()
          return chunk.done === true ? undefined : (chunk.value as Buffer)
        },
        catch: (error) => failure(shownAs, `is damaged: it does not decompress (${fileErrorReason(error)})`),
      }),
    }
  })

/** How a file's chunks are cut into the writes a decompressing stream is given. */
interface Feeding {
  /** The writes for the next chunk; throws on bytes the stream must not be given. */
  readonly pieces: (chunk: Buffer) => ReadonlyArray<Buffer>
  /** At the end of the file; throws if it ends where it must not. */
  readonly end: () => void
}

/** gzip's decompressor reads member after member itself: each chunk is one write. */
const asRead: Feeding = { pieces: (chunk) => [chunk], end: () => {} }

/** zstd's reads one frame: it is given the frames one at a time, and only those (zstdFrames.ts). */
const frameByFrame = (): Feeding => {
  const frames = new ZstdFrames()
  return {
    pieces: (chunk) => {
      const pieces = frames.split(chunk)
      if (Result.isFailure(pieces)) throw new Error(pieces.failure)
      return pieces.success
    },
    end: () => {
      const problem = frames.finish()
      if (problem !== undefined) throw new Error(problem)
    },
  }
}

/** Feeds a decompressing stream the file's chunks, waiting while it is full; errors end the stream. */
const pump = (
  stream: Transform,
  feeding: Feeding,
  first: Buffer,
  read: () => Promise<Buffer | undefined>,
): void => {
  const feed = async () => {
    let chunk: Buffer | undefined = first
    while (chunk !== undefined) {
      for (const piece of feeding.pieces(chunk))
        if (!stream.write(piece)) await new Promise((resolve) => stream.once("drain", resolve))
      chunk = await read()
    }
    feeding.end()
    stream.end()
  }
  feed().catch((error: unknown) => stream.destroy(error instanceof Error ? error : new Error(String(error))))
}

/** The most a text input (a sweep's share) may hold: far above any real one, it stops /dev/zero. */
const mostTextBytes = 256 * 1024 * 1024

/** The whole of a small text file the user names, read once. */
/**
 * A file's first bytes without a UTF-8 byte-order mark, which some editors write first: it is no
 * part of the JSON, and RFC 8259 lets a reader ignore it.
 */
const withoutByteOrderMark = (chunk: Buffer): Buffer =>
  chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? chunk.subarray(3) : chunk

export const readText = (file: string, shownAs: string, what: string): Effect.Effect<string, BadInputFile> =>
  Effect.scoped(
    Effect.gen(function* () {
      const input = yield* openInput(file, shownAs, what)
      const chunks: Array<Buffer> = []
      let bytes = 0
      for (let chunk = yield* input.next; chunk !== undefined; chunk = yield* input.next) {
        bytes += chunk.length
        if (bytes > mostTextBytes)
          return yield* failure(shownAs, `is over ${mostTextBytes / (1024 * 1024)} MB`)
        chunks.push(Buffer.from(chunk))
      }
      return Buffer.concat(chunks).toString("utf8")
    }),
  )
