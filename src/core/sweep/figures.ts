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

/**
 * The fixed scenario in one sentence: who makes items and how fast they arrive on average, what
 * each service takes on average, and the queue. What the configurations vary is left out.
 */
export const describeFixedScenario = (fixed: FixedScenario): string => {
  const { settings } = fixed
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
  const queue =
    settings.capacity === undefined
      ? undefined
      : settings.capacity === null
        ? "unbounded queue"
        : `queue of ${formatValue(settings.capacity)}${settings.whenFull === undefined ? "" : ` (when full: ${formatValue(settings.whenFull)})`}`
  const parts = [
    settings.mode === undefined ? undefined : `mode ${formatValue(settings.mode)}`,
    who,
    counted(settings.consumers, "consumer"),
    arrivals,
    service,
    queue,
    settings.timeout === undefined || settings.timeout === null
      ? undefined
      : `timeout ${formatValue(settings.timeout)}`,
  ]
  return parts.filter((part) => part !== undefined).join(", ")
}

/** What an unstable configuration's figures mean, for the sweep's queue (a varied one says both). */
export const unstableNote = ({ settings }: FixedScenario): string => {
  const { capacity, whenFull } = settings
  const consequence = overloadConsequence({
    capacity: capacity === undefined ? undefined : typeof capacity === "number" ? capacity : null,
    whenFull: whenFull === undefined ? undefined : String(whenFull),
  })
  return `unstable, an offered load at or above 1 per consumer: ${consequence}`
}
