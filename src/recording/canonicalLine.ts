/**
 * A fast reader for event lines exactly as our writer lays them out
 * (`{"at":N,"type":"T","actor":"A","item":N,"value":N,"index":N}`): it reads the bytes directly,
 * much faster than JSON.parse plus Schema decoding, which matters for a recording of
 * millions of events. It accepts only a strict subset of what the Schema accepts (whole numbers
 * without signs or leading zeros, plain ASCII names without escapes) and answers `undefined` for
 * anything else, which then goes through JSON.parse and the Schema. A test holds it to the Schema.
 */
import type { RecordedLine } from "../core/engine/events.ts"
import {
  actorKey as ACTOR,
  atKey as AT,
  closeBrace as CLOSE,
  indexKey as INDEX,
  itemKey as ITEM,
  typeKey as TYPE,
  valueKey as VALUE,
} from "../core/recording/lineBytes.ts"

const QUOTE = 0x22
const BACKSLASH = 0x5c
const ZERO = 0x30
const NINE = 0x39

/** 15 digits always fit a safe integer exactly. */
const mostDigits = 15

/**
 * Where the parser stands in the line. Module-level functions over this cursor, not closures made
 * per line: under tsx every closure created costs a name assignment, which on millions of lines is
 * most of the time.
 */
interface Cursor {
  bytes: Buffer
  position: number
  end: number
}

const literal = (cursor: Cursor, expected: Uint8Array): boolean => {
  const { bytes, position } = cursor
  if (position + expected.length > cursor.end) return false
  for (let index = 0; index < expected.length; index++) {
    if (bytes[position + index] !== expected[index]) return false
  }
  cursor.position = position + expected.length
  return true
}

const wholeNumber = (cursor: Cursor): number | undefined => {
  const { bytes, end } = cursor
  const first = cursor.position
  let position = first
  let value = 0
  while (position < end) {
    const byte = bytes[position] as number
    if (byte < ZERO || byte > NINE) break
    value = value * 10 + (byte - ZERO)
    position++
  }
  cursor.position = position
  const digits = position - first
  if (digits === 0 || digits > mostDigits) return undefined
  if (digits > 1 && bytes[first] === ZERO) return undefined
  return value
}

/**
 * The names seen so far, as bytes and as strings. A recording repeats a handful of types and actors
 * on every line: finding the string made before costs less than making a new one, and leaves no
 * garbage behind.
 */
const knownNames: Array<{ readonly bytes: Uint8Array; readonly text: string }> = []
const mostKnownNames = 64

const sameBytes = (known: Uint8Array, bytes: Buffer, first: number, length: number): boolean => {
  if (known.length !== length) return false
  for (let index = 0; index < length; index++) if (known[index] !== bytes[first + index]) return false
  return true
}

const nameAt = (bytes: Buffer, first: number, end: number): string => {
  const length = end - first
  for (let index = 0; index < knownNames.length; index++) {
    const known = knownNames[index] as { readonly bytes: Uint8Array; readonly text: string }
    if (sameBytes(known.bytes, bytes, first, length)) return known.text
  }
  const text = bytes.toString("latin1", first, end)
  if (knownNames.length < mostKnownNames)
    knownNames.push({ bytes: Uint8Array.from(bytes.subarray(first, end)), text })
  return text
}

const plainString = (cursor: Cursor): string | undefined => {
  const { bytes, end } = cursor
  const first = cursor.position
  for (let position = first; position < end; position++) {
    const byte = bytes[position] as number
    if (byte === QUOTE) {
      cursor.position = position + 1
      return nameAt(bytes, first, position)
    }
    if (byte < 0x20 || byte === BACKSLASH || byte >= 0x7f) return undefined
  }
  return undefined
}

/** An optional numeric field: absent (undefined), present (its value), or not canonical (null). */
const optionalField = (cursor: Cursor, key: Uint8Array): number | undefined | null =>
  literal(cursor, key) ? (wholeNumber(cursor) ?? null) : undefined

const cursor: Cursor = { bytes: Buffer.alloc(0), position: 0, end: 0 }

/** Parses the line in bytes[start, end): an event, or undefined if the line is not in canonical form. */
export const parseCanonicalLine = (bytes: Buffer, start: number, end: number): RecordedLine | undefined => {
  cursor.bytes = bytes
  cursor.position = start
  cursor.end = end
  if (!literal(cursor, AT)) return undefined
  const at = wholeNumber(cursor)
  if (at === undefined || !literal(cursor, TYPE)) return undefined
  const type = plainString(cursor)
  if (type === undefined || !literal(cursor, ACTOR)) return undefined
  const actor = plainString(cursor)
  if (actor === undefined) return undefined
  const item = optionalField(cursor, ITEM)
  const value = optionalField(cursor, VALUE)
  const index = optionalField(cursor, INDEX)
  if (item === null || value === null || index === null) return undefined
  if (cursor.position !== end - 1 || bytes[cursor.position] !== CLOSE) return undefined
  return { at, type, actor, item, value, index }
}
