/**
 * Targets (`--target "latency.p99<=500ms"`): a metric, a comparison and a bound. The bound of a
 * time metric may be a DURATION; everything is compared in the statistics object's units
 * (seconds for times).
 */

import * as Result from "effect/Result"
import { type UsageError, usageError } from "../../errors.ts"
import { parseDuration } from "../scenario/duration.ts"
import { isMetric, knownMetrics, knownStageMetrics, metricUnit, stageMetricOf } from "./metrics.ts"

export const comparisons = ["<=", "<", ">=", ">"] as const
export type Comparison = (typeof comparisons)[number]

export interface Target {
  readonly metric: string
  readonly comparison: Comparison
  /** In the metric's unit (seconds for durations). */
  readonly bound: number
  /** The bound as the user wrote it (`500ms`), for display. */
  readonly boundText: string
}

// Longest operators first, so "<=" is not read as "<" followed by "=500ms".
// A name may hold "-" (utilization.byConsumer.consumer-1), to be told it is no metric rather than bad syntax.
const targetPattern = /^\s*([A-Za-z][\w.-]*)\s*(<=|>=|<|>)\s*(\S+)\s*$/
const numberPattern = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

/** Why `metric` is none of this sweep's (a stage it does not have, a figure no stage gives), if it is not. */
const unknownMetric = (metric: string, stageNames: ReadonlyArray<string> | undefined): string | undefined => {
  const stageMetric = stageMetricOf(metric)
  if (stageMetric === undefined && metric.startsWith("stages."))
    return `"${metric}" is no stage's figure: write stages.STAGE.FIGURE (e.g. stages.store.latency.p99)`
  if (stageMetric !== undefined) {
    const { stage, key } = stageMetric
    if (stageNames !== undefined && !stageNames.includes(stage)) {
      return stageNames.length === 0
        ? `"${metric}" is a stage's figure, and this sweep has no stages (give them with --stage)`
        : `unknown stage "${stage}" in "${metric}" (stages: ${stageNames.join(", ")})`
    }
    if (!isMetric(metric))
      return `unknown figure "${key}" of stage "${stage}" (known: ${knownStageMetrics.join(", ")})`
    return undefined
  }
  return isMetric(metric)
    ? undefined
    : `unknown metric "${metric}" (known: ${knownMetrics.join(", ")}${stageNames !== undefined && stageNames.length > 0 ? `, and stages.STAGE.FIGURE for the stages ${stageNames.join(", ")}` : ""})`
}

/**
 * Parses "METRIC OP VALUE". `stageNames`, when given, are the sweep's stages, which a stage's
 * figure must name; without them any stage is taken (the page shows a result's targets as they are).
 */
export const parseTarget = (
  text: string,
  stageNames?: ReadonlyArray<string>,
): Result.Result<Target, UsageError> => {
  const fail = (problem: string) => Result.fail(usageError(`--target "${text}": ${problem}`))
  const match = targetPattern.exec(text)
  if (match === null) {
    return fail(`expected METRIC OP VALUE with OP one of ${comparisons.join(" ")}, e.g. "latency.p99<=500ms"`)
  }
  const [, metric = "", comparison = "", boundText = ""] = match
  const unknown = unknownMetric(metric, stageNames)
  if (unknown !== undefined) return fail(unknown)
  const unit = metricUnit(metric)
  if (unit !== "seconds") {
    if (numberPattern.test(boundText)) {
      // 1e999 is a number's spelling whose value is Infinity, which `Infinity` itself is not.
      const bound = Number(boundText)
      if (!Number.isFinite(bound)) return fail(`"${boundText}" is too large to be a bound`)
      return Result.succeed({ metric, comparison: comparison as Comparison, bound, boundText })
    }
    if (Result.isSuccess(parseDuration(boundText)))
      return fail(`${metric} is not a time (it is in ${unit}), so its bound is a plain number`)
    return fail(`"${boundText}" is not a number`)
  }
  // A time's bound carries its unit, as every duration the program reads: 500 could be ms or s.
  const duration = parseDuration(boundText)
  if (Result.isFailure(duration)) return fail(duration.failure)
  return Result.succeed({
    metric,
    comparison: comparison as Comparison,
    bound: duration.success / 1_000_000,
    boundText,
  })
}

/** Parses every target against the sweep's stages; the first bad one is the failure. */
export const parseTargets = (
  texts: ReadonlyArray<string>,
  stageNames: ReadonlyArray<string>,
): Result.Result<ReadonlyArray<Target>, UsageError> =>
  Result.all(texts.map((text) => parseTarget(text, stageNames)))

/** The compact spelling the JSON result uses: `latency.p99<=500ms`. */
export const targetKey = (target: Target): string => `${target.metric}${target.comparison}${target.boundText}`

/** The spelling sentences use: `latency.p99 <= 500ms`. */
export const describeTarget = (target: Target): string =>
  `${target.metric} ${target.comparison} ${target.boundText}`

/** Does `value` lie on the good side of the bound? */
export const satisfies = (target: Target, value: number): boolean => {
  switch (target.comparison) {
    case "<=":
      return value <= target.bound
    case "<":
      return value < target.bound
    case ">=":
      return value >= target.bound
    case ">":
      return value > target.bound
  }
}
