/**
 * An atomic file whose bytes go through a compressing stream first (compression.ts). The stream
 * compresses in Node's thread pool; its chunks come back on this thread and go into the file as
 * they come. Writing never blocks the run: instead `drain` lets the run wait, between its slices,
 * while more than a few megabytes wait to be compressed, so memory stays bounded even when the run
 * makes bytes faster than they compress. Everything the atomic writer promises holds unchanged:
 * the file is put in place only once the stream has ended and every byte is in it.
 */
import type { Transform } from "node:stream"
import * as Effect from "effect/Effect"
import { CannotWrite } from "../errors.ts"
import type { BlockOutput } from "../recording/lineWriter.ts"
import type { AtomicFile } from "./atomicFile.ts"
import { fileErrorReason } from "./fileErrors.ts"

/** Bytes waiting to be compressed above which the run waits. */
const mostWaiting = 16 * 1024 * 1024
/**
 * Bytes handed to the compressing stream at a time: each block is one trip through the thread pool
 * and back, and the way back waits for the run's thread, busy in slices of 25 ms. Smaller blocks
 * left the compressor idle most of each slice, and the run waited on it (docs/PERFORMANCE.md).
 */
const blockBytes = 8 * 1024 * 1024

export interface ByteOutput extends Omit<AtomicFile, "write">, BlockOutput {
  /** Waits, if need be, until the bytes written so far are few enough (backpressure). */
  readonly drain: () => Effect.Effect<void>
}

/** An atomic file as it is: written at once, from the writer's reused buffer; nothing waits. */
export const direct = (file: AtomicFile): ByteOutput => ({ ...file, drain: () => Effect.void })

export const compressing = (file: AtomicFile, stream: Transform, what: string): ByteOutput => {
  let failure: unknown
  stream.on("data", (chunk: Buffer) => file.write(chunk))
  // Blocks the stream has finished with, to fill again: fresh memory costs a page fault a page.
  const pool: Array<Buffer> = []
  const ended = new Promise<void>((resolve) => {
    stream.once("end", resolve)
    stream.once("error", (error) => {
      failure ??= error
      resolve()
    })
  })
  return {
    // The block is the stream's until it is compressed, then it goes back to the pool.
    write: (bytes, length = bytes.length) => {
      if (failure !== undefined) return
      const block = bytes as Buffer
      stream.write(block.subarray(0, length), () => {
        if (block.length === blockBytes) pool.push(block)
      })
    },
    nextBlock: () => pool.pop() ?? Buffer.allocUnsafe(blockBytes),
    drain: () =>
      stream.writableLength <= mostWaiting || failure !== undefined
        ? Effect.void
        : Effect.callback<void>((resume) => {
            const go = () => {
              stream.off("drain", go)
              stream.off("error", go)
              resume(Effect.void)
            }
            stream.on("drain", go)
            stream.on("error", go)
          }),
    commit: () =>
      Effect.flatMap(
        Effect.promise(() => {
          stream.end()
          return ended
        }),
        () =>
          failure === undefined
            ? file.commit()
            : Effect.andThen(
                file.abort(),
                Effect.fail(
                  new CannotWrite({ message: `cannot compress ${what}: ${fileErrorReason(failure)}` }),
                ),
              ),
      ),
    abort: () =>
      Effect.suspend(() => {
        stream.destroy()
        return file.abort()
      }),
  }
}
