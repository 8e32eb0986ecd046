/**
 * The byte layout of a version-1 recording (format.ts holds its Schema). The layout is fixed (key
 * order, one event per line) so that the same run gives the same bytes on every machine, and a
 * large recording can be written, and read back, line by line. Kept free of Effect imports: the
 * recording worker thread loads it.
 */
import type { RunEnd, SimEvent } from "../engine/events.ts"
import type { ScenarioJson } from "../scenario/scenario.ts"

export const recordingFormat = "prodcon-recording"
export const recordingVersion = 1

export interface RecordingHeader {
  readonly mode: string
  readonly seed: number
  readonly clock: "virtual" | "live"
  readonly generator: string
  readonly scenario: ScenarioJson
}

export const serializeOpening = (header: RecordingHeader): string =>
  `{"format":${JSON.stringify(recordingFormat)},"version":${recordingVersion},"meta":${JSON.stringify({
    mode: header.mode,
    seed: header.seed,
    clock: header.clock,
    generator: header.generator,
    scenario: header.scenario,
  })},"events":[`

// A run has a handful of distinct types and actor names: quote each once (the hot path of writing).
const quotedStrings = new Map<string, string>()
const quoted = (text: string): string => {
  let json = quotedStrings.get(text)
  if (json === undefined) {
    json = JSON.stringify(text)
    if (quotedStrings.size < 10_000) quotedStrings.set(text, json)
  }
  return json
}

/** One event as one line of JSON, keys in a fixed order; the same as JSON.stringify would give. */
export const serializeEvent = (event: SimEvent): string => {
  let line = `{"at":${event.at},"type":${quoted(event.type)},"actor":${quoted(event.actor)}`
  if (event.item !== undefined) line += `,"item":${event.item}`
  if (event.value !== undefined) line += `,"value":${event.value}`
  if (event.index !== undefined) line += `,"index":${event.index}`
  return `${line}}`
}

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
