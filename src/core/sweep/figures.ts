/**
 * How a sweep's values and estimates are spelled, wherever they are shown: the terminal table, the
 * CSV, the answer line and the HTML page. Pure and free of imports that run, so the page's browser
 * code can use it too.
 */
import { formatNumber } from "../render/numbers.ts"
import { arrivalRateText, meanServiceText, overloadConsequence } from "../scenario/loadText.ts"
import type { FixedScenario, MetricSummary, ParameterValue } from "./resultSchema.ts"

/** A varied parameter's value: capacity and timeout `none` are null in the result. */
export const formatValue = (value: typeof ParameterValue.Type): string =>
  value === null ? "none" : String(value)

/**
 * "0.456 ± 0.012": the half-width to two significant digits and the mean to the same decimals,
 * so no digit is shown that the interval does not support.
 */
export const formatEstimate = (summary: MetricSummary): string => {
  const { mean, halfWidth } = summary
  if (mean === null) return "-"
  const mark = summary.missing === undefined ? "" : "*"
  if (halfWidth === null || halfWidth === 0) {
    return `${Number.isInteger(mean) ? String(mean) : mean.toFixed(3)}${halfWidth === 0 ? " ± 0" : ""}${mark}`
  }
  const decimals = Math.min(6, Math.max(0, 1 - Math.floor(Math.log10(halfWidth))))
  return `${mean.toFixed(decimals)} ± ${halfWidth.toFixed(decimals)}${mark}`
}

/** "20,000 items": thousands separated, as the statistics block counts. */
const counted = (count: typeof ParameterValue.Type | undefined, noun: string): string | undefined =>
  count === undefined
    ? undefined
    : `${typeof count === "number" ? formatNumber(count) : formatValue(count)} ${noun}${count === 1 ? "" : "s"}`

/** A queue's bound and what a full one does: "queue of 10 (when full: drop)", "unbounded queue". */
const queueText = (
  capacity: typeof ParameterValue.Type | undefined,
  whenFull: typeof ParameterValue.Type | undefined,
): string | undefined =>
  capacity === undefined
    ? undefined
    : capacity === null
      ? "unbounded queue"
      : `queue of ${formatValue(capacity)}${whenFull === undefined ? "" : ` (when full: ${formatValue(whenFull)})`}`

/**
 * A pipeline's stages as the sweep holds them fixed (keys `NAME.KEY`), in their order: "parse (2
 * workers, process exp(150ms), unbounded queue), store (...)". A failure's keys only where it fails.
 */
const describeStages = (settings: FixedScenario["settings"]): string | undefined => {
  const stages = new Map<string, Record<string, typeof ParameterValue.Type>>()
  for (const [key, value] of Object.entries(settings)) {
    const dot = key.indexOf(".")
    if (dot < 0) continue
    const name = key.slice(0, dot)
    stages.set(name, { ...stages.get(name), [key.slice(dot + 1)]: value })
  }
  if (stages.size === 0) return undefined
  const described = [...stages].map(([name, keys]) => {
    const fails = keys.fail !== 0
    const parts = [
      counted(keys.workers, "worker"),
      keys.process === undefined ? undefined : `process ${formatValue(keys.process)}`,
      queueText(keys.capacity, keys.whenFull),
      keys.fail === undefined || !fails ? undefined : `fail ${formatValue(keys.fail)}`,
      keys.retries === undefined || !fails ? undefined : `retries ${formatValue(keys.retries)}`,
      keys.backoff === undefined ? undefined : `backoff ${formatValue(keys.backoff)}`,
      keys.next === undefined ? undefined : `next ${formatValue(keys.next)}`,
    ].filter((part) => part !== undefined)
    return parts.length === 0 ? name : `${name} (${parts.join(", ")})`
  })
  return `stages ${described.join(", ")}`
}

/**
 * The fixed scenario in one sentence: who makes items and how fast they arrive on average, what
 * each service takes on average, and the queue (a pipeline's stages, each with its own). What the
 * configurations vary is left out.
 */
export const describeFixedScenario = (fixed: FixedScenario): string => {
  const { settings } = fixed
  // A pipeline's stages set their own workers, service and queue; the flags' are only their defaults.
  const stages = describeStages(settings)
  const producers = counted(settings.producers, "producer")
  const items = counted(settings.items, "item")
  const who =
    producers === undefined ? items && `${items} per producer` : items ? `${producers} x ${items}` : producers
  const arrivals =
    fixed.arrivalRate === undefined
      ? settings.produce === undefined
        ? undefined
        : `produce ${formatValue(settings.produce)}`
      : `arrivals ${arrivalRateText(fixed.arrivalRate)} on average${settings.produce === undefined ? "" : ` (produce ${formatValue(settings.produce)})`}`
  const service =
    fixed.meanService === undefined
      ? settings.process === undefined
        ? undefined
        : `process ${formatValue(settings.process)}`
      : `service ${meanServiceText(fixed.meanService)} on average${settings.process === undefined ? "" : ` (process ${formatValue(settings.process)})`}`
  const queue = queueText(settings.capacity, settings.whenFull)
  const parts = [
    settings.mode === undefined ? undefined : `mode ${formatValue(settings.mode)}`,
    who,
    ...(stages === undefined
      ? [counted(settings.consumers, "consumer"), arrivals, service, queue]
      : [arrivals, stages]),
    settings.timeout === undefined || settings.timeout === null
      ? undefined
      : `timeout ${formatValue(settings.timeout)}`,
  ]
  return parts.filter((part) => part !== undefined).join(", ")
}

/** What the load column holds: a pipeline's is its most loaded stage's. */
export const loadNote = (pipeline: boolean): string =>
  pipeline
    ? "load: offered load per worker of the most loaded stage (named), arrivals with their retries x mean service time / workers"
    : "load: offered load per consumer, arrival rate x mean service time / consumers"

/** What an unstable configuration's figures mean, for the sweep's queue (a varied one says both). */
export const unstableNote = ({ settings }: FixedScenario, pipeline = false): string => {
  if (pipeline)
    return "unstable, a stage's offered load at or above 1 per worker: its queue grows without bound, or stays full and holds the stage above it back or drops items, and the figures depend on the run's length"
  const { capacity, whenFull } = settings
  const consequence = overloadConsequence({
    capacity: capacity === undefined ? undefined : typeof capacity === "number" ? capacity : null,
    whenFull: whenFull === undefined ? undefined : String(whenFull),
  })
  return `unstable, an offered load at or above 1 per consumer: ${consequence}`
}
