/**
 * A Chrome trace-event JSON document in the object form, `{"traceEvents":[...]}`, written as a
 * stream of text chunks: it opens once, takes the runs one after another (each its own process,
 * so `--compare` puts every mode in one file), and closes once. It holds at most one chunk of text;
 * everything else goes out through `write` as it is made. One event per line, so files diff well.
 *
 * Perfetto (ui.perfetto.dev) and Chrome's trace viewer open it; neither needs `displayTimeUnit`
 * (Perfetto ignores it), and both take `ts` in microseconds, which is what events record.
 */
import * as Effect from "effect/Effect"
import type { RunSink } from "../sinks/sink.ts"
import { RunTrace, type TraceOutput, type TraceRunResult } from "./runTrace.ts"

export type { TraceRunResult } from "./runTrace.ts"

/** Characters gathered before a chunk is handed to `write`. */
export const defaultChunkChars = 1 << 16

export interface TraceDocumentOptions {
  readonly chunkChars?: number
}

export class TraceDocument {
  private readonly writeChunk: (chunk: string) => void
  private readonly chunkChars: number
  private pending = '{"traceEvents":['
  private events = 0
  private lastNumber = 0
  private highestItemKey = 0
  private runActive = false
  private closed = false

  constructor(write: (chunk: string) => void, options: TraceDocumentOptions = {}) {
    this.writeChunk = write
    this.chunkChars = options.chunkChars ?? defaultChunkChars
  }

  private readonly output: TraceOutput = {
    append: (event) => {
      this.pending += this.events === 0 ? `\n${event}` : `,\n${event}`
      this.events++
      if (this.pending.length >= this.chunkChars) this.flush()
    },
    uniqueNumber: () => ++this.lastNumber,
    beginRun: () => {
      if (this.closed) throw new Error("the trace document is closed")
      if (this.runActive) throw new Error("a run is already being written into this trace document")
      this.runActive = true
      return this.highestItemKey
    },
    endRun: (highestItemKey) => {
      this.runActive = false
      this.highestItemKey = Math.max(this.highestItemKey, highestItemKey)
    },
  }

  private flush(): void {
    if (this.pending.length === 0) return
    const chunk = this.pending
    this.pending = ""
    this.writeChunk(chunk)
  }

  /** A sink that writes one run into the document as a process of its own. */
  run(): RunTrace {
    return new RunTrace(this.output)
  }

  /** Ends the document and hands out what is left; once, after the last run has ended. */
  close(): void {
    if (this.closed) return
    if (this.runActive) throw new Error("a run is still being written into this trace document")
    this.closed = true
    this.pending += this.events === 0 ? "]}\n" : "\n]}\n"
    this.flush()
  }

  /** Characters held and not yet written (tests check that it stays under a chunk). */
  heldChars(): number {
    return this.pending.length
  }
}

/** A trace of one run: a document of its own, closed when the run ends. */
export const traceSink = (
  write: (chunk: string) => void,
  options?: TraceDocumentOptions,
): RunSink<TraceRunResult> => {
  const document = new TraceDocument(write, options)
  const run = document.run()
  return {
    start: run.start,
    event: run.event,
    end: (end) => run.end(end).pipe(Effect.tap(() => Effect.sync(() => document.close()))),
    abort: run.abort,
  }
}
