import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"
import * as Result from "effect/Result"
import { parseDistribution, sampler } from "../../src/core/scenario/distribution.ts"

/** What a parser answers, as a plain value: its success, or `{ error }` holding its failure. */
const plain = <A>(result: Result.Result<A, string>): A | { readonly error: string } =>
  Result.match(result, {
    onSuccess: (value): A | { readonly error: string } => value,
    onFailure: (error) => ({ error }),
  })

const draws = (text: string, count: number) =>
  Effect.gen(function* () {
    const draw = sampler(Result.getOrThrow(parseDistribution(text)), yield* Random.Random)
    return Array.from({ length: count }, draw)
  }).pipe(Random.withSeed("distribution-test"))

const moments = (values: ReadonlyArray<number>) => {
  const mean = values.reduce((total, value) => total + value, 0) / values.length
  const variance = values.reduce((total, value) => total + (value - mean) ** 2, 0) / values.length
  const skew =
    values.reduce((total, value) => total + (value - mean) ** 3, 0) / values.length / variance ** 1.5
  return { mean, sd: Math.sqrt(variance), skew }
}

describe("sampled distributions", () => {
  const count = 200_000
  // With 200,000 draws the standard error of the mean is sd / 447: 0.5% of the mean below allows ~2-4 of them.

  it.effect("uniform(A,B) draws whole microseconds from A to B inclusive", () =>
    Effect.gen(function* () {
      const values = yield* draws("uniform(10us,13us)", 20_000)
      expect(new Set(values)).toEqual(new Set([10, 11, 12, 13]))
    }),
  )

  it.effect("exp(M) has mean M and standard deviation M", () =>
    Effect.gen(function* () {
      const { mean, sd } = moments(yield* draws("exp(1s)", count))
      expect(Math.abs(mean / 1e6 - 1)).toBeLessThan(0.01)
      expect(Math.abs(sd / 1e6 - 1)).toBeLessThan(0.02)
    }),
  )

  it.effect("lognormal(M,S) has mean M, deviation S, only positive values and a long right tail", () =>
    Effect.gen(function* () {
      const values = yield* draws("lognormal(500ms,250ms)", count)
      const { mean, sd, skew } = moments(values)
      expect(Math.abs(mean / 500_000 - 1)).toBeLessThan(0.01)
      expect(Math.abs(sd / 250_000 - 1)).toBeLessThan(0.03)
      expect(values.every((value) => value > 0)).toBe(true)
      // The log-normal with a coefficient of variation of 0.5 has skewness 1.625.
      expect(skew).toBeGreaterThan(1.3)
      expect(values.every(Number.isInteger)).toBe(true)
    }),
  )

  it("lognormal parses and names its problems", () => {
    expect(plain(parseDistribution("lognormal(1s,500ms)"))).toEqual({
      kind: "lognormal",
      meanMicros: 1e6,
      sdMicros: 5e5,
    })
    expect(plain(parseDistribution("lognormal(1s)"))).toHaveProperty("error")
    expect(plain(parseDistribution("lognormal(0s,1s)"))).toHaveProperty("error")
  })

  it("poisson(R) is exp with the mean gap 1/R, to the microsecond, and names its problems", () => {
    expect(plain(parseDistribution("poisson(40/s)"))).toEqual(plain(parseDistribution("exp(25ms)")))
    expect(plain(parseDistribution("poisson(2400/m)"))).toEqual({ kind: "exp", meanMicros: 25_000 })
    expect(plain(parseDistribution("poisson(0.5/h)"))).toEqual({ kind: "exp", meanMicros: 7_200_000_000 })
    expect(plain(parseDistribution("poisson(3/s)"))).toEqual({ kind: "exp", meanMicros: 333_333 })
    expect(plain(parseDistribution("poisson(40)"))).toEqual({
      error: 'in "poisson(40)": "40" is not a rate (a number per s, m or h, e.g. 40/s or 600/m)',
    })
    expect(plain(parseDistribution("poisson(0/s)"))).toHaveProperty(
      "error",
      'in "poisson(0/s)": "0/s": the rate must be above zero',
    )
    expect(plain(parseDistribution("poisson(5000000/s)"))).toHaveProperty("error")
    expect(plain(parseDistribution("poisson(1/s,2/s)"))).toHaveProperty("error")
  })

  it.effect("poisson(40/s) draws exactly what exp(25ms) draws", () =>
    Effect.gen(function* () {
      expect(yield* draws("poisson(40/s)", 1000)).toEqual(yield* draws("exp(25ms)", 1000))
    }),
  )

  it("a constant that is a duration, but too long or too fine, says so", () => {
    expect(plain(parseDistribution("100000000000s"))).toEqual({ error: '"100000000000s" is too long' })
    expect(plain(parseDistribution("0.5us"))).toEqual({ error: '"0.5us" is finer than a microsecond' })
    expect(plain(parseDistribution("soon"))).toEqual({
      error:
        '"soon" is not a distribution (a duration such as 500ms or 1.5s, uniform(A,B), exp(M), poisson(R) with R a rate such as 40/s, or lognormal(M,S))',
    })
  })
})
