/**
 * The figures a sweep can report and set targets on: paths into the statistics object (public, as
 * the README's "Statistics" describes it), each with its unit. Only numbers that vary from run to
 * run are metrics; the run's name (`mode`, `seed`) and its window are not. A pipeline's stage adds
 * its own under `stages.NAME.` (`stages.store.latency.p99`); whether NAME is one of the sweep's
 * stages is the plan's to check, which knows them.
 */
import { mostItems } from "../scenario/scenario.ts"
import type { StageStatistics } from "../stats/schema.ts"
import type { Statistics } from "../stats/statistics.ts"

/** `seconds` metrics accept a DURATION in targets; the others only a plain number. */
export type MetricUnit = "seconds" | "count" | "fraction" | "per second" | "items"

interface MetricDefinition {
  readonly unit: MetricUnit
  /** null when the run gives no value (no item counted after the warm-up). */
  readonly read: (statistics: Statistics) => number | null
}

const summaryKeys = ["count", "min", "mean", "p50", "p90", "p99", "p999", "max"] as const

const durationSummaryMetrics = <S>(
  name: string,
  summaryOf: (statistics: S) => Statistics["latency"],
): Record<string, { readonly unit: MetricUnit; readonly read: (statistics: S) => number | null }> =>
  Object.fromEntries(
    summaryKeys.map((key) => [
      `${name}.${key}`,
      { unit: key === "count" ? "count" : "seconds", read: (statistics: S) => summaryOf(statistics)[key] },
    ]),
  )

const definitions: Readonly<Record<string, MetricDefinition>> = {
  elapsed: { unit: "seconds", read: (s) => s.elapsed },
  produced: { unit: "count", read: (s) => s.produced },
  consumed: { unit: "count", read: (s) => s.consumed },
  dropped: { unit: "count", read: (s) => s.dropped },
  dropRate: { unit: "fraction", read: (s) => s.dropRate },
  ...durationSummaryMetrics("latency", (s: Statistics) => s.latency),
  ...durationSummaryMetrics("sojourn", (s: Statistics) => s.sojourn),
  "queue.maxDepth": { unit: "items", read: (s) => s.queue.maxDepth },
  "queue.meanDepth": { unit: "items", read: (s) => s.queue.meanDepth },
  throughput: { unit: "per second", read: (s) => s.throughput },
  "utilization.consumers": { unit: "fraction", read: (s) => s.utilization.consumers },
  "producers.blocked": { unit: "count", read: (s) => s.producers.blocked },
  "producers.blockedTime": { unit: "seconds", read: (s) => s.producers.blockedTime },
  deadLettered: { unit: "count", read: (s) => s.deadLettered ?? null },
}

/** A stage's own figures, by their path under `stages.NAME.`. */
const stageDefinitions: Readonly<
  Record<string, { readonly unit: MetricUnit; readonly read: (stage: StageStatistics) => number | null }>
> = {
  ...durationSummaryMetrics("latency", (stage: StageStatistics) => stage.latency),
  ...durationSummaryMetrics("service", (stage: StageStatistics) => stage.service),
  utilization: { unit: "fraction", read: (stage) => stage.utilization },
  "queue.maxDepth": { unit: "items", read: (stage) => stage.queue.maxDepth },
  "queue.meanDepth": { unit: "items", read: (stage) => stage.queue.meanDepth },
  throughput: { unit: "per second", read: (stage) => stage.throughput },
  blockedTime: { unit: "seconds", read: (stage) => stage.blockedTime },
  dropped: { unit: "count", read: (stage) => stage.dropped },
  failed: { unit: "count", read: (stage) => stage.failed },
  retried: { unit: "count", read: (stage) => stage.retried },
  deadLettered: { unit: "count", read: (stage) => stage.deadLettered },
}

/** Every metric path, in the statistics object's own order. */
export const knownMetrics: ReadonlyArray<string> = Object.keys(definitions)

/** Every path under a stage (`latency.p99`, `utilization`, ...), in the statistics object's order. */
export const knownStageMetrics: ReadonlyArray<string> = Object.keys(stageDefinitions)

