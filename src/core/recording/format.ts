/**
 * The recording format: one JSON document with a header (`meta`), the events in the order they
 * happened, and the end. Version 1 is a single queue's; version 2 a pipeline's (its scenario has
 * `stages`, its events `stage` and, on a failed attempt, `attempt`), read by the same Schema. This Schema is the single description of the format; the writer
 * (serialize.ts, eventEncoder.ts) emits exactly what it accepts, which the tests check by decoding.
 */
import * as Schema from "effect/Schema"
import { RunEnd, RunHeader } from "../engine/events.ts"

export const recordingFormat = "prodcon-recording"
export const recordingVersion = 1
export const pipelineRecordingVersion = 2
export const recordingVersions = [recordingVersion, pipelineRecordingVersion] as const

export const RecordedEvent = Schema.Struct({
  at: RunEnd.fields.at,
  type: Schema.String,
  actor: Schema.String,
  item: Schema.optionalKey(Schema.Int),
  value: Schema.optionalKey(Schema.Finite),
  index: Schema.optionalKey(Schema.Int),
  stage: Schema.optionalKey(Schema.String),
  attempt: Schema.optionalKey(Schema.Int),
})

export const Recording = Schema.Struct({
  format: Schema.Literal(recordingFormat),
  version: Schema.Literals(recordingVersions),
  meta: RunHeader,
  events: Schema.Array(RecordedEvent),
  end: RunEnd,
})
export type Recording = typeof Recording.Type
