/**
 * `replay --verify`: runs the recorded scenario and seed again with the current code, on the
 * virtual clock, and compares the two runs event by event. This is how a user knows a recording
 * still matches the code that reads it.
 */
import * as Effect from "effect/Effect"
import { runScenario } from "../engine/engine.ts"
import type { RunEnd, SimEvent } from "../engine/events.ts"
import { runOnFastVirtualClock } from "../engine/virtualDriver.ts"
import type { OpenedRecording } from "../recording/reader.ts"
import { serializeEvent } from "../recording/serialize.ts"
import { UsageError, usageError } from "../scenario/errors.ts"
import { resolveScenario } from "../scenario/scenario.ts"

export type Verification =
  | { readonly identical: true; readonly events: number }
  | {
      readonly identical: false
      readonly index: number
      readonly at: number
      readonly recorded: string
      readonly current: string
    }

const serializeEnd = (end: RunEnd) => JSON.stringify({ at: end.at, reason: end.reason })

export const verifyRecording = (recording: OpenedRecording): Effect.Effect<Verification, UsageError> =>
  Effect.gen(function* () {
    if (recording.meta.clock !== "virtual") {
      return yield* usageError(
        "--verify needs a recording made on the virtual clock; live times cannot be reproduced",
      )
    }
    const recorded = recording.meta.scenario
    const scenario = resolveScenario({ ...recorded, timeout: recorded.timeout ?? "none" })
    if (scenario instanceof UsageError) {
      return yield* usageError(`the recorded scenario cannot be run again: ${scenario.message}`)
    }
    // Compare as the run goes, reading the recording alongside, so nothing but the first divergence is kept.
    const recordedEvents = recording.events()[Symbol.iterator]()
    let index = 0
    let divergence: Verification | undefined
    const compare = (current: SimEvent | undefined) => {
      const next = recordedEvents.next()
      const was = next.done ? undefined : next.value
      const recordedText = was === undefined ? "(no more events)" : serializeEvent(was)
      const currentText = current === undefined ? "(no more events)" : serializeEvent(current)
      if (divergence === undefined && recordedText !== currentText) {
        const at = was?.at ?? current?.at ?? 0
        divergence = { identical: false, index, at, recorded: recordedText, current: currentText }
      }
      index++
    }
    const end = yield* runOnFastVirtualClock(runScenario(scenario, { event: compare, end: () => {} }))
    if (divergence === undefined && index < recording.eventCount) compare(undefined)
    if (divergence !== undefined) return divergence
    const count = index
    if (serializeEnd(end) !== serializeEnd(recording.end)) {
      return {
        identical: false,
        index: count,
        at: recording.end.at,
        recorded: `end ${serializeEnd(recording.end)}`,
        current: `end ${serializeEnd(end)}`,
      }
    }
    return { identical: true, events: count }
  })
