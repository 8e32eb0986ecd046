import { describe, expect, it } from "@effect/vitest"
import {
  logGamma,
  normalQuantile,
  regularizedBeta,
  studentTCdf,
  studentTQuantile,
} from "../../src/core/sweep/studentT.ts"

describe("Student t quantiles", () => {
  it("match the published table for the 95% two-sided interval (t at 0.975)", () => {
    const table: ReadonlyArray<readonly [number, number]> = [
      [1, 12.706],
      [2, 4.303],
      [3, 3.182],
      [4, 2.776],
      [5, 2.571],
      [9, 2.262],
      [10, 2.228],
      [19, 2.093],
      [29, 2.045],
      [30, 2.042],
      [60, 2.0],
      [120, 1.98],
      [Number.POSITIVE_INFINITY, 1.96],
    ]
    for (const [degrees, published] of table) {
      expect(Math.abs(studentTQuantile(0.975, degrees) - published)).toBeLessThanOrEqual(0.0005 + 1e-12)
    }
  })

  it("match more digits and other levels (closed forms and published values)", () => {
    // One degree of freedom is the Cauchy distribution: t = tan(pi (p - 1/2)).
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(Math.tan(Math.PI * 0.475), 9)
    // Two: t = (2p - 1) sqrt(2 / (4p(1 - p))).
    const p = 0.995
    expect(studentTQuantile(p, 2)).toBeCloseTo((2 * p - 1) * Math.sqrt(2 / (4 * p * (1 - p))), 9)
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138852, 8)
    expect(studentTQuantile(0.995, 5)).toBeCloseTo(4.032142984, 8)
    expect(studentTQuantile(0.95, 20)).toBeCloseTo(1.724718243, 8)
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8)
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829304, 8)
  })

  it("are symmetric, zero at the median, and tend to the normal quantile", () => {
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-studentTQuantile(0.975, 4), 12)
    expect(studentTQuantile(0.5, 7)).toBe(0)
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5)
    let previous = Number.POSITIVE_INFINITY
    for (let degrees = 1; degrees <= 200; degrees++) {
      const quantile = studentTQuantile(0.975, degrees)
      expect(quantile).toBeLessThan(previous)
      expect(quantile).toBeGreaterThan(1.959963)
      previous = quantile
    }
  })

  it("invert the distribution function", () => {
    for (const degrees of [1, 2.5, 3, 8, 41, 500]) {
      for (const level of [0.6, 0.9, 0.975, 0.999]) {
        expect(studentTCdf(studentTQuantile(level, degrees), degrees)).toBeCloseTo(level, 12)
      }
    }
  })

  it("rest on a correct log-gamma and incomplete beta", () => {
    expect(logGamma(1)).toBeCloseTo(0, 13)
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12)
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12)
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 - (1 - x)^b.
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 13)
    expect(regularizedBeta(0.4, 3, 1)).toBeCloseTo(0.4 ** 3, 13)
    expect(regularizedBeta(0.4, 1, 4)).toBeCloseTo(1 - 0.6 ** 4, 13)
  })

  it("refuse what has no quantile", () => {
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError)
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError)
  })
})
