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

/**
 * One list of durations held as chunks of 2^shift values each (the last one may be shorter), so a
 * long list is summarised where it lies, without first being copied into one array.
 */
export interface ChunkedDurations {
  readonly chunks: ReadonlyArray<Durations>
  readonly shift: number
}

// Reading and writing through module functions rather than closures made per selection: a new
// closure on each call sends the optimized selection back to the interpreter ("wrong call target").
const valueAt = (chunks: ReadonlyArray<Durations>, shift: number, mask: number, index: number): number =>
  (chunks[index >>> shift] as Durations)[index & mask] as number

const putAt = (
  chunks: ReadonlyArray<Durations>,
  shift: number,
  mask: number,
  index: number,
  value: number,
) => {
  ;(chunks[index >>> shift] as Durations)[index & mask] = value
}

/**
 * Rearranges values[from..to] so that the value of rank `k` sits at index k, smaller ones before
 * it and larger ones after (Hoare's selection, median-of-three pivots).
 */
const select = ({ chunks, shift }: ChunkedDurations, k: number, from: number, to: number): number => {
  const mask = 2 ** shift - 1
  let low = from
  let high = to
  while (high > low) {
    const middle = (low + high) >>> 1
    const first = valueAt(chunks, shift, mask, low)
    const last = valueAt(chunks, shift, mask, high)
    const pivot = Math.max(
      Math.min(first, last),
      Math.min(Math.max(first, last), valueAt(chunks, shift, mask, middle)),
    )
    let left = low
    let right = high
    while (left <= right) {
      while (valueAt(chunks, shift, mask, left) < pivot) left++
      while (valueAt(chunks, shift, mask, right) > pivot) right--
      if (left <= right) {
        const swap = valueAt(chunks, shift, mask, left)
        putAt(chunks, shift, mask, left, valueAt(chunks, shift, mask, right))
        putAt(chunks, shift, mask, right, swap)
        left++
        right--
      }
    }
    if (k <= right) high = right
    else if (k >= left) low = left
    else break
  }
  return valueAt(chunks, shift, mask, k)
}

/** Summarises durations given in microseconds; the figures are in seconds. */
export const summarizeMicros = (micros: ArrayLike<number>): DurationSummary =>
  summarizeInPlace(Float64Array.from(micros))

/** The same, reordering `values` as it goes. */
export const summarizeInPlace = (values: Durations): DurationSummary =>
  summarizeChunksInPlace({ chunks: [values], shift: 31 })

/**
 * The same over a chunked list, reordering it as it goes: no copy, where a ten-million-item run's
 * latencies are 40 MB already.
 */
export const summarizeChunksInPlace = (values: ChunkedDurations): DurationSummary => {
  let count = 0
  let total = 0
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  // Summed in the order the values came, so the same run always gives the same bits.
  for (const chunk of values.chunks) {
    count += chunk.length
    for (const value of chunk) {
      total += value
      if (value < min) min = value
      if (value > max) max = value
    }
  }
  if (count === 0)
    return { count, min: null, mean: null, p50: null, p90: null, p99: null, p999: null, max: null }
  const rank = (fraction: number) => Math.max(0, Math.ceil(fraction * count) - 1)
  // Each selection leaves larger values to the right, so the next one searches only there.
  const p50 = select(values, rank(0.5), 0, count - 1)
  const p90 = select(values, rank(0.9), rank(0.5), count - 1)
  const p99 = select(values, rank(0.99), rank(0.9), count - 1)
  const p999 = select(values, rank(0.999), rank(0.99), count - 1)
  return {
    count,
    min: microsToSeconds(min),
    mean: roundToMicros(microsToSeconds(total / count)),
    p50: microsToSeconds(p50),
    p90: microsToSeconds(p90),
    p99: microsToSeconds(p99),
    p999: microsToSeconds(p999),
    max: microsToSeconds(max),
  }
}
