/**
 * Rates as people state arrivals (`40/s`, `2400/m`, `90/h`): how many on average per unit of time.
 * A rate R stands for exponential gaps with mean 1/R, kept, like every time here, in whole
 * microseconds; so `poisson(40/s)` is exactly `exp(25ms)`, and a rate whose mean gap is not a whole
 * number of microseconds is rounded to the nearest one.
 */
import * as Result from "effect/Result"

const perUnitMicros: Record<string, number> = { s: 1_000_000, m: 60_000_000, h: 3_600_000_000 }

const ratePattern = /^(\d+(?:\.\d+)?)\/(s|m|h)$/

/** What a RATE is, for messages. */
export const rateForms = "a number per s, m or h, e.g. 40/s or 600/m"

/** Parses a RATE into the mean gap between arrivals, in microseconds. */
export const parseRate = (text: string): Result.Result<number, string> => {
  const match = ratePattern.exec(text.trim())
  if (match === null) return Result.fail(`"${text}" is not a rate (${rateForms})`)
  const [, count = "", unit = ""] = match
  const perUnit = Number(count)
  if (perUnit === 0) return Result.fail(`"${text}": the rate must be above zero`)
  const meanGapMicros = Math.round((perUnitMicros[unit] ?? 1_000_000) / perUnit)
  // Above a million per second the mean gap would round to no time at all.
  if (meanGapMicros === 0) return Result.fail(`"${text}" is faster than one per microsecond`)
  if (!Number.isSafeInteger(meanGapMicros)) return Result.fail(`"${text}" is too slow`)
  return Result.succeed(meanGapMicros)
}
