/**
 * The reference's recording writer: the product's recording layout (src/recording/serialize.ts),
 * spelled out again here so that the reference depends on nothing of the product. Every event line
 * is written as bytes into one reused buffer, from pieces encoded once per actor, with numbers
 * written two digits at a time; the buffer goes to the file whenever it is nearly full.
 */
import * as fs from "node:fs"
import { type LectureOutput, type LectureRun, runLecture } from "./lectureLoop.ts"

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text)

/** A duration as the product spells it in a recording's scenario. */
const durationText = (micros: number): string =>
  micros % 1_000_000 === 0
    ? `${micros / 1_000_000}s`
    : micros % 1_000 === 0
      ? `${micros / 1_000}ms`
      : `${micros}us`

/** The opening line: format, version and the run's meta, as `simulate --mode async` writes them. */
export const openingText = (run: LectureRun, generator: string): string =>
  `{"format":"prodcon-recording","version":1,"meta":${JSON.stringify({
    mode: "async",
    seed: run.seed,
    clock: "virtual",
    generator,
    scenario: {
      mode: "async",
      producers: run.producers,
      items: run.itemsPerProducer,
      consumers: 1,
      capacity: null,
      whenFull: "suspend",
      produce: `uniform(${durationText(run.pauseMicros.min)},${durationText(run.pauseMicros.max)})`,
      process: durationText(run.processMicros),
      timeout: null,
      seed: run.seed,
      clock: "virtual",
      start: "together",
      handoff: "wait",
      pollInterval: "10ms",
    },
  })},"events":[`

export const closingText = (endMicros: number): string =>
  `\n],"end":{"at":${endMicros},"reason":"completed"}}\n`

/** "00" to "99", two character codes a pair. */
const digitPairs = ascii(Array.from({ length: 100 }, (_, n) => String(n).padStart(2, "0")).join(""))

/** The number of decimal digits of 0 <= value < 2^31, by comparisons (no division). */
const digitCount = (value: number): number =>
  value < 1e5
    ? value < 100
      ? value < 10
        ? 1
        : 2
      : value < 1e3
        ? 3
        : value < 1e4
          ? 4
          : 5
    : value < 1e7
      ? value < 1e6
        ? 6
        : 7
      : value < 1e8
        ? 8
        : value < 1e9
          ? 9
          : 10

const bufferBytes = 1 << 20
/** More than the longest line: keys, a long actor name, and four numbers of up to 16 digits. */
const roomForALine = 256

export class RecordingBytes implements LectureOutput {
  private readonly descriptor: number
  private readonly buffer = new Uint8Array(bufferBytes)
  private used = 0
  private lineStart = ascii('\n{"at":')
  private readonly nextLineStart = ascii(',\n{"at":')
  /** By producer: `,"type":"produced","actor":"producer-N","item":`. */
  private readonly producedLabels: ReadonlyArray<Uint8Array>
  private readonly dequeuedLabel = ascii(',"type":"dequeued","actor":"consumer-1","item":')
  private readonly processedLabel = ascii(',"type":"processed","actor":"consumer-1","item":')
  private readonly valueKey = ascii(',"value":')
  private readonly indexKey = ascii(',"index":')

  constructor(descriptor: number, producers: number, opening: string) {
    this.descriptor = descriptor
    this.producedLabels = Array.from({ length: producers }, (_, index) =>
      ascii(`,"type":"produced","actor":"producer-${index + 1}","item":`),
    )
    this.writeText(opening)
  }

  produced(at: number, producer: number, item: number, value: number, index: number): void {
    let offset = this.startLine(at)
    offset = this.copy(this.producedLabels[producer] as Uint8Array, offset)
    offset = this.number(item, offset)
    offset = this.number(value, this.copy(this.valueKey, offset))
    offset = this.number(index, this.copy(this.indexKey, offset))
    this.buffer[offset] = 0x7d // }
    this.used = offset + 1
  }

