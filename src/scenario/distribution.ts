/**
 * Distributions of pauses and service times (`--produce`, `--process`). Every draw is an integer
 * number of microseconds taken from Effect's `Random` service, so a seeded run is exact and
 * repeatable.
 */
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"
import { formatDuration, parseDuration } from "./duration.ts"

export type Distribution =
  | { readonly kind: "constant"; readonly micros: number }
  | { readonly kind: "uniform"; readonly minMicros: number; readonly maxMicros: number }
  | { readonly kind: "exp"; readonly meanMicros: number }

const callPattern = /^(\w+)\((.*)\)$/

const durationArgument = (
  text: string,
  argument: string,
): { readonly micros: number } | { readonly error: string } => {
  const parsed = parseDuration(argument)
  return "error" in parsed ? { error: `in "${text}": ${parsed.error}` } : parsed
}

/** Parses DIST: a duration (constant), `uniform(A,B)` or `exp(M)`. */
export const parseDistribution = (text: string): Distribution | { readonly error: string } => {
  const trimmed = text.trim()
  const call = callPattern.exec(trimmed)
  if (call === null) {
    const constant = parseDuration(trimmed)
    if ("error" in constant) {
      return { error: `"${text}" is not a distribution (a duration, uniform(A,B) or exp(M))` }
    }
    return { kind: "constant", micros: constant.micros }
  }
  const [, name = "", argumentList = ""] = call
  const args = argumentList.split(",").map((part) => part.trim())
  switch (name) {
    case "uniform": {
      if (args.length !== 2) return { error: `"${text}": uniform takes two durations, uniform(A,B)` }
      const min = durationArgument(text, args[0] ?? "")
      if ("error" in min) return min
      const max = durationArgument(text, args[1] ?? "")
      if ("error" in max) return max
      if (min.micros > max.micros) return { error: `"${text}": the lower bound is above the upper bound` }
      return { kind: "uniform", minMicros: min.micros, maxMicros: max.micros }
    }
    case "exp": {
      if (args.length !== 1) return { error: `"${text}": exp takes one duration, its mean, exp(M)` }
      const mean = durationArgument(text, args[0] ?? "")
      if ("error" in mean) return mean
      if (mean.micros === 0) return { error: `"${text}": the mean must be above zero` }
      return { kind: "exp", meanMicros: mean.micros }
    }
    default:
      return { error: `"${text}": unknown distribution "${name}" (known: uniform, exp, or a plain duration)` }
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
      return distribution.meanMicros
  }
}

/** One draw, in whole microseconds. Constants draw nothing, so they never shift a random stream. */
export const sample = (distribution: Distribution): Effect.Effect<number> => {
  switch (distribution.kind) {
    case "constant":
      return Effect.succeed(distribution.micros)
    case "uniform":
      return Random.nextIntBetween(distribution.minMicros, distribution.maxMicros)
    case "exp": {
      const mean = distribution.meanMicros
      // Inverse transform; 1 - u lies in (0, 1], so the logarithm is finite.
      return Effect.map(Random.next, (u) => Math.round(-mean * Math.log(1 - u)))
    }
  }
}
