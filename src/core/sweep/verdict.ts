/**
 * Is a target met with the sweep's confidence? `met` when the whole interval lies on the good side
 * of the bound, `missed` when it lies wholly on the bad side, otherwise `undecided`.
 *
 * How many more replications would likely decide it: the interval's half-width is
 * t(n - 1) * sd / sqrt(n), so with n' replications and the same spread it would be
 * t(n' - 1) * sd / sqrt(n'). The target is decided once that is below the distance from the mean
 * to the bound, d: the answer is the smallest n' with t(n' - 1) * sd / sqrt(n') < d, minus n.
 * Roughly n' = n * (halfWidth / d)^2 (the 1/sqrt(n) shrinking), a little more since t also falls.
 * It assumes the mean and spread stay where they are: an estimate, not a promise. A mean exactly on
 * the bound, or fewer than two values, gives no estimate (null).
 */
import { type Interval, tFactor } from "./intervals.ts"
import { maxReplications } from "./seeds.ts"
import { satisfies, type Target } from "./targets.ts"

export type Verdict = "met" | "missed" | "undecided"

export interface Judgement {
  readonly verdict: Verdict
  /** Only when undecided: about how many more replications would decide it, or null if unknown. */
  readonly moreReplications?: number | null
}

/** The smallest n' > n whose half-width is below `distance`, by doubling then bisection (it falls with n'). */
export const replicationsToDecide = (
  count: number,
  standardDeviation: number,
  distance: number,
  confidence: number,
): number | null => {
  if (!(distance > 0) || !(standardDeviation > 0) || count < 2) return null
  const narrowEnough = (replications: number) =>
    (tFactor(confidence, replications) * standardDeviation) / Math.sqrt(replications) < distance
  let low = count
  let high = count * 2
  while (!narrowEnough(high)) {
    if (high >= maxReplications) return null
    low = high
    high = Math.min(high * 2, maxReplications)
  }
  // Invariant: narrowEnough(high), and low is not (or is the current count).
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2)
    if (narrowEnough(middle)) high = middle
    else low = middle
  }
  return high
}

export const judge = (target: Target, interval: Interval, confidence: number): Judgement => {
  const { mean, halfWidth, standardDeviation, count } = interval
  if (mean === null || halfWidth === null || standardDeviation === null) {
    return { verdict: "undecided", moreReplications: null }
  }
  const lowGood = satisfies(target, mean - halfWidth)
  const highGood = satisfies(target, mean + halfWidth)
  if (lowGood && highGood) return { verdict: "met" }
  if (!lowGood && !highGood) return { verdict: "missed" }
  const needed = replicationsToDecide(count, standardDeviation, Math.abs(mean - target.bound), confidence)
  return { verdict: "undecided", moreReplications: needed === null ? null : needed - count }
}
