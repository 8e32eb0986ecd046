/**
 * One chart of the sweep's page, without the DOM: a metric's mean and confidence interval for
 * every configuration, placed by the layout; the targets on that metric as lines at their bounds;
 * and each configuration's verdict against them, which the page shows by shape and word as well as
 * colour. The charts come targets' metrics first, like the terminal table's columns.
 */

import type { Row } from "../../core/sweep/resultSchema.ts"
import type { SweepPageDocument, SweepPageTarget } from "../../core/sweep/sweepDocument.ts"
import type { Place, SweepLayout } from "./sweepLayout.ts"
import { type ValueAxis, valueAxis } from "./valueAxis.ts"

export type Verdict = Row["targets"][number]["verdict"]

/** Each verdict's shape (as a character, for text) and word; the page draws the same shapes in SVG. */
export const verdictMarks: Readonly<Record<Verdict, { readonly symbol: string; readonly word: string }>> = {
  met: { symbol: "●", word: "met" },
  missed: { symbol: "✕", word: "missed" },
  undecided: { symbol: "◇", word: "undecided" },
}

/** A point against several targets: missed if any is missed, else undecided if any is, else met. */
export const combinedVerdict = (verdicts: ReadonlyArray<Verdict>): Verdict | undefined =>
  verdicts.length === 0
    ? undefined
    : verdicts.includes("missed")
      ? "missed"
      : verdicts.includes("undecided")
        ? "undecided"
        : "met"

export interface ChartPoint {
  /** Index of the row in the result. */
  readonly row: number
  readonly place: Place
  readonly mean: number
  /** The confidence interval's ends (mean ± half-width); undefined without a half-width. */
  readonly interval: { readonly low: number; readonly high: number } | undefined
  /** Against this metric's targets; undefined when it has none. */
  readonly verdict: Verdict | undefined
}

export interface VerdictCell {
  readonly row: number
  readonly place: Place
  readonly verdict: Verdict
  readonly moreReplications: number | null | undefined
}

/** One target's verdicts, a cell per configuration. */
export interface VerdictStrip {
  readonly target: SweepPageTarget
  /** `≤ 500ms`: the target without its metric. */
  readonly bound: string
  readonly cells: ReadonlyArray<VerdictCell>
}

export interface MetricChart {
  readonly metric: string
  /** What the metric measures, in words, with its unit. */
  readonly description: string
  readonly axis: ValueAxis
  readonly points: ReadonlyArray<ChartPoint>
  /** Rows whose replications gave this metric no value at all. */
  readonly noValue: ReadonlyArray<number>
  readonly strips: ReadonlyArray<VerdictStrip>
}

const comparisonSigns: Readonly<Record<string, string>> = { "<=": "≤", ">=": "≥", "<": "<", ">": ">" }

/** `latency.p99<=500ms` as `≤ 500ms`. */
export const boundText = (target: SweepPageTarget): string =>
  `${comparisonSigns[target.comparison] ?? target.comparison} ${target.target.slice(target.metric.length + target.comparison.length)}`

const summaryWords: Readonly<Record<string, string>> = {
  count: "items counted",
  min: "shortest",
  mean: "mean",
  p50: "median",
  p90: "90th percentile",
  p99: "99th percentile",
  p999: "99.9th percentile",
  max: "longest",
}

const plainWords: Readonly<Record<string, string>> = {
  elapsed: "the run's length",
  produced: "items made",
  consumed: "items picked up",
  dropped: "items dropped or evicted by a full queue",
  dropRate: "share of the items made that a full queue dropped",
  "queue.maxDepth": "most items waiting",
  "queue.meanDepth": "items waiting, time-weighted mean",
  throughput: "items consumed per second",
  "utilization.consumers": "consumers' busy fraction",
  "producers.blocked": "times a producer waited on a full queue",
  "producers.blockedTime": "producers' time blocked on a full queue",
  deadLettered: "items given up after their last failed attempt",
}

/** A pipeline stage's figures (`stages.NAME.` and these), in words that name the stage. */
const stageWords: Readonly<Record<string, (stage: string) => string>> = {
  utilization: (stage) => `${stage}'s workers' busy fraction, serving`,
  "queue.maxDepth": (stage) => `most items waiting in ${stage}'s queue`,
  "queue.meanDepth": (stage) => `items waiting in ${stage}'s queue, time-weighted mean`,
  throughput: (stage) => `items ${stage} processed per second`,
  blockedTime: (stage) => `${stage}'s worker time held by a full queue below`,
  dropped: (stage) => `items ${stage}'s full queue dropped`,
  failed: (stage) => `failed attempts at ${stage}`,
  retried: (stage) => `retries at ${stage}`,
  deadLettered: (stage) => `items ${stage} gave up on`,
}

