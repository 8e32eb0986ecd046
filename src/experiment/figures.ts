/**
 * How a sweep's values and estimates are spelled, wherever they are shown: the terminal table, the
 * CSV, the answer line and the HTML page. Pure and free of imports that run, so the page's browser
 * code can use it too.
 */
import type { MetricSummary, ParameterValue } from "./resultSchema.ts"

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
