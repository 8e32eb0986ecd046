/**
 * `replay --verify`: runs the recorded scenario and seed again with the current code, on the
 * virtual clock, and compares the two runs event by event as they go: the run's events are checked
 * against the recording's between slices of the run, and the run stops at the first divergence, so
 * the recording's own length bounds the work. This is how a user knows a recording still matches
 * the code that reads it.
 */
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Pull from "effect/Pull"
import * as Result from "effect/Result"
import * as Stream from "effect/Stream"
import { runScenario } from "../core/engine/engine.ts"
import type { RunEnd, SimEvent } from "../core/engine/events.ts"
import { runOnFastVirtualClock } from "../core/engine/virtualDriver.ts"
import { serializeEnd, serializeEvent } from "../core/recording/serialize.ts"
import { formatSecondsPlain } from "../core/render/numbers.ts"
import { sanitizeForTerminal } from "../core/render/sanitize.ts"
import { resolveScenario, scenarioSettingsOf } from "../core/scenario/scenario.ts"
import { type BadInputFile, UsageError } from "../errors.ts"
import type { OpenedRecording } from "../recording/reader.ts"

export type Verification =
  | { readonly identical: true; readonly events: number }
  | {
      readonly identical: false
      readonly index: number
      readonly at: number
      readonly recorded: string
      readonly current: string
    }

/** Events the run may make before they are compared: bounds what is held. */
const mostPending = 1 << 16
const noMore = "(no more events)"

const sameEvent = (a: SimEvent, b: SimEvent): boolean =>
  a.at === b.at &&
  a.type === b.type &&
  a.actor === b.actor &&
  a.item === b.item &&
  a.value === b.value &&
  a.index === b.index

export const verifyRecording = (
  recording: OpenedRecording,
): Effect.Effect<Verification, UsageError | BadInputFile> =>
  Effect.scoped(
    Effect.gen(function* () {
      const { header } = recording
      if (header.clock !== "virtual") {
        return yield* new UsageError({
          message: "--verify needs a recording made on the virtual clock; live times cannot be reproduced",
        })
      }
      const scenario = resolveScenario(scenarioSettingsOf(header.scenario), (key) => `meta.scenario.${key}`)
      if (Result.isFailure(scenario)) {
        return yield* new UsageError({
          message: `the recorded scenario cannot be run again: ${scenario.failure.message}`,
        })
      }
      const pull = yield* Stream.toPull(recording.batches)
      // The next recorded events; none once the recording has ended.
      const nextBatch: Effect.Effect<ReadonlyArray<SimEvent>, BadInputFile> = Pull.catchDone(
        Effect.map(pull, (batches) => batches.flatMap((batch) => batch.events)),
        () => Effect.succeed([]),
      )
      let recorded: ReadonlyArray<SimEvent> = []
      let position = 0
      let recordedDone = false
      const pending: Array<SimEvent> = []
      let compared = 0
      let divergence: Verification | undefined
      const stop = yield* Deferred.make<void>()

      const diverge = (recordedText: string, currentText: string, at: number) => {
        divergence = { identical: false, index: compared, at, recorded: recordedText, current: currentText }
        Deferred.doneUnsafe(stop, Effect.void)
      }

      /** Compares what the run made so far with the recording, reading it as far as needed. */
      const comparePending = Effect.gen(function* () {
        let index = 0
        while (index < pending.length && divergence === undefined) {
          if (position === recorded.length) {
            if (recordedDone) {
              const current = pending[index] as SimEvent
              diverge(noMore, serializeEvent(current), current.at)
              break
            }
            recorded = yield* nextBatch
            position = 0
            recordedDone = recorded.length === 0
            continue
          }
          const current = pending[index] as SimEvent
          const was = recorded[position] as SimEvent
          if (!sameEvent(was, current)) {
            diverge(serializeEvent(was), serializeEvent(current), was.at)
            break
          }
          index++
          position++
          compared++
        }
        pending.length = 0
      })

      const end = yield* runOnFastVirtualClock(
        runScenario(
          scenario.success,
          (event) => {
            if (divergence === undefined) pending.push(event)
          },
          Deferred.await(stop),
        ),
        { betweenSlices: comparePending, pauseWhen: () => pending.length >= mostPending },
      )
      yield* comparePending
      if (divergence !== undefined) return divergence
      // The run has ended: the recording must end here too.
      if (position === recorded.length && !recordedDone) {
        recorded = yield* nextBatch
        position = 0
      }
      const extra = recorded[position]
      if (extra !== undefined)
        return {
          identical: false,
          index: compared,
          at: extra.at,
          recorded: serializeEvent(extra),
          current: noMore,
        } as const
      const recordedEnd: RunEnd = yield* recording.end
      if (serializeEnd(end) !== serializeEnd(recordedEnd)) {
        return {
          identical: false,
          index: compared,
          at: recordedEnd.at,
          recorded: `end ${serializeEnd(recordedEnd)}`,
          current: `end ${serializeEnd(end)}`,
        } as const
      }
      return { identical: true, events: compared } as const
    }),
  )

/** What `replay --verify` prints (the recorded text is untrusted: shown harmlessly). */
export const verificationReport = (verification: Verification): string =>
  verification.identical
    ? `identical: the current code makes the same ${verification.events} events and the same end\n`
    : `diverges at event ${verification.index} (at ${formatSecondsPlain(verification.at)} s):\n` +
      `  recorded: ${sanitizeForTerminal(verification.recorded)}\n` +
      `  current:  ${sanitizeForTerminal(verification.current)}\n`
