/**
 * Order statistics of a list of durations. Percentiles use the nearest-rank method: pN is the
 * smallest recorded value that at least N% of the values do not exceed, so every figure is a value
 * that really occurred. They are found by selection (linear time) rather than a full sort: a
 * million-item run has a million latencies.
 */
import { microsToSeconds } from "../scenario/duration.ts"
import type { DurationSummary } from "./schema.ts"

export type { DurationSummary }

/** Seconds, kept to the microsecond so JSON shows no float noise. */
export const roundToMicros = (seconds: number): number => Math.round(seconds * 1e6) / 1e6

type Durations = Int32Array | Float64Array

const at = (values: Durations, index: number): number => values[index] as number

/**
 * Rearranges values[from..to] so that the value of rank `k` sits at index k, smaller ones before
 * it and larger ones after (Hoare's selection, median-of-three pivots).
 */
const select = (values: Durations, k: number, from: number, to: number): number => {
  let low = from
  let high = to
  while (high > low) {
    const middle = (low + high) >>> 1
    const pivot = Math.max(
      Math.min(at(values, low), at(values, high)),
      Math.min(Math.max(at(values, low), at(values, high)), at(values, middle)),
    )
    let left = low
    let right = high
    while (left <= right) {
      while (at(values, left) < pivot) left++
      while (at(values, right) > pivot) right--
      if (left <= right) {
        const swap = at(values, left)
        values[left] = at(values, right)
        values[right] = swap
        left++
        right--
      }
    }
    if (k <= right) high = right
    else if (k >= left) low = left
    else break
  }
  return at(values, k)
}

/** Summarises durations given in microseconds; the figures are in seconds. */
export const summarizeMicros = (micros: ArrayLike<number>): DurationSummary =>
  summarizeInPlace(Float64Array.from(micros))

/**
 * The same, reordering `values` as it goes (no copy: a ten-million-item run's latencies are 40 MB
 * already).
 */
export const summarizeInPlace = (values: Durations): DurationSummary => {
  const count = values.length
  if (count === 0) return { count, min: null, mean: null, p50: null, p90: null, p99: null, max: null }
  let total = 0
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  for (const value of values) {
    total += value
    if (value < min) min = value
    if (value > max) max = value
  }
  const rank = (fraction: number) => Math.max(0, Math.ceil(fraction * count) - 1)
  // Each selection leaves larger values to the right, so the next one searches only there.
  const p50 = select(values, rank(0.5), 0, count - 1)
  const p90 = select(values, rank(0.9), rank(0.5), count - 1)
  const p99 = select(values, rank(0.99), rank(0.9), count - 1)
  return {
    count,
    min: microsToSeconds(min),
    mean: roundToMicros(microsToSeconds(total / count)),
    p50: microsToSeconds(p50),
    p90: microsToSeconds(p90),
    p99: microsToSeconds(p99),
    max: microsToSeconds(max),
  }
}
