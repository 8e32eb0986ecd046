/**
 * Distributions of pauses and service times (`--produce`, `--process`). Every draw is an integer
 * number of microseconds taken from Effect's `Random` service, so a seeded run is exact and
 * repeatable.
 */

import type * as Random from "effect/Random"
import * as Result from "effect/Result"
import { formatDuration, parseDuration, unitSuggestion } from "./duration.ts"
import { parseRate } from "./rate.ts"

export type Distribution =
  | { readonly kind: "constant"; readonly micros: number }
  | { readonly kind: "uniform"; readonly minMicros: number; readonly maxMicros: number }
  | { readonly kind: "exp"; readonly meanMicros: number }
  /** Log-normal with this mean and standard deviation: positive, right-skewed, a heavy-ish tail. */
  | { readonly kind: "lognormal"; readonly meanMicros: number; readonly sdMicros: number }

const callPattern = /^(\w+)\((.*)\)$/

/** What a DIST is, for messages and the help. */
export const distributionForms =
  "a duration such as 500ms or 1.5s, uniform(A,B), exp(M), poisson(R) with R a rate such as 40/s, or lognormal(M,S)"

const durationArgument = (text: string, argument: string): Result.Result<number, string> =>
  Result.mapError(parseDuration(argument), (problem) => `in "${text}": ${problem}`)

const fail = (problem: string): Result.Result<Distribution, string> => Result.fail(problem)

/**
 * Parses DIST: a duration (constant), `uniform(A,B)`, `exp(M)`, `poisson(R)` or `lognormal(M,S)`.
 * `poisson(R)` is the gap between arrivals that come R per unit of time on average: it is `exp(1/R)`
 * itself (rate.ts), so it draws, records and prints exactly as that `exp` does.
 */
export const parseDistribution = (text: string): Result.Result<Distribution, string> => {
  const trimmed = text.trim()
  const call = callPattern.exec(trimmed)
  if (call === null) {
    const constant = parseDuration(trimmed)
    if (Result.isFailure(constant)) {
      // A duration that is too long or too fine says so; anything else is no distribution at all.
      if (!constant.failure.includes("is not a duration")) return fail(constant.failure)
      return fail(`"${text}" is not a distribution (${distributionForms})${unitSuggestion(text)}`)
    }
    return Result.succeed({ kind: "constant", micros: constant.success })
  }
  const [, name = "", argumentList = ""] = call
  const args = argumentList.split(",").map((part) => part.trim())
  switch (name) {
    case "uniform": {
      if (args.length !== 2) return fail(`"${text}": uniform takes two durations, uniform(A,B)`)
      const min = durationArgument(text, args[0] ?? "")
      if (Result.isFailure(min)) return fail(min.failure)
      const max = durationArgument(text, args[1] ?? "")
      if (Result.isFailure(max)) return fail(max.failure)
      if (min.success > max.success) return fail(`"${text}": the lower bound is above the upper bound`)
      return Result.succeed({ kind: "uniform", minMicros: min.success, maxMicros: max.success })
    }
    case "exp": {
      if (args.length !== 1) return fail(`"${text}": exp takes one duration, its mean, exp(M)`)
      const mean = durationArgument(text, args[0] ?? "")
      if (Result.isFailure(mean)) return fail(mean.failure)
      if (mean.success === 0) return fail(`"${text}": the mean must be above zero`)
      return Result.succeed({ kind: "exp", meanMicros: mean.success })
    }
    case "poisson": {
      if (args.length !== 1)
        return fail(`"${text}": poisson takes one rate, the mean arrivals per unit of time, poisson(40/s)`)
      const rate = parseRate(args[0] ?? "")
      if (Result.isFailure(rate)) return fail(`in "${text}": ${rate.failure}`)
      return Result.succeed({ kind: "exp", meanMicros: rate.success })
    }
    case "lognormal": {
      if (args.length !== 2)
        return fail(`"${text}": lognormal takes a mean and a standard deviation, lognormal(M,S)`)
      const mean = durationArgument(text, args[0] ?? "")
      if (Result.isFailure(mean)) return fail(mean.failure)
      const sd = durationArgument(text, args[1] ?? "")
      if (Result.isFailure(sd)) return fail(sd.failure)
      if (mean.success === 0) return fail(`"${text}": the mean must be above zero`)
      return Result.succeed({ kind: "lognormal", meanMicros: mean.success, sdMicros: sd.success })
    }
    default:
      return fail(
        `"${text}": unknown distribution "${name}" (known: uniform, exp, poisson, lognormal, or a plain duration)`,
      )
  }
}

