/**
 * Reads a recording a user hands us. A recording is untrusted input: every way it can be wrong ends
 * in one line that names the file and the problem (with JSON paths, all of them, up to twenty),
 * never a crash. Reading never writes or changes the file.
 *
 * A recording in the writer's layout (one event per line) is read as a stream, line by line, so a
 * recording of millions of events needs no more memory than the statistics of it; each line goes
 * through the fast canonical parser, or JSON.parse and the Schema when it is in any other form.
 * Any other layout of the same JSON is parsed whole.
 */
import * as fs from "node:fs"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import type { RunEnd, SimEvent } from "../engine/events.ts"
import { fileErrorReason, UsageError, usageError } from "../scenario/errors.ts"
import { schemaProblems } from "../scenario/schemaProblems.ts"
import { parseCanonicalLine } from "./canonicalLine.ts"
import { ConsistencyCheck } from "./consistency.ts"
import {
  RecordedEvent,
  Recording,
  RecordingEnd,
  RecordingMeta,
  recordingFormat,
  recordingVersion,
} from "./format.ts"

export type RecordedMeta = typeof RecordingMeta.Type

export interface OpenedRecording {
  readonly meta: RecordedMeta
  readonly end: RunEnd
  readonly eventCount: number
  /** The events again, in order (read from the file again when it was streamed). */
  readonly events: () => Iterable<SimEvent>
}

const mostProblemsShown = 20
const chunkBytes = 1 << 22
const streamedOpening = /^\{"format":.*,"events":\[$/
const eventsKey = ',"events":['
const endPrefix = '],"end":'

/** Schema problems, collected over the whole recording. */
class Problems {
  private readonly shown: Array<string> = []
  private count = 0

  add(message: string): void {
    if (this.shown.length < mostProblemsShown) this.shown.push(message)
    this.count++
  }

  /** Decodes with `schema`; on failure records every problem, with paths under `prefix`. */
  decode<S extends Schema.Decoder<unknown>>(
    schema: S,
    value: unknown,
    prefix: string,
  ): S["Type"] | undefined {
    const decoded = Schema.decodeUnknownResult(schema)(value, { errors: "all" })
    if (Result.isSuccess(decoded)) return decoded.success
    for (const { path, message } of schemaProblems(decoded.failure.issue, { prefix }))
      this.add(`${path}: ${message}`)
    return undefined
  }

  get any(): boolean {
    return this.count > 0
  }

  toError(): UsageError {
    const more = this.count > this.shown.length ? `; and ${this.count - this.shown.length} more` : ""
    return usageError(`does not match the recording format: ${this.shown.join("; ")}${more}`)
  }
}

const parseJson = (text: string, what: string): unknown => {
  try {
    return JSON.parse(text)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (/end of (JSON )?input|Unterminated/i.test(message)) {
      throw usageError(`is truncated: the JSON ends before the ${what} does`)
    }
    throw usageError(`is not JSON (${message})`)
  }
}

const checkHeader = (document: unknown): void => {
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw usageError("is not a prodcon recording (expected a JSON object)")
  }
  const { format, version } = document as { format?: unknown; version?: unknown }
  if (format !== recordingFormat) {
    throw usageError(
      format === undefined
        ? `is not a prodcon recording (it has no "format" field)`
        : `is not a prodcon recording (format is ${JSON.stringify(format)}, expected "${recordingFormat}")`,
    )
  }
  if (version !== recordingVersion) {
    throw usageError(
      `has recording version ${JSON.stringify(version)}; this program reads version ${recordingVersion}`,
    )
  }
}

/** The lines of a file, as byte ranges of a reused buffer, read in large chunks. */
function* lines(file: string): Generator<{
  readonly bytes: Buffer
  readonly start: number
  readonly end: number
  readonly unterminated?: true
}> {
  const descriptor = fs.openSync(file, "r")
  try {
    let buffer = Buffer.allocUnsafe(chunkBytes)
    let filled = 0
    let atEnd = false
    while (true) {
      if (!atEnd) {
        const read = fs.readSync(descriptor, buffer, filled, buffer.length - filled, null)
        atEnd = read === 0
        filled += read
      }
      let start = 0
      for (
        let newline = buffer.indexOf(10, 0);
        newline !== -1 && newline < filled;
        newline = buffer.indexOf(10, start)
      ) {
        yield { bytes: buffer, start, end: newline }
        start = newline + 1
      }
      if (atEnd) {
        if (start < filled) yield { bytes: buffer, start, end: filled, unterminated: true }
        return
      }
      // Keep the unfinished line; grow the buffer if a single line fills it.
      buffer.copy(buffer, 0, start, filled)
      filled -= start
      if (filled === buffer.length) {
        const larger = Buffer.allocUnsafe(buffer.length * 2)
        buffer.copy(larger, 0, 0, filled)
        buffer = larger
      }
    }
  } finally {
    fs.closeSync(descriptor)
  }
}

/** The event on one line (a trailing comma allowed), by the fast path or by JSON.parse. */
const eventOnLine = (bytes: Buffer, start: number, end: number): SimEvent | { readonly text: string } => {
  const last = bytes[end - 1] === 44 ? end - 1 : end
  return parseCanonicalLine(bytes, start, last) ?? { text: bytes.toString("utf8", start, last) }
}

/** Whitespace only, checked on the bytes: this runs for every line of a large recording. */
const isBlank = (bytes: Buffer, start: number, end: number): boolean => {
  for (let index = start; index < end; index++) {
    const byte = bytes[index]
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d && byte !== 0x0a) return false
  }
  return true
}

