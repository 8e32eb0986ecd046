/**
 * The figures a sweep can report and set targets on: paths into the statistics object (public, as
 * the README's "Statistics" describes it), each with its unit. Only numbers that vary from run to
 * run are metrics; the run's name (`mode`, `seed`) and its window are not.
 */
import { mostItems } from "../scenario/scenario.ts"
import type { Statistics } from "../stats/statistics.ts"

/** `seconds` metrics accept a DURATION in targets; the others only a plain number. */
export type MetricUnit = "seconds" | "count" | "fraction" | "per second" | "items"

interface MetricDefinition {
  readonly unit: MetricUnit
  /** null when the run gives no value (no item counted after the warm-up). */
  readonly read: (statistics: Statistics) => number | null
}

const summaryKeys = ["count", "min", "mean", "p50", "p90", "p99", "p999", "max"] as const

const durationSummaryMetrics = (name: "latency" | "sojourn"): Record<string, MetricDefinition> =>
  Object.fromEntries(
    summaryKeys.map((key) => [
      `${name}.${key}`,
      {
        unit: key === "count" ? "count" : "seconds",
        read: (statistics: Statistics) => statistics[name][key],
      },
    ]),
  )

const definitions: Readonly<Record<string, MetricDefinition>> = {
  elapsed: { unit: "seconds", read: (s) => s.elapsed },
  produced: { unit: "count", read: (s) => s.produced },
  consumed: { unit: "count", read: (s) => s.consumed },
  dropped: { unit: "count", read: (s) => s.dropped },
  dropRate: { unit: "fraction", read: (s) => s.dropRate },
  ...durationSummaryMetrics("latency"),
  ...durationSummaryMetrics("sojourn"),
  "queue.maxDepth": { unit: "items", read: (s) => s.queue.maxDepth },
  "queue.meanDepth": { unit: "items", read: (s) => s.queue.meanDepth },
  throughput: { unit: "per second", read: (s) => s.throughput },
  "utilization.consumers": { unit: "fraction", read: (s) => s.utilization.consumers },
  "producers.blocked": { unit: "count", read: (s) => s.producers.blocked },
  "producers.blockedTime": { unit: "seconds", read: (s) => s.producers.blockedTime },
}

/** Every metric path, in the statistics object's own order. */
export const knownMetrics: ReadonlyArray<string> = Object.keys(definitions)

export const isMetric = (path: string): boolean => Object.hasOwn(definitions, path)

export const metricUnit = (path: string): MetricUnit | undefined =>
  isMetric(path) ? definitions[path]?.unit : undefined

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

/** The defaults, then any other metric the targets name, each once, in a fixed order. */
export const reportedMetrics = (targetMetrics: ReadonlyArray<string>): ReadonlyArray<string> => [
  ...new Set([...defaultMetrics, ...targetMetrics]),
]

/** One replication's figures, in the order of `metrics`; null where the run has no value. */
export const readMetrics = (
  statistics: Statistics,
  metrics: ReadonlyArray<string>,
): ReadonlyArray<number | null> => metrics.map((path) => definitions[path]?.read(statistics) ?? null)
