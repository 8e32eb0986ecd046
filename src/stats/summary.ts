/**
 * Order statistics of a list of durations. Percentiles use the nearest-rank method: pN is the
 * smallest recorded value that at least N% of the values do not exceed, so every figure is a value
 * that really occurred.
 */
import { microsToSeconds } from "../scenario/duration.ts"

export interface DurationSummary {
  readonly count: number
  readonly min: number | null
  readonly mean: number | null
  readonly p50: number | null
  readonly p90: number | null
  readonly p99: number | null
  readonly max: number | null
}

/** Seconds, kept to the microsecond so JSON shows no float noise. */
export const roundToMicros = (seconds: number): number => Math.round(seconds * 1e6) / 1e6

const nearestRank = (sorted: Float64Array, fraction: number): number =>
  sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)] ?? 0

/** Summarises durations given in microseconds; the figures are in seconds. */
export const summarizeMicros = (micros: ArrayLike<number>): DurationSummary => {
  const count = micros.length
  if (count === 0) return { count, min: null, mean: null, p50: null, p90: null, p99: null, max: null }
  const sorted = Float64Array.from(micros).sort()
  let total = 0
  for (const value of sorted) total += value
  const seconds = (value: number) => microsToSeconds(value)
  return {
    count,
    min: seconds(sorted[0] ?? 0),
    mean: roundToMicros(microsToSeconds(total / count)),
    p50: seconds(nearestRank(sorted, 0.5)),
    p90: seconds(nearestRank(sorted, 0.9)),
    p99: seconds(nearestRank(sorted, 0.99)),
    max: seconds(sorted[count - 1] ?? 0),
  }
}
