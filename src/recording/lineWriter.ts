/**
 * Writes a recording's text through a buffer, 64 KB and reused for a plain file; events go into it
 * as bytes (eventEncoder.ts), so writing makes no string per event. A compressing output takes
 * larger buffers and keeps each until it is compressed (later, off this thread), so each flush then
 * goes on in the next buffer the output hands out, instead of copying.
 */
import type { SimEvent } from "../core/engine/events.ts"
import { EventEncoder } from "../core/recording/eventEncoder.ts"

/** Where the bytes go, and how it wants them. */
export interface BlockOutput {
  /** Takes the first `length` bytes of `bytes`. */
  readonly write: (bytes: Uint8Array, length: number) => void
  /**
   * For an output that keeps the buffers it is given: the buffer to go on in. Without it, the
   * writer reuses one 64 KB buffer, which `write` must be done with when it returns.
   */
  readonly nextBlock?: () => Buffer
}

const reusedBytes = 1 << 16

export interface LineWriter {
  /** Text written as it is, after what is buffered (the opening and the closing of the document). */
  readonly text: (text: string) => void
  /** One event as one line, with the separator the document needs before it. */
  readonly event: (event: SimEvent) => void
}

export const makeLineWriter = (output: BlockOutput): LineWriter => {
  const encoder = new EventEncoder()
  const writeAll = output.write
  const nextBlock = output.nextBlock
  let buffer = nextBlock === undefined ? Buffer.allocUnsafe(reusedBytes) : nextBlock()
  let used = 0

  const flush = () => {
    if (used === 0) return
    writeAll(buffer, used)
    if (nextBlock !== undefined) buffer = nextBlock()
    used = 0
  }

  return {
    text: (text) => {
      flush()
      const bytes = Buffer.from(text, "utf8")
      writeAll(bytes, bytes.length)
    },
    event: (event) => {
      let end = encoder.encode(event, buffer, used)
      if (end < 0) {
        flush()
        end = encoder.encode(event, buffer, 0)
      }
      if (end < 0) {
        // A label longer than the buffer (a huge actor name): this line gets a buffer of its own.
        const own = Buffer.allocUnsafe(encoder.maxBytes(event))
        writeAll(own, encoder.encode(event, own, 0))
        return
      }
      used = end
    },
  }
}
