/**
 * The recording as a sink: its opening at the start, each event as its line as the run goes, its
 * closing at the end, all through the one atomic writer (src/files/atomicFile.ts), which puts the
 * file in place only once it is complete. Memory stays flat whatever the length of the run: each
 * event is encoded into a reused buffer as it happens, and nothing holds on to it.
 */
import * as Effect from "effect/Effect"
import type { CannotWrite, UsageError } from "../errors.ts"
import { openAtomicFile, type Target, type TargetDescription } from "../files/atomicFile.ts"
import type { Sink } from "../sinks/sink.ts"
import { makeLineWriter } from "./lineWriter.ts"
import { serializeClosing, serializeOpening } from "./serialize.ts"

export const recordingDescription: TargetDescription = { what: "the recording", flag: "--out" }

/** Opens the target (every refusal comes here, before the run); the sink's result is where the file went. */
export const openRecordingSink = (target: Target): Effect.Effect<Sink<string, CannotWrite>, UsageError> =>
  Effect.map(openAtomicFile(target, recordingDescription), (file) => {
    const lines = makeLineWriter(file.write)
    return {
      start: (header) => lines.text(serializeOpening(header)),
      event: lines.event,
      end: (end) =>
        Effect.suspend(() => {
          lines.text(serializeClosing(end))
          return file.commit()
        }),
      abort: file.abort,
    }
  })
