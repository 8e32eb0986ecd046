/**
 * The recording kept in memory, as text: the same document recording/writer.ts puts in a file,
 * made by the same layout (serialize.ts), for a platform with no files (the playground's worker
 * hands it to the page for download). Events are joined into chunks, so a long run keeps a few
 * thousand strings rather than one per event.
 */
import * as Effect from "effect/Effect"
import type { RunSink } from "../sinks/sink.ts"
import { serializeClosing, serializeEvent, serializeOpening } from "./serialize.ts"

const linesPerChunk = 4096

/** The sink's result: the document's text in order; concatenated (as UTF-8) it is the file's bytes. */
export const recordingTextSink = (): RunSink<ReadonlyArray<string>> => {
  const chunks: Array<string> = []
  let lines: Array<string> = []
  let first = true
  const flush = () => {
    if (lines.length > 0) chunks.push(lines.join(""))
    lines = []
  }
  return {
    start: (header) => {
      chunks.length = 0
      lines = []
      first = true
      chunks.push(serializeOpening(header))
    },
    event: (event) => {
      lines.push((first ? "\n" : ",\n") + serializeEvent(event))
      first = false
      if (lines.length === linesPerChunk) flush()
    },
    end: (end) =>
      Effect.sync(() => {
        flush()
        chunks.push(serializeClosing(end))
        return chunks
      }),
    abort: () => Effect.void,
  }
}
