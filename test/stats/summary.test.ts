import { describe, expect, it } from "@effect/vitest"
import { summarizeMicros } from "../../src/core/stats/summary.ts"

/** The definition, by sorting: what the selection must agree with. */
const nearestRankBySorting = (values: ReadonlyArray<number>, fraction: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return (sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)] ?? 0) / 1e6
}

describe("percentiles by selection", () => {
  it("agree with sorting on random, repeated, sorted and reversed data", () => {
    let seed = 12345
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }
    const cases: Array<ReadonlyArray<number>> = [
      Array.from({ length: 1001 }, () => Math.floor(random() * 1e6)),
      // Enough values that the 99.9th percentile is not the maximum.
      Array.from({ length: 5003 }, () => Math.floor(random() * 1e6)),
      Array.from({ length: 500 }, () => Math.floor(random() * 4)),
      Array.from({ length: 300 }, (_, index) => index),
      Array.from({ length: 300 }, (_, index) => 300 - index),
      [5, 5, 5, 5],
      [3, 1],
    ]
    for (const values of cases) {
      const summary = summarizeMicros(values)
      expect(summary.p50).toBe(nearestRankBySorting(values, 0.5))
      expect(summary.p90).toBe(nearestRankBySorting(values, 0.9))
      expect(summary.p99).toBe(nearestRankBySorting(values, 0.99))
      expect(summary.p999).toBe(nearestRankBySorting(values, 0.999))
      expect(summary.min).toBe(Math.min(...values) / 1e6)
      expect(summary.max).toBe(Math.max(...values) / 1e6)
    }
  })
})
