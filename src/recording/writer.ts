/**
 * The recording as a sink: its opening at the start, each event as its line as the run goes, its
 * closing at the end, all through the one atomic writer (src/files/atomicFile.ts), which puts the
 * file in place only once it is complete. Memory stays flat whatever the length of the run: each
 * event is encoded into a reused buffer as it happens, and nothing holds on to it; a compressed
 * recording waits to be compressed off this thread, a bounded backlog (files/compressedFile.ts).
 */
import * as Effect from "effect/Effect"
import { serializeClosing, serializeOpening } from "../core/recording/serialize.ts"
import type { RunSink } from "../core/sinks/sink.ts"
import type { CannotWrite, UsageError } from "../errors.ts"
import { openAtomicFile, type Target, type TargetDescription } from "../files/atomicFile.ts"
import { compressing, direct } from "../files/compressedFile.ts"
import { compressionOfName, compressor } from "../files/compression.ts"
import { makeLineWriter } from "./lineWriter.ts"

export const recordingDescription: TargetDescription = { what: "the recording", flag: "--out" }

/**
 * Opens the target (every refusal comes here, before the run); the sink's result is where the file
 * went. A name ending in `.zst` or `.gz` gets the same bytes, compressed.
 */
export const openRecordingSink = (target: Target): Effect.Effect<RunSink<string, CannotWrite>, UsageError> =>
  Effect.gen(function* () {
    const kind = target.kind === "named" ? compressionOfName(target.path) : undefined
    const stream =
      kind === undefined ? undefined : yield* compressor(kind, target.kind === "named" ? target.path : "")
    const file = yield* openAtomicFile(target, recordingDescription)
    const output = stream === undefined ? direct(file) : compressing(file, stream, "the recording")
    const lines = makeLineWriter(output)
    return {
      start: (header) => lines.text(serializeOpening(header)),
      event: lines.event,
      end: (end) =>
        Effect.suspend(() => {
          lines.text(serializeClosing(end))
          return output.commit()
        }),
      abort: output.abort,
      drain: output.drain,
    }
  })
