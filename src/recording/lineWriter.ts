/**
 * Writes a recording's text through one reused 64 KB buffer; events go into it as bytes
 * (eventEncoder.ts), so writing makes no string per event.
 */
import type { SimEvent } from "../engine/events.ts"
import { EventEncoder } from "./eventEncoder.ts"

const bufferSize = 1 << 16

export interface LineWriter {
  /** Text written as it is, after what is buffered (the opening and the closing of the document). */
  readonly text: (text: string) => void
  /** One event as one line, with the separator the document needs before it. */
  readonly event: (event: SimEvent) => void
}

/** `writeAll` takes the first `length` bytes of a buffer that is reused as soon as it returns. */
export const makeLineWriter = (writeAll: (bytes: Uint8Array, length: number) => void): LineWriter => {
  const encoder = new EventEncoder()
  const buffer = Buffer.allocUnsafe(bufferSize)
  let used = 0

  const flush = () => {
    writeAll(buffer, used)
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
