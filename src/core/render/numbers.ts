/**
 * Number formats of the course's programs, computed from integer microseconds.
 */

const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",")

/**
 * `seconds` (not negative) to two decimals as Python rounds them: the exact binary value of the
 * double, correctly rounded, an exact tie going to the even hundredth. `toFixed` rounds the exact
 * binary value too (ECMA-262, Number.prototype.toFixed: "let n be an integer for which n / 10^f - x
 * is as close to zero as possible. If there are two such n, pick the larger n"), so the two differ
 * only on exact ties, where toFixed goes up. A double is a tie between hundredths only when 100x is
 * an odd multiple of 1/2, that is when 8x is an odd integer (x ends in .125, .375, .625 or .875);
 * 100x is then exact, and so is rounding it here.
 */
const toHundredthsAsPython = (seconds: number): string => {
  const eighths = seconds * 8
  if (!(Number.isInteger(eighths) && eighths % 2 === 1)) return seconds.toFixed(2)
  const below = Math.floor(seconds * 100)
  const hundredths = below % 2 === 0 ? below : below + 1
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`
}

/**
 * Python's `f"{seconds:,.2f}"` for the float `micros / 1e6`: two decimals of the binary value (so
 * 0.005 s, a little above 0.005 in binary, prints 0.01, and 0.125 s, an exact tie, prints 0.12),
 * thousands separated by commas, and a minus sign on any negative value, even one that rounds to
 * -0.00. test/render/pythonFormat.tsv holds Python's own output for thousands of values.
 */
export const formatSecondsAsCourse = (micros: number): string => {
  const seconds = micros / 1e6
  const [whole, fraction] = toHundredthsAsPython(Math.abs(seconds)).split(".")
  return `${seconds < 0 ? "-" : ""}${groupThousands(whole ?? "")}.${fraction}`
}

/** A number with a fixed count of decimals and its thousands separated: `2,000,000`, `1,234.568`. */
export const formatNumber = (value: number, decimals = 0): string => {
  const [whole = "", fraction] = value.toFixed(decimals).split(".")
  return fraction === undefined ? groupThousands(whole) : `${groupThousands(whole)}.${fraction}`
}

/** Seconds with a fixed number of decimals, for the statistics block. */
export const formatSeconds = (seconds: number | null, decimals = 3): string =>
  seconds === null ? "-" : `${formatNumber(seconds, decimals)} s`

/** The `--timestamps` prefix: virtual seconds to the microsecond, e.g. `[   1.250000] `. */
export const formatTimestamp = (micros: number): string => {
  const whole = Math.floor(micros / 1_000_000)
  const fraction = String(micros % 1_000_000).padStart(6, "0")
  return `[${`${whole}.${fraction}`.padStart(11)}] `
}

/** Seconds as plainly as they are exact, for messages: `1.5`, `0.000001`, `21.1221`. */
export const formatSecondsPlain = (micros: number): string => String(micros / 1_000_000)
