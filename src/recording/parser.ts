/**
 * The reader's core: the bytes of a recording in, checked events out, chunk by chunk, in one pass.
 * It knows no files (reader.ts opens them); every problem is a line of text that the reader
 * prefixes with the file's name.
 *
 * A recording in the writer's layout (one event per line) is checked line by line, each line through
 * the fast canonical parser, or JSON.parse and the Schema when it is in any other form. Any other
 * layout of the same JSON is gathered (up to a bound) and parsed whole at the end. Schema problems
 * are collected over the whole recording; once there is one, no more events are handed out.
 */
import * as Result from "effect/Result"
import {
  type RecordedLine,
  type RunEnd,
  RunEnd as RunEndSchema,
  type RunHeader,
  RunHeader as RunHeaderSchema,
  type SimEvent,
} from "../core/engine/events.ts"
import { ConsistencyCheck, type StoryCheck } from "../core/recording/consistency.ts"
import {
  pipelineRecordingVersion,
  RecordedEvent,
  Recording,
  recordingFormat,
  recordingVersions,
} from "../core/recording/format.ts"
import { Problems } from "../core/recording/problems.ts"
import { quoteUntrusted } from "../core/recording/quoteUntrusted.ts"
import { parseCanonicalLine } from "./canonicalLine.ts"
import { LineSplitter, type LineVisitor } from "./lineSplitter.ts"
import { WholeDocument } from "./wholeDocument.ts"

/** The longest single line accepted in the writer's layout. */
const mostLineBytes = 64 * 1024 * 1024
/** An opening line longer than this is not the writer's: the document is read whole. */
const mostOpeningBytes = 1024 * 1024
/**
 * Blank lines in a row beyond which a recording is refused. The writer puts none between its events
 * and a person editing one a few; without a bound, a small compressed file can hold gigabytes of
 * newlines, each a line to read, and take minutes to be refused.
 */
const mostBlankBytes = 1024 * 1024

