/**
 * The statistics block printed after a run or a replay: the same figures as the JSON object, laid
 * out for reading.
 */
import type { Statistics } from "../stats/statistics.ts"
import type { DurationSummary } from "../stats/summary.ts"
import { formatSeconds } from "./numbers.ts"
import { sanitizeForTerminal } from "./sanitize.ts"

const summaryLine = (label: string, summary: DurationSummary): string => {
  if (summary.count === 0) return `  ${label.padEnd(13)}no items`
  const figures = [
    `mean ${formatSeconds(summary.mean)}`,
    `p50 ${formatSeconds(summary.p50)}`,
    `p90 ${formatSeconds(summary.p90)}`,
    `p99 ${formatSeconds(summary.p99)}`,
    `max ${formatSeconds(summary.max)}`,
    `min ${formatSeconds(summary.min)}`,
  ]
  return `  ${label.padEnd(13)}${figures.join("  ")}`
}

const heading = (statistics: Statistics): string => {
  const run = `mode ${sanitizeForTerminal(statistics.mode)}, seed ${statistics.seed}`
  const window = statistics.window
  return window === undefined
    ? `Statistics (${run})`
    : `Statistics of ${formatSeconds(window.from)} to ${formatSeconds(window.until)} only (${run})`
}

export const statisticsBlock = (statistics: Statistics): string =>
  [
    "",
    heading(statistics),
    `  ${"elapsed".padEnd(13)}${formatSeconds(statistics.elapsed)}`,
    `  ${"items".padEnd(13)}${statistics.produced} produced, ${statistics.consumed} consumed, ${statistics.dropped} dropped`,
    summaryLine("latency", statistics.latency),
    summaryLine("sojourn", statistics.sojourn),
    `  ${"queue depth".padEnd(13)}max ${statistics.queue.maxDepth}, mean ${statistics.queue.meanDepth.toFixed(3)} (time-weighted)`,
    `  ${"throughput".padEnd(13)}${statistics.throughput.toFixed(3)} items/s`,
    `  ${"utilization".padEnd(13)}consumers ${(statistics.utilization.consumers * 100).toFixed(1)}%`,
    `  ${"producers".padEnd(13)}blocked ${statistics.producers.blocked} times on a full queue, ${formatSeconds(statistics.producers.blockedTime)} in all`,
  ].join("\n")