  dequeued(at: number, item: number, value: number): void {
    this.consumerLine(at, this.dequeuedLabel, item, value)
  }

  processed(at: number, item: number, value: number): void {
    this.consumerLine(at, this.processedLabel, item, value)
  }

  /** Writes the closing and what is still buffered. */
  finish(endMicros: number): void {
    this.writeText(closingText(endMicros))
  }

  private consumerLine(at: number, label: Uint8Array, item: number, value: number): void {
    let offset = this.copy(label, this.startLine(at))
    offset = this.number(item, offset)
    offset = this.number(value, this.copy(this.valueKey, offset))
    this.buffer[offset] = 0x7d
    this.used = offset + 1
  }

  /** Makes room for a line and writes its start and time; answers where the rest goes. */
  private startLine(at: number): number {
    if (this.used + roomForALine > bufferBytes) this.flush()
    const offset = this.copy(this.lineStart, this.used)
    this.lineStart = this.nextLineStart
    return this.number(at, offset)
  }

  private copy(bytes: Uint8Array, offset: number): number {
    const length = bytes.length
    if (length > 16) {
      this.buffer.set(bytes, offset)
    } else {
      const buffer = this.buffer
      for (let index = 0; index < length; index++) buffer[offset + index] = bytes[index] as number
    }
    return offset + length
  }

  /** A whole number 0 <= value < 2^53 in decimal; answers the offset after it. */
  private number(value: number, offset: number): number {
    if (value < 2147483648) return this.smallNumber(value | 0, offset)
    // Past 2^31 (times after 36 minutes, values past item 46,340): the last eight digits apart.
    const high = Math.floor(value / 1e8)
    return this.eightDigits(value - high * 1e8, this.smallNumber(high, offset))
  }

  /** 0 <= value < 2^31 in decimal. */
  private smallNumber(value: number, offset: number): number {
    const buffer = this.buffer
    const end = offset + digitCount(value)
    let position = end
    let rest = value
    while (rest >= 100) {
      const quotient = (rest / 100) | 0
      const pair = (rest - quotient * 100) * 2
      buffer[--position] = digitPairs[pair + 1] as number
      buffer[--position] = digitPairs[pair] as number
      rest = quotient
    }
    if (rest >= 10) {
      buffer[--position] = digitPairs[rest * 2 + 1] as number
      buffer[--position] = digitPairs[rest * 2] as number
    } else {
      buffer[--position] = 0x30 + rest
    }
    return end
  }

  /** Exactly eight digits of 0 <= value < 10^8, zeros in front. */
  private eightDigits(value: number, offset: number): number {
    const buffer = this.buffer
    let rest = value | 0
    for (let position = offset + 6; position >= offset; position -= 2) {
      const quotient = (rest / 100) | 0
      const pair = (rest - quotient * 100) * 2
      buffer[position] = digitPairs[pair] as number
      buffer[position + 1] = digitPairs[pair + 1] as number
      rest = quotient
    }
    return offset + 8
  }

  private writeText(text: string): void {
    this.flush()
    const bytes = Buffer.from(text, "utf8")
    this.writeAll(bytes, bytes.length)
  }

  private flush(): void {
    this.writeAll(this.buffer, this.used)
    this.used = 0
  }

  private writeAll(bytes: Uint8Array, length: number): void {
    let written = 0
    while (written < length) written += fs.writeSync(this.descriptor, bytes, written, length - written)
  }
}

/** Runs the lecture scenario and writes its recording to `file`; answers the end's time. */
export const recordLecture = (run: LectureRun, file: string, generator: string): number => {
  const descriptor = fs.openSync(file, "w")
  try {
    const recording = new RecordingBytes(descriptor, run.producers, openingText(run, generator))
    const endMicros = runLecture(run, recording)
    recording.finish(endMicros)
    return endMicros
  } finally {
    fs.closeSync(descriptor)
  }
}