/** What a line after the opening one holds, in the writer's layout. */
type BodyLine =
  | {
      readonly kind: "event"
      readonly parsed: SimEvent | { readonly text: string }
      readonly unterminated: boolean
    }
  | { readonly kind: "end"; readonly text: string }
  | { readonly kind: "after-end" }

/** The lines after the opening one, blank ones skipped; the one scan both reading passes share. */
function* bodyLines(file: string): Generator<BodyLine> {
  let opening = true
  let ended = false
  for (const { bytes, start, end, unterminated } of lines(file)) {
    if (opening) {
      opening = false
      continue
    }
    if (isBlank(bytes, start, end)) continue
    if (ended) {
      yield { kind: "after-end" }
      return
    }
    if (bytes[start] === 0x5d) {
      ended = true
      yield { kind: "end", text: bytes.toString("utf8", start, end) }
      continue
    }
    yield { kind: "event", parsed: eventOnLine(bytes, start, end), unterminated: unterminated === true }
  }
}

interface Reading {
  readonly consume: (event: SimEvent) => void
  readonly problems: Problems
  readonly consistency: ConsistencyCheck
  inconsistency: string | undefined
  count: number
}

const accept = (reading: Reading, event: SimEvent): void => {
  reading.count++
  if (reading.problems.any || reading.inconsistency !== undefined) return
  reading.inconsistency = reading.consistency.check(event)
  if (reading.inconsistency === undefined) reading.consume(event)
}

/** Reads a recording in the writer's layout, line by line. */
const readStreamed = (file: string, openingLine: string, reading: Reading): OpenedRecording => {
  const header = parseJson(`${openingLine.slice(0, -eventsKey.length)}}`, "recording")
  checkHeader(header)
  const meta = reading.problems.decode(RecordingMeta, (header as { meta?: unknown }).meta, "meta")
  let end: RunEnd | undefined
  for (const line of bodyLines(file)) {
    if (line.kind === "after-end") throw usageError("has text after the end of the recording")
    if (line.kind === "end") {
      if (!line.text.startsWith(endPrefix)) throw usageError(`events[${reading.count}]: is not an event`)
      const document = parseJson(`{${line.text.slice(2)}`, "recording") as { end?: unknown }
      end = reading.problems.decode(RecordingEnd, document.end, "end") ?? { at: 0, reason: "completed" }
      continue
    }
    const { parsed } = line
    if ("at" in parsed) {
      accept(reading, parsed)
      continue
    }
    const where = `events[${reading.count}]`
    let value: unknown
    try {
      value = JSON.parse(parsed.text)
    } catch (error) {
      if (line.unterminated) throw usageError("is truncated: the JSON ends before the recording does")
      throw usageError(`${where}: is not JSON (${error instanceof Error ? error.message : String(error)})`)
    }
    const event = reading.problems.decode(RecordedEvent, value, where)
    if (event === undefined) reading.count++
    else accept(reading, event)
  }
  if (end === undefined) throw usageError("is truncated: the JSON ends before the recording does")
  finishChecks(reading, end)
  return {
    meta: meta as RecordedMeta,
    end,
    eventCount: reading.count,
    // Checked above, so the second pass only parses.
    events: function* () {
      for (const line of bodyLines(file)) {
        if (line.kind !== "event") return
        yield "at" in line.parsed ? line.parsed : (JSON.parse(line.parsed.text) as SimEvent)
      }
    },
  }
}

/** Reads a recording in any other layout: one JSON.parse, one Schema decode. */
const readWhole = (file: string, reading: Reading): OpenedRecording => {
  const document = parseJson(fs.readFileSync(file, "utf8"), "recording")
  checkHeader(document)
  const recording = reading.problems.decode(Recording, document, "")
  if (recording === undefined) throw reading.problems.toError()
  for (const event of recording.events) accept(reading, event)
  finishChecks(reading, recording.end)
  return {
    meta: recording.meta,
    end: recording.end,
    eventCount: recording.events.length,
    events: () => recording.events,
  }
}

const finishChecks = (reading: Reading, end: RunEnd): void => {
  if (reading.problems.any) throw reading.problems.toError()
  const inconsistency = reading.inconsistency ?? reading.consistency.checkEnd(end)
  if (inconsistency !== undefined) throw usageError(`is inconsistent: ${inconsistency}`)
}

/** The first line of the file, if it has one within the first chunk. */
const firstLine = (file: string): string | undefined => {
  for (const { bytes, start, end } of lines(file)) return bytes.toString("utf8", start, end)
  return undefined
}

/**
 * Opens and checks the recording in `file`, handing each event to `consume` as it is read (a
 * single pass is enough for statistics). Answers the recording, or a UsageError whose message
 * starts with `shownAs`. Events handed over before a problem is found should be discarded.
 */
export const readRecording = (
  file: string,
  shownAs: string,
  consume: (event: SimEvent) => void = () => {},
): OpenedRecording | UsageError => {
  try {
    const stat = fs.statSync(file, { throwIfNoEntry: false })
    if (stat === undefined) throw usageError("no such file")
    if (stat.isDirectory()) throw usageError("is a directory, not a recording")
    let opening: string | undefined
    try {
      opening = firstLine(file)
    } catch (error) {
      throw usageError(`cannot be read (${fileErrorReason(error)})`)
    }
    if (opening === undefined || (stat.size < 1 << 16 && isBlank(fs.readFileSync(file), 0, stat.size))) {
      throw usageError("is empty")
    }
    const reading: Reading = {
      consume,
      problems: new Problems(),
      consistency: new ConsistencyCheck(),
      inconsistency: undefined,
      count: 0,
    }
    return streamedOpening.test(opening) ? readStreamed(file, opening, reading) : readWhole(file, reading)
  } catch (error) {
    if (error instanceof UsageError) return usageError(`${shownAs}: ${error.message}`)
    throw error
  }
}
