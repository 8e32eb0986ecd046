/**
 * The byte layout of a version-1 recording (format.ts holds its Schema). The layout is fixed (key
 * order, one event per line) so that the same run gives the same bytes on every machine, and a
 * large recording can be written, and read back, line by line. eventEncoder.ts writes the same
 * event lines as bytes, on the hot path; this is the definition they are held to.
 */
import type { RecordedLine, RunEnd, RunHeader } from "../engine/events.ts"
import { pipelineRecordingVersion, recordingFormat, recordingVersion } from "./format.ts"

export const serializeOpening = (header: RunHeader): string =>
  `{"format":${JSON.stringify(recordingFormat)},"version":${header.scenario.stages === undefined ? recordingVersion : pipelineRecordingVersion},"meta":${JSON.stringify(
    {
      mode: header.mode,
      seed: header.seed,
      clock: header.clock,
      generator: header.generator,
      scenario: header.scenario,
    },
  )},"events":[`

/** The `"type"` and `"actor"` part of an event line, quoted as JSON. */
export const serializeLabel = (type: string, actor: string): string =>
  `,"type":${JSON.stringify(type)},"actor":${JSON.stringify(actor)}`

/** A pipeline event's own keys: its stage and, on a failed attempt, which one. */
/** A pipeline event's `stage` key, with the comma before it. */
export const serializeStageKey = (stage: string): string => `,"stage":${JSON.stringify(stage)}`

export const serializePipelineKeys = (event: RecordedLine): string =>
  (event.stage === undefined ? "" : serializeStageKey(event.stage)) +
  (event.attempt === undefined ? "" : `,"attempt":${event.attempt}`)

/**
 * One event as one line of JSON, keys in a fixed order (at, type, actor, item, value, index, stage,
 * attempt), as JSON.stringify would give.
 */
export const serializeEvent = (event: RecordedLine): string => {
  let line = `{"at":${event.at}${serializeLabel(event.type, event.actor)}`
  if (event.item !== undefined) line += `,"item":${event.item}`
  if (event.value !== undefined) line += `,"value":${event.value}`
  if (event.index !== undefined) line += `,"index":${event.index}`
  return `${line}${serializePipelineKeys(event)}}`
}

export const serializeEnd = (end: RunEnd): string => JSON.stringify({ at: end.at, reason: end.reason })

export const serializeClosing = (end: RunEnd): string => `\n],"end":${serializeEnd(end)}}\n`

/** The whole document at once, for small recordings and tests. */
export const serializeRecording = (
  header: RunHeader,
  events: ReadonlyArray<RecordedLine>,
  end: RunEnd,
): string =>
  serializeOpening(header) +
  events.map((event, index) => (index === 0 ? "\n" : ",\n") + serializeEvent(event)).join("") +
  serializeClosing(end)
