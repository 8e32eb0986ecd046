/**
 * Confidence intervals over replications. Replications are independent runs, so their figures are
 * independent samples of one distribution, and by the central limit theorem their mean is close to
 * normal: mean +- t(1 - alpha/2, n - 1) * sd / sqrt(n) is the Student-t interval. A replication
 * whose run has no value for a metric (no item picked up after the warm-up, so no latency) is left
 * out and counted as missing: the interval is then over the runs that had one.
 *
 * Differences between two configurations are paired by replication: replication r of both ran on
 * the same seed (common random numbers), so the difference of each pair cancels most of the noise
 * both share, and the interval of the differences is much narrower than the two intervals suggest.
 */
import { studentTQuantile } from "./studentT.ts"

export interface Interval {
  /** Replications that gave a value. */
  readonly count: number
  /** Replications that gave none. */
  readonly missing: number
  readonly mean: number | null
  /** Sample standard deviation (n - 1); null below two values. */
  readonly standardDeviation: number | null
  /** null below two values: one run says nothing about the spread. */
  readonly halfWidth: number | null
  readonly min: number | null
  readonly max: number | null
}

/** The t factor of a two-sided interval at `confidence` (0.95 -> the 0.975 quantile). */
export const tFactor = (confidence: number, count: number): number =>
  studentTQuantile(1 - (1 - confidence) / 2, count - 1)

/** The interval of `values` (one per replication, in replication order; null where none). */
export const confidenceInterval = (values: ReadonlyArray<number | null>, confidence: number): Interval => {
  const present = values.filter((value): value is number => value !== null)
  const count = present.length
  const missing = values.length - count
  if (count === 0) {
    return { count, missing, mean: null, standardDeviation: null, halfWidth: null, min: null, max: null }
  }
  // Summed in replication order, so the same values always give the same bits.
  let total = 0
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  for (const value of present) {
    total += value
    if (value < min) min = value
    if (value > max) max = value
  }
  const mean = total / count
  if (count < 2) return { count, missing, mean, standardDeviation: null, halfWidth: null, min, max }
  let squares = 0
  for (const value of present) squares += (value - mean) ** 2
  const standardDeviation = Math.sqrt(squares / (count - 1))
  const halfWidth = (tFactor(confidence, count) * standardDeviation) / Math.sqrt(count)
  return { count, missing, mean, standardDeviation, halfWidth, min, max }
}

/** Per replication, `to - from`; null unless both configurations gave a value in that replication. */
export const pairedDifferences = (
  from: ReadonlyArray<number | null>,
  to: ReadonlyArray<number | null>,
): ReadonlyArray<number | null> =>
  from.map((before, index) => {
    const after = to[index] ?? null
    return before === null || after === null ? null : after - before
  })
