/**
 * The figures a sweep can report and set targets on: paths into the statistics object (public, as
 * the README's "Statistics" describes it), each with its unit. Only numbers that vary from run to
 * run are metrics; the run's name (`mode`, `seed`) and its window are not.
 */
import type { Statistics } from "../stats/statistics.ts"

/** `seconds` metrics accept a DURATION in targets; the others only a plain number. */
export type MetricUnit = "seconds" | "count" | "fraction" | "per second" | "items"

interface MetricDefinition {
  readonly unit: MetricUnit
  /** null when the run gives no value (no item counted after the warm-up). */
  readonly read: (statistics: Statistics) => number | null
}

const summaryKeys = ["count", "min", "mean", "p50", "p90", "p99", "max"] as const

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
 * What a sweep reports when no other metric is asked for: the wait, the load and the losses. The
 * targets' metrics are added after these (reportedMetrics).
 */
export const defaultMetrics: ReadonlyArray<string> = [
  "latency.mean",
  "latency.p99",
  "queue.meanDepth",
  "utilization.consumers",
  "throughput",
  "dropped",
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
