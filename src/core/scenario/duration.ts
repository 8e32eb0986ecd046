/**
 * Durations as the user writes them (`500ms`, `1.5s`, `2m`, `1h`, `250us`) and as the engine keeps them:
 * integer microseconds. Parsing works on the decimal digits, never on floats, so `0.1s` is exactly
 * 100000 us and no drift can creep into a run.
 */
import * as Result from "effect/Result"

const unitMicros: Record<string, bigint> = {
  us: 1n,
  µs: 1n,
  ms: 1_000n,
  s: 1_000_000n,
  m: 60_000_000n,
  h: 3_600_000_000n,
}

const durationPattern = /^(\d+)(?:\.(\d+))?(us|µs|ms|s|m|h)$/
const bareNumber = /^\d+(?:\.\d+)?$/

/** What a DURATION is, for messages. */
export const durationForms = "a number with us, ms, s, m or h, e.g. 500ms or 1.5s"

/** For a number typed without its unit (`500`), the spellings the user probably meant. */
export const unitSuggestion = (text: string): string => {
  const trimmed = text.trim()
  return bareNumber.test(trimmed) ? `; did you mean ${trimmed}ms or ${trimmed}s?` : ""
}

/** Parses a DURATION into microseconds, or fails with a message saying what is wrong. */
export const parseDuration = (text: string): Result.Result<number, string> => {
  const match = durationPattern.exec(text.trim())
  if (match === null) {
    return Result.fail(`"${text}" is not a duration (${durationForms})${unitSuggestion(text)}`)
  }
  const [, whole = "", fraction = "", unit = ""] = match
  const scale = 10n ** BigInt(fraction.length)
  const scaled = BigInt(whole + fraction) * (unitMicros[unit] ?? 1n)
  if (scaled % scale !== 0n) {
    return Result.fail(`"${text}" is finer than a microsecond`)
  }
  const micros = scaled / scale
  if (micros > BigInt(Number.MAX_SAFE_INTEGER)) {
    return Result.fail(`"${text}" is too long`)
  }
  return Result.succeed(Number(micros))
}

/** The shortest exact spelling of a duration: `5s`, `1500ms`, `250us`. */
export const formatDuration = (micros: number): string => {
  if (micros !== 0 && micros % 1_000_000 === 0) return `${micros / 1_000_000}s`
  if (micros % 1_000 === 0) return `${micros / 1_000}ms`
  return `${micros}us`
}

/** Microseconds to seconds, for statistics and JSON. */
export const microsToSeconds = (micros: number): number => micros / 1_000_000
