import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import { confidenceInterval, pairedDifferences, tFactor } from "../../src/core/sweep/intervals.ts"
import { parseTarget, type Target } from "../../src/core/sweep/targets.ts"
import { judge, replicationsToDecide } from "../../src/core/sweep/verdict.ts"

const target = (text: string): Target => Result.getOrThrow(parseTarget(text))

describe("Student-t intervals over replications", () => {
  it("give mean +- t(0.975, n-1) sd / sqrt(n), with min and max", () => {
    // 1..5: mean 3, sd sqrt(2.5), t(0.975, 4) = 2.776445.
    const interval = confidenceInterval([1, 2, 3, 4, 5], 0.95)
    expect(interval.mean).toBe(3)
    expect(interval.standardDeviation).toBeCloseTo(Math.sqrt(2.5), 12)
    expect(interval.halfWidth).toBeCloseTo((2.776445105 * Math.sqrt(2.5)) / Math.sqrt(5), 8)
    expect([interval.min, interval.max, interval.count, interval.missing]).toEqual([1, 5, 5, 0])
  })

  it("leave out replications without a value, and count them", () => {
    const interval = confidenceInterval([null, 2, 4, null], 0.95)
    expect(interval.count).toBe(2)
    expect(interval.missing).toBe(2)
    expect(interval.mean).toBe(3)
    // Two values: t(0.975, 1) = 12.706, sd = sqrt(2).
    expect(interval.halfWidth).toBeCloseTo((12.706204736 * Math.sqrt(2)) / Math.sqrt(2), 8)
  })

  it("have no half-width below two values, and nothing at all without values", () => {
    expect(confidenceInterval([null, 7], 0.95)).toMatchObject({ mean: 7, halfWidth: null, min: 7, max: 7 })
    expect(confidenceInterval([null, null], 0.95)).toMatchObject({ mean: null, halfWidth: null, missing: 2 })
    expect(confidenceInterval([4, 4, 4], 0.95).halfWidth).toBe(0)
  })

  it("pair differences by replication: common noise cancels", () => {
    // Two configurations sharing a large replication effect (seeds) and 0.1 apart.
    const shared = [5, 1, 9, 3, 7]
    const before = shared.map((value) => value + 0.2)
    const after = shared.map((value, index) => value + 0.3 + (index % 2) * 0.01)
    const differences = pairedDifferences(before, after)
    const paired = confidenceInterval(differences, 0.95)
    expect(paired.mean).toBeCloseTo(0.104, 12)
    // Paired, the difference is sharp; unpaired, each interval is wider than the difference itself.
    expect(paired.halfWidth).toBeLessThan(0.01)
    expect(confidenceInterval(before, 0.95).halfWidth).toBeGreaterThan(1)
    expect(pairedDifferences([1, null, 3], [2, 5, null])).toEqual([1, null, null])
  })
})

describe("verdicts", () => {
  const interval = (values: ReadonlyArray<number>) => confidenceInterval(values, 0.95)
  // Mean 1, half-width ~0.0555 (sd 0.0447, n 5).
  const around1 = interval([0.95, 1, 1.05, 0.98, 1.02])

  it("met when the whole interval is on the good side, missed when wholly on the bad side", () => {
    expect(judge(target("latency.p99<=1.2s"), around1, 0.95)).toEqual({ verdict: "met" })
    expect(judge(target("latency.p99<1.2s"), around1, 0.95)).toEqual({ verdict: "met" })
    expect(judge(target("latency.p99<=0.8s"), around1, 0.95)).toEqual({ verdict: "missed" })
    expect(judge(target("utilization.consumers>=0.8"), around1, 0.95)).toEqual({ verdict: "met" })
    expect(judge(target("utilization.consumers>1.5"), around1, 0.95)).toEqual({ verdict: "missed" })
    expect(judge(target("latency.p99<=1020ms"), around1, 0.95).verdict).toBe("undecided")
  })

  it("compare at the edges as the operator says", () => {
    const zeros = interval([0, 0, 0])
    expect(judge(target("dropped<=0"), zeros, 0.95).verdict).toBe("met")
    expect(judge(target("dropped<0"), zeros, 0.95).verdict).toBe("missed")
    expect(judge(target("dropped>=0"), zeros, 0.95).verdict).toBe("met")
    expect(judge(target("dropped>0"), zeros, 0.95).verdict).toBe("missed")
  })

  it("estimate the replications that would decide an undecided target", () => {
    // Mean 1, sd s, bound 1.02: decided once t(n'-1) s / sqrt(n') < 0.02.
    const outcome = judge(target("latency.p99<=1.02s"), around1, 0.95)
    const sd = around1.standardDeviation as number
    expect(outcome.verdict).toBe("undecided")
    const needed = 5 + (outcome.moreReplications as number)
    const halfWidthAt = (n: number) => (tFactor(0.95, n) * sd) / Math.sqrt(n)
    expect(halfWidthAt(needed)).toBeLessThan(0.02)
    expect(halfWidthAt(needed - 1)).toBeGreaterThanOrEqual(0.02)
    // Close to the 1/sqrt(n) rule n (halfWidth / d)^2, a little above it because t falls too.
    const rule = 5 * ((around1.halfWidth as number) / 0.02) ** 2
    expect(needed).toBeGreaterThan(rule * 0.5)
    expect(needed).toBeLessThan(rule)
  })

  it("give no estimate when the mean sits on the bound or there are too few values", () => {
    expect(judge(target("latency.p99<=1s"), interval([0.9, 1.1]), 0.95)).toEqual({
      verdict: "undecided",
      moreReplications: null,
    })
    expect(judge(target("latency.p99<=1s"), confidenceInterval([null, null], 0.95), 0.95)).toEqual({
      verdict: "undecided",
      moreReplications: null,
    })
    expect(replicationsToDecide(5, 0, 0.1, 0.95)).toBeNull()
  })
})