const stageFigureWords = (metric: string): string | undefined => {
  const match = /^stages\.([^.]+)\.(.+)$/.exec(metric)
  if (match === null) return undefined
  const [, stage = "", figure = ""] = match
  const [family, summary] = figure.split(".")
  if ((family === "latency" || family === "service") && summary !== undefined)
    return `${summaryWords[summary] ?? summary} ${family === "latency" ? `wait in ${stage}'s queue` : `attempt at ${stage}`}`
  return stageWords[figure]?.(stage)
}

const unitWords: Readonly<Record<string, string>> = {
  seconds: "seconds",
  count: "",
  fraction: "",
  "per second": "",
  items: "",
}

/** "99th percentile of the wait (creation → pick-up), seconds". */
export const describeMetric = (metric: string, unit: string): string => {
  const [family, summary] = metric.split(".")
  const words =
    stageFigureWords(metric) ??
    ((family === "latency" || family === "sojourn") && summary !== undefined
      ? `${summaryWords[summary] ?? summary} ${family === "latency" ? "wait (creation → pick-up)" : "time in the system (creation → processed)"}`
      : (plainWords[metric] ?? metric))
  const unitWord = unitWords[unit] ?? unit
  return unitWord === "" || metric.endsWith(".count") ? words : `${words}, ${unitWord}`
}

/** The metrics in chart order: those with targets first, in the targets' order, then the others. */
export const chartOrder = (document: SweepPageDocument): ReadonlyArray<string> => {
  const metrics = document.metrics.map(({ name }) => name)
  const targeted = [...new Set(document.targets.map(({ metric }) => metric))].filter((metric) =>
    metrics.includes(metric),
  )
  return [...targeted, ...metrics.filter((metric) => !targeted.includes(metric))]
}

export const metricChart = (
  document: SweepPageDocument,
  layout: SweepLayout,
  metric: string,
): MetricChart => {
  const { rows } = document.result
  const targets = document.targets.filter((target) => target.metric === metric)
  const outcomesOf = (row: Row) =>
    targets.flatMap((target) => row.targets.filter((outcome) => outcome.target === target.target))
  const points: Array<ChartPoint> = []
  const noValue: Array<number> = []
  const highest =
    document.metrics.find(({ name }) => name === metric)?.unit === "fraction" ? 1 : Number.POSITIVE_INFINITY
  rows.forEach((row, index) => {
    const summary = row.metrics[metric]
    const place = layout.places[index] ?? { value: 0, series: 0 }
    if (summary === undefined || summary.mean === null) {
      noValue.push(index)
      return
    }
    const { mean, halfWidth } = summary
    points.push({
      row: index,
      place,
      mean,
      // Every metric is a count, a time or a rate, and a fraction is at most 1: an interval drawn
      // past those would put the axis at -0.5 s or 1.1 for values that cannot be there.
      interval:
        halfWidth === null
          ? undefined
          : { low: Math.max(0, mean - halfWidth), high: Math.min(highest, mean + halfWidth) },
      verdict: combinedVerdict(outcomesOf(row).map((outcome) => outcome.verdict)),
    })
  })
  const extents = points.flatMap((point) =>
    point.interval === undefined ? [] : [point.interval.low, point.interval.high],
  )
  const strips = targets.map((target) => ({
    target,
    bound: boundText(target),
    cells: rows.flatMap((row, index): ReadonlyArray<VerdictCell> => {
      const outcome = row.targets.find((candidate) => candidate.target === target.target)
      const place = layout.places[index]
      if (outcome === undefined || place === undefined) return []
      return [{ row: index, place, verdict: outcome.verdict, moreReplications: outcome.moreReplications }]
    }),
  }))
  const unit = document.metrics.find(({ name }) => name === metric)?.unit ?? ""
  return {
    metric,
    description: describeMetric(metric, unit),
    axis: valueAxis(
      points.map((point) => point.mean),
      targets.map((target) => target.bound),
      extents,
    ),
    points,
    noValue,
    strips,
  }
}

/** A cell's word: "met", "missed", "undecided (+4)". */
export const verdictWord = (cell: VerdictCell): string => {
  const more =
    cell.moreReplications === undefined || cell.moreReplications === null
      ? ""
      : ` (+${cell.moreReplications})`
  return `${verdictMarks[cell.verdict].word}${more}`
}

/** Below this much room per value, the cells show their shape only. */
const roomForWords = 66
/** About how wide a character of a verdict's word is drawn (11 px, semi-bold). */
const wordCharacterWidth = 7.2

/**
 * Whether the cells have room for their words, `slot` pixels apart. A word starts 12 px left of its
 * value and must end before the next value's shape (28 px left of it, with a gap): the longest word
 * decides, so "undecided (+17)" never runs into a "met".
 */
export const verdictWordsFit = (chart: MetricChart, slot: number): boolean => {
  const longest = Math.max(
    0,
    ...chart.strips.flatMap((strip) => strip.cells.map((cell) => verdictWord(cell).length)),
  )
  return slot >= Math.max(roomForWords, longest * wordCharacterWidth + 16)
}
