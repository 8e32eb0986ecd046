/**
 * A pipeline's rows of the statistics block: a row per stage and the bottleneck, as the terminal
 * prints them and the run page shows them (without the rest of the block, and nothing of Effect).
 */
import type { Statistics } from "../stats/statistics.ts"
import type { DurationSummary } from "../stats/summary.ts"
import { formatNumber, formatSeconds } from "./numbers.ts"
import { sanitizeForTerminal } from "./sanitize.ts"

/** A row of the block: its label in a column of its own. */
export const row = (label: string, text: string) => `  ${label.padEnd(13)}${text}`

export const percent = (fraction: number) => `${formatNumber(fraction * 100, 1)}%`

/** A row per stage: its waits, service, workers' busy and held time, queue, and what it lost. */
const stageRows = (statistics: Statistics): ReadonlyArray<string> => {
  const entries = Object.entries(statistics.stages ?? {})
  const width = Math.max(...entries.map(([name]) => sanitizeForTerminal(name).length))
  const wait = (summary: DurationSummary) =>
    summary.count === 0
      ? "no items"
      : `wait mean ${formatSeconds(summary.mean)} p99 ${formatSeconds(summary.p99)}`
  return [
    ...entries.flatMap(([name, stage]) => {
      const shown = sanitizeForTerminal(name).padEnd(width)
      const losses = [
        ...(stage.blockedTime > 0 ? [`held ${formatSeconds(stage.blockedTime)} by a full queue below`] : []),
        ...(stage.failed > 0
          ? [`${formatNumber(stage.failed)} failed`, `${formatNumber(stage.retried)} retried`]
          : []),
        ...(stage.deadLettered > 0 ? [`${formatNumber(stage.deadLettered)} dead-lettered`] : []),
        ...(stage.dropped > 0 ? [`${formatNumber(stage.dropped)} dropped`] : []),
      ]
      return [
        row(
          "",
          `${shown}  ${wait(stage.latency)}, service mean ${formatSeconds(stage.service.mean)}, busy ${percent(stage.utilization)}, queue max ${formatNumber(stage.queue.maxDepth)} mean ${formatNumber(stage.queue.meanDepth, 3)}`,
        ),
        ...(losses.length === 0 ? [] : [row("", `${" ".repeat(width)}  ${losses.join(", ")}`)]),
      ]
    }),
  ].map((text, index) => (index === 0 ? `  ${"stages".padEnd(13)}${text.trimStart()}` : text))
}

const bottleneckRow = (statistics: Statistics): string => {
  const name = statistics.bottleneck
  const stage = name === null || name === undefined ? undefined : statistics.stages?.[name]
  return row(
    "bottleneck",
    name === null || name === undefined || stage === undefined
      ? "none (no stage served)"
      : `${sanitizeForTerminal(name)}, its workers busiest serving (${percent(stage.utilization)})`,
  )
}

/** A pipeline's rows per stage and its bottleneck, as the block prints them (the page shows them too). */
export const stageStatisticsLines = (statistics: Statistics): ReadonlyArray<string> => [
  ...stageRows(statistics),
  bottleneckRow(statistics),
]
