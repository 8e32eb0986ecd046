/**
 * The recording format, version 1 (CONTRACT.md): one JSON document with a header, the events in the
 * order they happened, and the end. This Schema is the single description of the format; the
 * writer (serialize.ts) emits exactly what it accepts, which the tests check by decoding.
 */
import * as Schema from "effect/Schema"
import { recordingFormat, recordingVersion } from "./serialize.ts"

export { recordingFormat, recordingVersion }

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
