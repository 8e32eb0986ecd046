/**
 * The recording worker thread: receives batches of events from the simulation and writes their
 * lines to the recording's temporary file, so that encoding and writing a large recording run on
 * the second core, beside the simulation. Messages: batches, each answered by `written`, then
 * `close` with the closing text, answered by `closed` (or, at any point, `failed` with a reason).
 */
import { parentPort, workerData } from "node:worker_threads"
import { type EventBatch, serializeBatch } from "./eventBatch.ts"
import { makeLineWriter } from "./lineWriter.ts"

export type ToWorker =
  | { readonly kind: "batch"; readonly batch: EventBatch }
  | { readonly kind: "close"; readonly closing: string }
export type FromWorker =
  | { readonly kind: "written" }
  | { readonly kind: "closed" }
  | { readonly kind: "failed"; readonly reason: string }

const { descriptor, opening } = workerData as { descriptor: number; opening: string }
const lines = makeLineWriter(descriptor)
const labels: Array<string> = []
let failed = false

const answer = (message: FromWorker) => parentPort?.postMessage(message)

try {
  lines.text(opening)
} catch (error) {
  failed = true
  answer({ kind: "failed", reason: String(error) })
}

parentPort?.on("message", (message: ToWorker) => {
  if (failed) return
  try {
    if (message.kind === "batch") {
      serializeBatch(message.batch, labels, lines.line)
      // Lets the simulation know it may run ahead again (see `ready` in writer.ts).
      answer({ kind: "written" })
      return
    }
    lines.text(message.closing)
    lines.flush()
    answer({ kind: "closed" })
  } catch (error) {
    failed = true
    answer({
      kind: "failed",
      reason: error instanceof Error && "code" in error ? String(error.code) : String(error),
    })
  }
})