/** The canonical spelling, which parses back to the same distribution. */
export const formatDistribution = (distribution: Distribution): string => {
  switch (distribution.kind) {
    case "constant":
      return formatDuration(distribution.micros)
    case "uniform":
      return `uniform(${formatDuration(distribution.minMicros)},${formatDuration(distribution.maxMicros)})`
    case "exp":
      return `exp(${formatDuration(distribution.meanMicros)})`
    case "lognormal":
      return `lognormal(${formatDuration(distribution.meanMicros)},${formatDuration(distribution.sdMicros)})`
  }
}

/** Mean of the distribution in microseconds (used by the queueing-theory checks and docs). */
export const meanMicros = (distribution: Distribution): number => {
  switch (distribution.kind) {
    case "constant":
      return distribution.micros
    case "uniform":
      return (distribution.minMicros + distribution.maxMicros) / 2
    case "exp":
    case "lognormal":
      return distribution.meanMicros
  }
}

/** The smallest `1 - u` a draw can use: Effect's doubles have 53 bits. */
const smallestComplement = 2 ** -53

/** The longest draw the distribution can make, in microseconds (bounds how long a run can last). */
export const longestMicros = (distribution: Distribution): number => {
  switch (distribution.kind) {
    case "constant":
      return distribution.micros
    case "uniform":
      return distribution.maxMicros
    case "exp":
      return Math.round(-distribution.meanMicros * Math.log(smallestComplement))
    case "lognormal": {
      const { meanMicros, sdMicros } = distribution
      const sigma = Math.sqrt(Math.log(1 + (sdMicros * sdMicros) / (meanMicros * meanMicros)))
      const mu = Math.log(meanMicros) - (sigma * sigma) / 2
      return Math.round(Math.exp(mu + sigma * Math.sqrt(-2 * Math.log(smallestComplement))))
    }
  }
}

/**
 * A drawing function for one actor: each call is one draw, in whole microseconds, from `random`
 * (the actor's seeded stream). Synchronous, because it runs once per item on the hot path; the
 * formulas are those of Effect's Random.nextIntBetween (inclusive bounds) and of the inverse
 * transform for the exponential. Constants draw nothing, so they never shift a random stream.
 */
export const sampler = (distribution: Distribution, random: Random.Random): (() => number) => {
  switch (distribution.kind) {
    case "constant": {
      const micros = distribution.micros
      return () => micros
    }
    case "uniform": {
      const { minMicros, maxMicros } = distribution
      const span = maxMicros - minMicros + 1
      return () => Math.floor(random.nextDoubleUnsafe() * span) + minMicros
    }
    case "exp": {
      const mean = distribution.meanMicros
      // 1 - u lies in (0, 1], so the logarithm is finite.
      return () => Math.round(-mean * Math.log(1 - random.nextDoubleUnsafe()))
    }
    case "lognormal": {
      // exp(mu + sigma Z) has the requested mean m and deviation s when
      // sigma^2 = ln(1 + s^2/m^2) and mu = ln(m) - sigma^2/2. Z by Box-Muller, two draws a sample.
      const { meanMicros, sdMicros } = distribution
      const sigma = Math.sqrt(Math.log(1 + (sdMicros * sdMicros) / (meanMicros * meanMicros)))
      const mu = Math.log(meanMicros) - (sigma * sigma) / 2
      return () => {
        const radius = Math.sqrt(-2 * Math.log(1 - random.nextDoubleUnsafe()))
        const normal = radius * Math.cos(2 * Math.PI * random.nextDoubleUnsafe())
        return Math.round(Math.exp(mu + sigma * normal))
      }
    }
  }
}
