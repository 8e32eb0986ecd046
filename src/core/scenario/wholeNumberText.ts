/**
 * A whole number as typed (a flag's value, a playground field): what it is, or what was expected.
 * The command line's flags and the playground's fields read numbers through here, so both refuse
 * the same text with the same words.
 */
import * as Result from "effect/Result"

/** The largest whole number a double holds exactly: a whole number above it is refused, not rounded. */
export const largestWhole = Number.MAX_SAFE_INTEGER
const plainNumber = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

/** What each whole-number setting stands for, for the message that refuses a value. */
export const wholeNumberMeanings = {
  producers: "a count of producers, a whole number such as 2",
  items: "a count of items per producer, a whole number such as 20",
  consumers: "a count of consumers, a whole number such as 2",
  capacity: "the most items the queue holds, a whole number such as 10",
  seed: "a seed: a whole number (0, 1, 2, ...) that fixes every random draw, so the same seed gives the same run",
} as const

/**
 * `text` as a whole number, or what was expected instead: `meaning` (what the number is), or, for a
 * whole number past 2^53 - 1, that it cannot be counted exactly (rather than Effect's "Expected a
 * string representing a finite number", which says neither).
 */
export const parseWholeNumber = (text: string, meaning: string): Result.Result<number, string> => {
  const value = Number(text)
  if (plainNumber.test(text.trim()) && Number.isSafeInteger(value)) return Result.succeed(value)
  return Result.fail(
    plainNumber.test(text.trim()) && Number.isInteger(value)
      ? `a whole number up to ${largestWhole} (2^53 - 1), the largest counted exactly`
      : meaning,
  )
}

/** A refused flag value, in the words of Effect's command line (which says it for the flags). */
export const invalidFlagValue = (flag: string, text: string, expected: string): string =>
  `Invalid value for flag ${flag}: ${JSON.stringify(text)}. Expected: ${expected}`
