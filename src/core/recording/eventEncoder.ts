/**
 * Encodes events as recording lines straight into bytes, for the hot path of writing: no string
 * is made per event. Each distinct (type, actor) pair is encoded once; whole numbers are written
 * two digits at a time. The bytes are exactly those of serializeEvent (serialize.ts), which stays
 * the definition of the layout; a test holds the two together on every kind of value.
 */
import type { SimEvent } from "../engine/events.ts"
import {
  attemptKey,
  closeBrace,
  firstLineStart,
  indexKey,
  itemKey,
  lineStart,
  utf8,
  valueKey,
} from "./lineBytes.ts"
import { serializeLabel, serializeStageKey } from "./serialize.ts"

/** "00" to "99" as character codes, two bytes a pair. */
const digitPairs = utf8(Array.from({ length: 100 }, (_, n) => String(n).padStart(2, "0")).join(""))

/**
 * Most bytes one event line can take besides its label: separator, keys and closing brace, and
 * four numbers as long as String() can make one (24 characters, as in -2.2250738585072014e-308).
 */
const maxLineBytesBesidesLabel = 8 + 8 + 9 + 9 + 1 + 4 * 24
/** The same for a pipeline's `attempt` key and its number. */
const maxAttemptBytes = attemptKey.length + 24
/** Stage keys kept encoded: a run has a few stages; a stream of strange names cannot grow it past this. */
const mostStageKeys = 64

/** The number of decimal digits of 0 <= value < 2^31. */
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

interface Label {
  readonly type: string
  readonly bytes: Uint8Array
}

export class EventEncoder {
  // By actor, the few labels it uses: one Map lookup per event, then a scan of two to four entries.
  private readonly labels = new Map<string, Array<Label>>()
  private first = true
  // The stages met so far and their keys as bytes, compared in turn: a run has a few stages.
  private readonly stageNames: Array<string> = []
  private readonly stageKeys: Array<Uint8Array> = []

  /** A pipeline event's `stage` key as bytes. */
  private stageKey(stage: string): Uint8Array {
    const names = this.stageNames
    for (let index = 0; index < names.length; index++)
      if (names[index] === stage) return this.stageKeys[index] as Uint8Array
    const bytes = utf8(serializeStageKey(stage))
    if (names.length < mostStageKeys) {
      names.push(stage)
      this.stageKeys.push(bytes)
    }
    return bytes
  }

  /** Bytes the pipeline's keys after a stage key of `stageBytes` can take (`attempt` goes with a stage). */
  private pipelineBytes(event: SimEvent, stageBytes: number): number {
    return event.stage === undefined ? 0 : stageBytes + (event.attempt === undefined ? 0 : maxAttemptBytes)
  }

  private label(type: string, actor: string): Uint8Array {
    let known = this.labels.get(actor)
    if (known === undefined) {
      known = []
      this.labels.set(actor, known)
    }
    for (let index = 0; index < known.length; index++) {
      const entry = known[index] as Label
      if (entry.type === type) return entry.bytes
    }
    const bytes = utf8(serializeLabel(type, actor))
    if (known.length < 64) known.push({ type, bytes })
    return bytes
  }

  /**
   * Writes the event's line, with the separator before it, into `buffer` at `offset`; answers the
   * offset after it, or -1 (nothing written) when the line might not fit in what is left.
   */
  encode(event: SimEvent, buffer: Uint8Array, offset: number): number {
    const label = this.label(event.type, event.actor)
    // A pipeline's keys; single-stage runs (the hot path) have none.
    const stageKey = event.stage === undefined ? undefined : this.stageKey(event.stage)
    const pipelineBytes = this.pipelineBytes(event, stageKey?.length ?? 0)
    if (offset + label.length + maxLineBytesBesidesLabel + pipelineBytes > buffer.length) return -1
    let at = copy(this.first ? firstLineStart : lineStart, buffer, offset)
    this.first = false
    at = writeNumber(event.at, buffer, at)
    at = copy(label, buffer, at)
    if (event.item !== undefined) at = writeNumber(event.item, buffer, copy(itemKey, buffer, at))
    if (event.value !== undefined) at = writeNumber(event.value, buffer, copy(valueKey, buffer, at))
    if (event.index !== undefined) at = writeNumber(event.index, buffer, copy(indexKey, buffer, at))
    if (stageKey !== undefined) {
      at = copy(stageKey, buffer, at)
      if (event.attempt !== undefined) at = writeNumber(event.attempt, buffer, copy(attemptKey, buffer, at))
    }
    buffer[at] = closeBrace
    return at + 1
  }

  /** Bytes the longest line of `event` can take. */
  maxBytes(event: SimEvent): number {
    const stageBytes = event.stage === undefined ? 0 : this.stageKey(event.stage).length
    return (
      this.label(event.type, event.actor).length +
      maxLineBytesBesidesLabel +
      this.pipelineBytes(event, stageBytes)
    )
  }
}

const copy = (source: Uint8Array, target: Uint8Array, offset: number): number => {
  const length = source.length
  if (length > 16) {
    target.set(source, offset)
  } else {
    for (let index = 0; index < length; index++) target[offset + index] = source[index] as number
  }
  return offset + length
}

/** 0 <= value < 2^31 in decimal, two digits at a time; answers the offset after it. */
const writeSmall = (value: number, target: Uint8Array, offset: number): number => {
  const end = offset + digitCount(value)
  let position = end
  // `| 0` tells the compiler these are small integers, so that / 100 becomes a multiplication.
  let rest = value | 0
  while (rest >= 100) {
    const quotient = (rest / 100) | 0
    const pair = (rest - quotient * 100) * 2
    target[--position] = digitPairs[pair + 1] as number
    target[--position] = digitPairs[pair] as number
    rest = quotient
  }
  if (rest >= 10) {
    target[--position] = digitPairs[rest * 2 + 1] as number
    target[--position] = digitPairs[rest * 2] as number
  } else {
    target[--position] = 48 + rest
  }
  return end
}

/** Exactly nine digits of 0 <= value < 10^9, zeros in front. */
const writeNineDigits = (value: number, target: Uint8Array, offset: number): number => {
  let position = offset + 9
  let rest = value | 0
  for (let pairs = 0; pairs < 4; pairs++) {
    const quotient = (rest / 100) | 0
    const pair = (rest - quotient * 100) * 2
    target[--position] = digitPairs[pair + 1] as number
    target[--position] = digitPairs[pair] as number
    rest = quotient
  }
  target[offset] = 48 + rest
  return offset + 9
}

/** A number as JSON writes it: whole numbers digit by digit, anything else through String(). */
const writeNumber = (value: number, target: Uint8Array, offset: number): number => {
  if (value >= 0 && value < 2147483648 && (value | 0) === value) return writeSmall(value, target, offset)
  if (value >= 2147483648 && value <= Number.MAX_SAFE_INTEGER && Math.floor(value) === value) {
    // Times in microseconds pass 2^31 after 36 minutes: split off the last nine digits.
    const high = Math.floor(value / 1e9)
    return writeNineDigits(value - high * 1e9, target, writeSmall(high, target, offset))
  }
  const text = String(value)
  for (let index = 0; index < text.length; index++) target[offset + index] = text.charCodeAt(index)
  return offset + text.length
}
