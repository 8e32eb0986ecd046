/**
 * Number formats of the course's programs, computed from exact integer microseconds.
 */

const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",")

/**
 * Python's `f"{seconds:,.2f}"`: two decimals, thousands separated by commas. Rounds half to even,
 * as Python does for values that are exact, so 0.125 s prints as 0.12.
 */
export const formatSecondsAsCourse = (micros: number): string => {
  const sign = micros < 0 ? "-" : ""
  const magnitude = Math.abs(micros)
  let hundredths = Math.floor(magnitude / 10_000)
  const remainder = magnitude - hundredths * 10_000
  if (remainder > 5_000 || (remainder === 5_000 && hundredths % 2 === 1)) hundredths++
  const whole = Math.floor(hundredths / 100)
  const fraction = String(hundredths % 100).padStart(2, "0")
  return `${sign}${groupThousands(String(whole))}.${fraction}`
}

/** Seconds with a fixed number of decimals, for the statistics block. */
export const formatSeconds = (seconds: number | null, decimals = 3): string =>
  seconds === null ? "-" : `${seconds.toFixed(decimals)} s`

/** The `--timestamps` prefix: virtual seconds to the microsecond, e.g. `[   1.250000] `. */
export const formatTimestamp = (micros: number): string => {
  const whole = Math.floor(micros / 1_000_000)
  const fraction = String(micros % 1_000_000).padStart(6, "0")
  return `[${`${whole}.${fraction}`.padStart(11)}] `
}

/** Seconds as plainly as they are exact, for messages: `1.5`, `0.000001`, `21.1221`. */
export const formatSecondsPlain = (micros: number): string => String(micros / 1_000_000)
