/**
 * Reads a recording a user hands us, once, from start to end, as a stream of events: so a pipe, a
 * FIFO or standard input can be read, and a recording of millions of events needs no more memory
 * than its largest chunk. A recording is untrusted input: every way it can be wrong ends in one
 * BadInputFile that names the file and the problem (parser.ts), never a crash. Reading never writes
 * or changes the file.
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type { RunEnd, RunHeader, SimEvent } from "../core/engine/events.ts"
import { BadInputFile, InternalError } from "../errors.ts"
import { openInput } from "../files/input.ts"
import { type Problem, RecordingParser } from "./parser.ts"

/** Events read together, each with its actor's index in the run's roster, which the check found. */
export interface EventBatch {
  readonly events: ReadonlyArray<SimEvent>
  /** By position in `events`: the actor's index, to hand each event's fold (RunSink.event). */
  readonly actors: ReadonlyArray<number>
}

const noEvents: EventBatch = { events: [], actors: [] }

export interface OpenedRecording {
  readonly header: RunHeader
  /**
   * The events, in batches, checked as they are read; the stream fails at the first problem. Read
   * it once.
   */
  readonly batches: Stream.Stream<EventBatch, BadInputFile>
  /** The recorded end: known once `events` has been read to its end. */
  readonly end: Effect.Effect<RunEnd>
}

/**
 * Opens the recording in `file` and reads its header; `shownAs` names it in messages. The events
 * follow as a stream. The file is closed with the scope.
 */
export const openRecording = (
  file: string,
  shownAs: string,
): Effect.Effect<OpenedRecording, BadInputFile, Scope.Scope> =>
  Effect.gen(function* () {
    const input = yield* openInput(file, shownAs, "a recording")
    const parser = new RecordingParser()
    const failure = (problem: Problem) => new BadInputFile({ message: `${shownAs}: ${problem}` })
    let finished = false
    /** Reads on until some events are ready; an empty answer means the recording has ended. */
    const readEvents: Effect.Effect<EventBatch, BadInputFile> = Effect.gen(function* () {
      while (!finished) {
        if (!parser.pending) {
          const chunk = yield* input.next
          if (chunk === undefined) {
            finished = true
            const last = parser.finish()
            if (Result.isFailure(last)) return yield* failure(last.failure)
            return { events: last.success, actors: parser.actors }
          }
          const pushed = parser.push(chunk)
          if (Result.isFailure(pushed)) return yield* failure(pushed.failure)
        }
        const events = parser.next()
        if (Result.isFailure(events)) return yield* failure(events.failure)
        if (events.success.length > 0) return { events: events.success, actors: parser.actors }
      }
      return noEvents
    })

    // Read until the header is known: the first line, or, in another layout, the whole document.
    const early: Array<EventBatch> = []
    while (parser.header === undefined && !finished) early.push(yield* readEvents)
    const header = parser.header
    if (header === undefined) {
      // A header that does not decode: read on, so the message lists every problem of the recording.
      while (!finished) yield* readEvents
      return yield* Effect.die(
        new InternalError({ message: "a recording without a header passed every check" }),
      )
    }

    const pull = Effect.suspend(() => {
      const ready = early.shift()
      if (ready !== undefined && ready.events.length > 0) return Effect.succeed([ready] as const)
      return Effect.flatMap(readEvents, (batch) =>
        batch.events.length > 0 ? Effect.succeed([batch] as const) : Cause.done(),
      )
    })
    return {
      header,
      batches: Stream.fromPull(Effect.succeed(pull)),
      end: Effect.suspend(() =>
        parser.end === undefined
          ? Effect.die(
              new InternalError({ message: "the end of a recording was asked before its events were read" }),
            )
          : Effect.succeed(parser.end),
      ),
    }
  })