const streamedOpening = /^\{"format":.*,"events":\[$/
const eventsKey = ',"events":['
const endPrefix = '],"end":'
const CLOSE_BRACKET = 0x5d
const COMMA = 0x2c

/** A problem found in the recording, as a line without the file's name. */
export type Problem = string

type Parsed<A> = Result.Result<A, Problem>

const parseJson = (text: string, what: string): Parsed<unknown> => {
  try {
    return Result.succeed(JSON.parse(text))
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return Result.fail(
      /end of (JSON )?input|Unterminated/i.test(message)
        ? `is truncated: the JSON ends before the ${what} does`
        : `is not JSON (${message})`,
    )
  }
}

const checkHeader = (document: unknown): Problem | undefined => {
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    return "is not a prodcon recording (expected a JSON object)"
  }
  const { format, version } = document as { format?: unknown; version?: unknown }
  if (format !== recordingFormat) {
    return format === undefined
      ? `is not a prodcon recording (it has no "format" field)`
      : `is not a prodcon recording (format is ${quoteUntrusted(format)}, expected "${recordingFormat}")`
  }
  if (!recordingVersions.includes(version as never)) {
    return `has recording version ${quoteUntrusted(version)}; this program reads versions ${recordingVersions.join(" and ")}`
  }
  // A pipeline's recording is version 2, and only a pipeline's.
  const meta = (document as { meta?: { scenario?: { stages?: unknown } } }).meta
  const pipeline =
    typeof meta?.scenario === "object" && meta.scenario !== null && meta.scenario.stages !== undefined
  if (pipeline !== (version === pipelineRecordingVersion)) {
    return pipeline
      ? `has recording version ${version}, but its scenario has stages (a pipeline's recording is version ${pipelineRecordingVersion})`
      : `has recording version ${version}, but its scenario has no stages (version ${pipelineRecordingVersion} is a pipeline's)`
  }
  return undefined
}

/** Whitespace only, checked on the bytes: this runs for every line of a large recording. */
const isBlank = (bytes: Buffer, start: number, end: number): boolean => {
  for (let index = start; index < end; index++) {
    const byte = bytes[index]
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d && byte !== 0x0a) return false
  }
  return true
}

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`

/**
 * Events handed out at a time: few enough that they die young in V8's young generation (a batch
 * of a whole 4 MB chunk outlives it, and replay then spends its time in old-generation collections).
 */
const batchSize = 1024

export class RecordingParser implements LineVisitor {
  private layout: "undecided" | "lines" | "whole" = "undecided"
  private readonly splitter = new LineSplitter()
  /** Every chunk so far, while the layout is undecided or whole. */
  private raw = new WholeDocument()
  private readonly problems = new Problems()
  /** Known with the header: the story is checked against the recorded scenario. */
  private consistency: StoryCheck | undefined
  private inconsistency: string | undefined
  private fatal: Problem | undefined
  private ended = false
  private count = 0
  /** Bytes of the blank lines since the last line that was not blank. */
  private blankBytes = 0
  private batch: Array<SimEvent> = []
  /** By position in `batch`: its event's actor, as the check found it in the run's roster. */
  private batchActors: Array<number> = []
  /** The actors of the events `next` or `finish` last answered, in the same order. */
  actors: ReadonlyArray<number> = []
  /** Known once the opening line (or, in another layout, the whole document) has been read. */
  header: RunHeader | undefined
  end: RunEnd | undefined

  /** Takes the next chunk of input; its events come out of `next`, before the next chunk is pushed. */
  push(chunk: Buffer): Parsed<void> {
    if (this.layout !== "lines") {
      const problem = this.raw.push(
        chunk,
        "is too large to read whole, as a layout other than the writer's one event per line is read",
      )
      if (problem !== undefined) return Result.fail(problem)
      if (this.layout === "whole") return Result.succeed(undefined)
    }
    this.splitter.feed(chunk)
    return Result.succeed(undefined)
  }

  /** True while the last chunk pushed still holds lines to read. */
  get pending(): boolean {
    return this.layout !== "whole" && this.splitter.pending
  }

  /** Reads on in the last chunk pushed; answers the next events that passed every check so far. */
  next(): Parsed<ReadonlyArray<SimEvent>> {
    // Once the document is read whole, the lines left in the chunk that decided so are no events:
    // they are in `raw` already, with the rest of the document.
    if (this.layout !== "whole") this.splitter.lines(this)
    if (this.layout === "undecided" && this.splitter.carriedBytes > mostOpeningBytes) this.layout = "whole"
    if (this.layout === "lines" && this.splitter.carriedBytes > mostLineBytes) {
      return Result.fail(`has a line over ${megabytes(mostLineBytes)}`)
    }
    return this.takeBatch()
  }

  /** At the end of the input: answers the events still to hand out; the end is known after. */
  finish(): Parsed<ReadonlyArray<SimEvent>> {
    if (this.layout !== "whole") this.splitter.finish(this)
    if (this.layout !== "lines") return this.parseWhole()
    if (this.fatal === undefined && !this.ended)
      this.fatal = "is truncated: the JSON ends before the recording does"
    const events = this.takeBatch()
    if (Result.isFailure(events)) return events
    const problem = this.finalProblem()
    return problem === undefined ? events : Result.fail(problem)
  }

  /** One line of the input (LineVisitor); answers false to stop reading. */
  line(bytes: Buffer, start: number, end: number, unterminated: boolean): boolean {
    if (this.layout === "undecided") return this.opening(bytes.toString("utf8", start, end))
    if (isBlank(bytes, start, end)) {
      // With its newline: a run of empty lines is counted too.
      this.blankBytes += end - start + 1
      return (
        this.blankBytes <= mostBlankBytes ||
        this.stop(`has over ${megabytes(mostBlankBytes)} of blank lines in a row`)
      )
    }
    this.blankBytes = 0
    if (this.ended) return this.stop("has text after the end of the recording")
    if (bytes[start] === CLOSE_BRACKET) return this.endLine(bytes.toString("utf8", start, end))
    // The writer ends every event line but the last with a comma.
    const last = bytes[end - 1] === COMMA ? end - 1 : end
    const event = parseCanonicalLine(bytes, start, last)
    if (event !== undefined) {
      this.accept(event)
      return this.batch.length < batchSize
    }
    const parsed = parseJson(bytes.toString("utf8", start, last), "recording")
    if (Result.isFailure(parsed)) {
      return this.stop(
        unterminated
          ? "is truncated: the JSON ends before the recording does"
          : `events[${this.count}]: ${parsed.failure}`,
      )
    }
    const decoded = this.problems.decode(RecordedEvent, parsed.success, `events[${this.count}]`)
    if (decoded === undefined) this.count++
    else this.accept(decoded)
    return this.batch.length < batchSize
  }

  private opening(text: string): boolean {
    if (!streamedOpening.test(text)) {
      this.layout = "whole"
      return false
    }
    this.layout = "lines"
    this.raw.take()
    const document = parseJson(`${text.slice(0, -eventsKey.length)}}`, "recording")
    if (Result.isFailure(document)) return this.stop(document.failure)
    const problem = checkHeader(document.success)
    if (problem !== undefined) return this.stop(problem)
    this.header = this.problems.decode(RunHeaderSchema, (document.success as { meta?: unknown }).meta, "meta")
    return this.checkAgainst(this.header)
  }

  /** Sets up the check of the story against the header's scenario; false if the header itself is wrong. */
  private checkAgainst(header: RunHeader | undefined): boolean {
    if (header === undefined) return true
    const check = ConsistencyCheck.of(header)
    if (typeof check === "string") return this.stop(`is inconsistent: ${check}`)
    this.consistency = check
    return true
  }

  private endLine(text: string): boolean {
    if (!text.startsWith(endPrefix)) return this.stop(`events[${this.count}]: is not an event`)
    const document = parseJson(`{${text.slice(2)}`, "recording")
    if (Result.isFailure(document)) return this.stop(document.failure)
    this.ended = true
    this.end = this.problems.decode(RunEndSchema, (document.success as { end?: unknown }).end, "end")
    return true
  }

  /** One event read; a type this version does not know is set aside here, once for every reader. */
  private accept(event: RecordedLine): void {
    this.count++
    if (this.problems.any || this.inconsistency !== undefined || this.consistency === undefined) return
    // Every line keeps the format's rules (its time, the queue's bound); only known types go on,
    // which the check tells by the actor it found.
    this.inconsistency = this.consistency.check(event)
    const actor = this.consistency.actor
    if (this.inconsistency === undefined && actor >= 0) {
      this.batch.push(event as SimEvent)
      this.batchActors.push(actor)
    }
  }

  private stop(problem: Problem): false {
    this.fatal ??= problem
    return false
  }

  private takeBatch(): Parsed<ReadonlyArray<SimEvent>> {
    if (this.fatal !== undefined) return Result.fail(this.fatal)
    const batch = this.batch
    this.batch = []
    this.actors = this.batchActors
    this.batchActors = []
    return Result.succeed(batch)
  }

  private finalProblem(): Problem | undefined {
    if (this.problems.any) return this.problems.describe()
    const inconsistency =
      this.inconsistency ??
      (this.end === undefined || this.consistency === undefined
        ? undefined
        : this.consistency.checkEnd(this.end))
    return inconsistency === undefined ? undefined : `is inconsistent: ${inconsistency}`
  }

  /** Another layout: one JSON.parse, one Schema decode, then the same checks. */
  private parseWhole(): Parsed<ReadonlyArray<SimEvent>> {
    const bytes = this.raw.take()
    if (isBlank(bytes, 0, bytes.length)) return Result.fail("is empty")
    const document = parseJson(bytes.toString("utf8"), "recording")
    if (Result.isFailure(document)) return Result.fail(document.failure)
    const problem = checkHeader(document.success)
    if (problem !== undefined) return Result.fail(problem)
    const recording = this.problems.decode(Recording, document.success, "")
    if (recording === undefined) return Result.fail(this.problems.describe())
    this.header = recording.meta
    this.end = recording.end
    if (!this.checkAgainst(recording.meta)) return this.takeBatch()
    for (const event of recording.events) this.accept(event)
    const inconsistencyProblem = this.finalProblem()
    return inconsistencyProblem === undefined ? this.takeBatch() : Result.fail(inconsistencyProblem)
  }
}
