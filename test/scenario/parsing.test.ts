import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import { formatDistribution, parseDistribution } from "../../src/core/scenario/distribution.ts"
import { formatDuration, parseDuration } from "../../src/core/scenario/duration.ts"
import { resolveScenario as resolveResult, type ScenarioInput } from "../../src/core/scenario/scenario.ts"

/** What a parser answers, as a plain value: its success, or `{ error }` holding its failure. */
const plain = <A>(result: Result.Result<A, string>): A | { readonly error: string } =>
  Result.match(result, {
    onSuccess: (value): A | { readonly error: string } => value,
    onFailure: (error) => ({ error }),
  })

describe("durations", () => {
  it("are exact integer microseconds, whatever the unit", () => {
    expect(plain(parseDuration("500ms"))).toEqual(500_000)
    expect(plain(parseDuration("1.5s"))).toEqual(1_500_000)
    expect(plain(parseDuration("0.1s"))).toEqual(100_000)
    expect(plain(parseDuration("2m"))).toEqual(120_000_000)
    expect(plain(parseDuration("250us"))).toEqual(250)
    expect(plain(parseDuration("1h"))).toEqual(3_600_000_000)
    expect(plain(parseDuration("1.5h"))).toEqual(5_400_000_000)
  })

  it("refuse what is not a duration", () => {
    for (const text of ["5", "ms", "-1s", "1.5", "1e3ms", "0.5us", "five s", "1d"]) {
      expect(plain(parseDuration(text))).toHaveProperty("error")
    }
  })

  it("say which units there are, and suggest one for a bare number", () => {
    expect(plain(parseDuration("5"))).toEqual({
      error:
        '"5" is not a duration (a number with us, ms, s, m or h, e.g. 500ms or 1.5s); did you mean 5ms or 5s?',
    })
    expect(plain(parseDuration("soon"))).toEqual({
      error: '"soon" is not a duration (a number with us, ms, s, m or h, e.g. 500ms or 1.5s)',
    })
  })

  it("print back in their shortest exact spelling", () => {
    expect([5_000_000, 1_500_000, 10_000, 250, 0].map(formatDuration)).toEqual([
      "5s",
      "1500ms",
      "10ms",
      "250us",
      "0ms",
    ])
  })
})

describe("distributions", () => {
  it("parse constants, uniform and exp, and print back the same way", () => {
    for (const text of ["500ms", "uniform(500ms,1500ms)", "exp(1s)"]) {
      const parsed = plain(parseDistribution(text))
      expect(parsed).not.toHaveProperty("error")
      expect(formatDistribution(parsed as never)).toBe(text)
    }
    expect(plain(parseDistribution("uniform( 0.5s , 1.5s )"))).toEqual({
      kind: "uniform",
      minMicros: 500_000,
      maxMicros: 1_500_000,
    })
  })

  it("name what is wrong", () => {
    expect(plain(parseDistribution("uniform(1s)"))).toEqual({
      error: '"uniform(1s)": uniform takes two durations, uniform(A,B)',
    })
    expect(plain(parseDistribution("uniform(2s,1s)"))).toHaveProperty(
      "error",
      '"uniform(2s,1s)": the lower bound is above the upper bound',
    )
    expect(plain(parseDistribution("gauss(1s)"))).toHaveProperty("error")
    expect(plain(parseDistribution("exp(0s)"))).toHaveProperty("error")
    expect(plain(parseDistribution("soon"))).toHaveProperty("error")
  })

  it("list every form, lognormal included, and suggest a unit for a bare number", () => {
    expect(plain(parseDistribution("500"))).toEqual({
      error:
        '"500" is not a distribution (a duration such as 500ms or 1.5s, uniform(A,B), exp(M), poisson(R) with R a rate such as 40/s, or lognormal(M,S)); did you mean 500ms or 500s?',
    })
    expect(plain(parseDistribution("uniform(500,1500)"))).toHaveProperty(
      "error",
      'in "uniform(500,1500)": "500" is not a duration (a number with us, ms, s, m or h, e.g. 500ms or 1.5s); did you mean 500ms or 500s?',
    )
  })
})

describe("scenarios", () => {
  const resolveScenario = (input: ScenarioInput) => Result.getOrElse(resolveResult(input), (error) => error)
  const messageOf = (input: ScenarioInput) =>
    Result.match(resolveResult(input), { onSuccess: () => "resolved", onFailure: (error) => error.message })

  it("apply each mode's preset", () => {
    const sync = resolveScenario({ mode: "sync" })
    const trio = resolveScenario({ mode: "trio" })
    expect(sync).toMatchObject({
      producers: 1,
      start: "production-first",
      capacity: null,
      timeoutMicros: null,
    })
    expect(trio).toMatchObject({ producers: 2, capacity: 10, timeoutMicros: 5_000_000 })
    expect(resolveScenario({ mode: "threads" })).toMatchObject({
      handoff: "poll",
      pollIntervalMicros: 10_000,
    })
    expect(resolveScenario({})).toMatchObject({ mode: "async", producers: 2, itemsPerProducer: 20, seed: 1 })
  })

  it("let flags override a preset", () => {
    expect(resolveScenario({ mode: "trio", capacity: 3, timeout: "none" })).toMatchObject({
      capacity: 3,
      timeoutMicros: null,
    })
  })

  it("refuse values that cannot run, naming the flag", () => {
    expect(messageOf({ items: 0 })).toBe("--items must be a positive whole number (got 0)")
    expect(messageOf({ capacity: 0 })).toBe("--capacity must be a positive whole number (got 0)")
    expect(messageOf({ produce: "uniform(1s)" })).toContain("--produce:")
    expect(messageOf({ timeout: "0s" })).toBe("--timeout must be above zero")
    expect(messageOf({ mode: "sync", capacity: 5 })).toBe(
      "--capacity 5 with mode sync: sync consumes only after production ends, so a full queue that suspends would wait forever; let it drop or slide when full, or leave it unbounded",
    )
  })
})
