/**
 * The byte layout of a version-1 recording (format.ts holds its Schema). The layout is fixed (key
 * order, one event per line) so that the same run gives the same bytes on every machine, and a
 * large recording can be written, and read back, line by line. eventEncoder.ts writes the same
 * event lines as bytes, on the hot path.
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

/** The `"type"` and `"actor"` part of an event line, quoted as JSON. */
export const serializeLabel = (type: string, actor: string): string =>
  `,"type":${JSON.stringify(type)},"actor":${JSON.stringify(actor)}`

// A run has a handful of distinct labels: quote each once (the hot path of writing).
const labels = new Map<string, Map<string, string>>()
const labelOf = (type: string, actor: string): string => {
  let byActor = labels.get(type)
  if (byActor === undefined) {
    byActor = new Map()
    labels.set(type, byActor)
  }
  let label = byActor.get(actor)
  if (label === undefined) {
    label = serializeLabel(type, actor)
    if (byActor.size < 10_000) byActor.set(actor, label)
  }
  return label
}

/**
 * One event as one line of JSON, keys in a fixed order (at, type, actor, item, value, index), the
 * same as JSON.stringify would give. `label` comes from serializeLabel; absent fields are undefined.
 */
export const serializeEventFields = (
  at: number,
  label: string,
  item: number | undefined,
  value: number | undefined,
  index: number | undefined,
): string => {
  let line = `{"at":${at}${label}`
  if (item !== undefined) line += `,"item":${item}`
  if (value !== undefined) line += `,"value":${value}`
  if (index !== undefined) line += `,"index":${index}`
  return `${line}}`
}

export const serializeEvent = (event: SimEvent): string =>
  serializeEventFields(event.at, labelOf(event.type, event.actor), event.item, event.value, event.index)

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
