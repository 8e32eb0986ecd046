/**
 * The recording format, version 1 (CONTRACT.md): one JSON document with a header, the events in the
 * order they happened, and the end. This Schema is the single description of the format; the
 * writer below emits exactly what it accepts.
 */
import * as Schema from "effect/Schema"
import type { RunEnd, SimEvent } from "../engine/events.ts"
import type { ScenarioJson } from "../scenario/scenario.ts"

export const recordingFormat = "prodcon-recording"
export const recordingVersion = 1

const Micros = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

export const RecordedEvent = Schema.Struct({
  at: Micros,
  type: Schema.String,
  actor: Schema.String,
  item: Schema.optionalKey(Schema.Int),
  value: Schema.optionalKey(Schema.Finite),
  index: Schema.optionalKey(Schema.Int),
})

export const RecordedScenario = Schema.Struct({
  mode: Schema.String,
  producers: Schema.Int,
  items: Schema.Int,
  consumers: Schema.Int,
  capacity: Schema.NullOr(Schema.Int),
  whenFull: Schema.String,
  produce: Schema.String,
  process: Schema.String,
  timeout: Schema.NullOr(Schema.String),
  seed: Schema.Int,
  clock: Schema.String,
})

export const RecordingMeta = Schema.Struct({
  mode: Schema.String,
  seed: Schema.Int,
  clock: Schema.Literals(["virtual", "live"]),
  generator: Schema.String,
  scenario: RecordedScenario,
})

export const RecordingEnd = Schema.Struct({
  at: Micros,
  reason: Schema.Literals(["completed", "timeout", "interrupted"]),
})

export const Recording = Schema.Struct({
  format: Schema.Literal(recordingFormat),
  version: Schema.Literal(recordingVersion),
  meta: RecordingMeta,
  events: Schema.Array(RecordedEvent),
  end: RecordingEnd,
})

export type Recording = typeof Recording.Type

export interface RecordingHeader {
  readonly mode: string
  readonly seed: number
  readonly clock: "virtual" | "live"
  readonly generator: string
  readonly scenario: ScenarioJson
}

// The serialisation is fixed (key order, one event per line) so that the same run gives the same
// bytes on every machine, and a large recording can be written as the run goes.

export const serializeOpening = (header: RecordingHeader): string =>
  `{"format":${JSON.stringify(recordingFormat)},"version":${recordingVersion},"meta":${JSON.stringify({
    mode: header.mode,
    seed: header.seed,
    clock: header.clock,
    generator: header.generator,
    scenario: header.scenario,
  })},"events":[`

export const serializeEvent = (event: SimEvent): string =>
  JSON.stringify({
    at: event.at,
    type: event.type,
    actor: event.actor,
    item: event.item,
    value: event.value,
    index: event.index,
  })

export const serializeClosing = (end: RunEnd): string =>
  `\n],"end":${JSON.stringify({ at: end.at, reason: end.reason })}}\n`

/** The whole document at once, for small recordings and tests. */
export const serializeRecording = (
  header: RecordingHeader,
  events: ReadonlyArray<SimEvent>,
  end: RunEnd,
): string =>
  serializeOpening(header) +
  events.map((event, index) => (index === 0 ? "\n" : ",\n") + serializeEvent(event)).join("") +
  serializeClosing(end)