/** `stages.store.latency.p99` as its stage and its path there; undefined for a path of another shape. */
export const stageMetricOf = (path: string): { readonly stage: string; readonly key: string } | undefined => {
  const match = /^stages\.([A-Za-z0-9_-]+)\.(.+)$/.exec(path)
  return match === null ? undefined : { stage: match[1] as string, key: match[2] as string }
}

/** The metric `path` names, for whichever stage it names. */
const definitionOf = (path: string): MetricDefinition | undefined => {
  if (Object.hasOwn(definitions, path)) return definitions[path]
  const stageMetric = stageMetricOf(path)
  if (stageMetric === undefined || !Object.hasOwn(stageDefinitions, stageMetric.key)) return undefined
  const { unit, read } = stageDefinitions[stageMetric.key] as (typeof stageDefinitions)[string]
  return {
    unit,
    read: (statistics) => {
      const stages = statistics.stages
      return stages !== undefined && Object.hasOwn(stages, stageMetric.stage)
        ? read(stages[stageMetric.stage] as StageStatistics)
        : null
    },
  }
}

export const isMetric = (path: string): boolean => definitionOf(path) !== undefined

export const metricUnit = (path: string): MetricUnit | undefined => definitionOf(path)?.unit

/**
 * The values a run can give in each unit: what a share's figures are checked against, since a file
 * may hold any number. Times are whole microseconds below 2^53 (the longest run), counts and depths
 * cannot exceed a run's items, and a rate cannot exceed all of them in one microsecond.
 */
const ranges: Readonly<
  Record<MetricUnit, { readonly most: number; readonly whole: boolean; readonly what: string }>
> = {
  seconds: { most: Number.MAX_SAFE_INTEGER / 1_000_000, whole: false, what: "a time from 0 to 2^53 us" },
  count: { most: mostItems, whole: true, what: `a whole count from 0 to ${mostItems}` },
  items: { most: mostItems, whole: false, what: `a number of items from 0 to ${mostItems}` },
  fraction: { most: 1, whole: false, what: "a fraction from 0 to 1" },
  "per second": {
    most: mostItems * 1_000_000,
    whole: false,
    what: "a rate from 0 to one run's items per microsecond",
  },
}

/** Why no run could give `value` for `metric` (undefined when one could). */
export const metricValueProblem = (metric: string, value: number): string | undefined => {
  const unit = metricUnit(metric)
  if (unit === undefined) return "not a metric"
  const { most, whole, what } = ranges[unit]
  return value >= 0 && value <= most && (!whole || Number.isInteger(value))
    ? undefined
    : `which no run gives (${what})`
}

/**
 * What a sweep reports when no other metric is asked for: the wait, the load and the losses. The
 * targets' metrics are added after these (reportedMetrics).
 */
export const defaultMetrics: ReadonlyArray<string> = [
  "latency.mean",
  "latency.p99",
  "queue.meanDepth",
  "utilization.consumers",
  "throughput",
  "dropRate",
]

/**
 * A pipeline's defaults: each stage's busy fraction (the busiest is the bottleneck), the end-to-end
 * wait, the flow and what was lost.
 */
export const pipelineMetrics = (stageNames: ReadonlyArray<string>): ReadonlyArray<string> => [
  ...stageNames.map((name) => `stages.${name}.utilization`),
  "sojourn.mean",
  "sojourn.p99",
  "throughput",
  "dropRate",
  "deadLettered",
]

/**
 * The defaults (a pipeline's when the sweep has stages), then any other metric the targets name,
 * each once, in a fixed order.
 */
export const reportedMetrics = (
  targetMetrics: ReadonlyArray<string>,
  stageNames: ReadonlyArray<string> = [],
): ReadonlyArray<string> => [
  ...new Set([...(stageNames.length === 0 ? defaultMetrics : pipelineMetrics(stageNames)), ...targetMetrics]),
]

/** One replication's figures, in the order of `metrics`; null where the run has no value. */
export const readMetrics = (
  statistics: Statistics,
  metrics: ReadonlyArray<string>,
): ReadonlyArray<number | null> => {
  const read = metrics.map((path) => definitionOf(path)?.read)
  return read.map((reader) => reader?.(statistics) ?? null)
}
