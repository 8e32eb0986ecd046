/**
 * Turns events into the recording's lines and writes them to a file descriptor in large pieces.
 * Used on the main thread for small runs and inside the recording worker for large ones, so both
 * write the very same bytes.
 */
import * as fs from "node:fs"
import type { SimEvent } from "../engine/events.ts"
import { serializeEvent } from "./serialize.ts"

// Small enough that the pending text rarely outlives a young-generation collection (it would be
// promoted and pile up in the old generation), large enough to keep write calls few.
const flushThreshold = 1 << 16

export const makeLineWriter = (descriptor: number) => {
  let pending = ""
  let first = true
  const line = (text: string) => {
    pending += (first ? "\n" : ",\n") + text
    first = false
    if (pending.length >= flushThreshold) flush()
  }
  const flush = () => {
    if (pending.length > 0) fs.writeSync(descriptor, pending)
    pending = ""
  }
  return {
    text: (text: string) => {
      pending += text
      if (pending.length >= flushThreshold) flush()
    },
    event: (event: SimEvent) => line(serializeEvent(event)),
    /** One event already serialised. */
    line,
    flush,
  }
}
