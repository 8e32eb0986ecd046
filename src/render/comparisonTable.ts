/**
 * `simulate --compare`: the same seed through several modes, side by side, each figure also as a
 * ratio to the first mode: the course's "30 s against 21 s, 60 times less latency" in one glance.
 */
import type { Scenario } from "../scenario/scenario.ts"
import type { Statistics } from "../stats/statistics.ts"
import { formatSeconds } from "./numbers.ts"
import { sanitizeForTerminal } from "./sanitize.ts"

/** "0.70x": this figure divided by the first mode's. */
const ratio = (value: number | null, first: number | null) =>
  value === null || first === null || first === 0
    ? "-"
    : `${(value / first).toFixed(value / first < 0.1 ? 4 : 2)}x`

const columns = [
  "mode",
  "items",
  "total time",
  "mean latency",
  "p50",
  "p99",
  "max",
  "max depth",
  "utilization",
  "time vs first",
  "latency vs first",
] as const

export const comparisonTable = (
  runs: ReadonlyArray<Statistics>,
  scenarios: ReadonlyArray<Scenario>,
): string => {
  const first = runs[0]
  const rows = runs.map((statistics, index) => {
    const scenario = scenarios[index]
    return [
      sanitizeForTerminal(statistics.mode),
      scenario === undefined ? "-" : `${scenario.producers} x ${scenario.itemsPerProducer}`,
      formatSeconds(statistics.elapsed),
      formatSeconds(statistics.latency.mean),
      formatSeconds(statistics.latency.p50),
      formatSeconds(statistics.latency.p99),
      formatSeconds(statistics.latency.max),
      String(statistics.queue.maxDepth),
      `${(statistics.utilization.consumers * 100).toFixed(1)}%`,
      ratio(statistics.elapsed, first?.elapsed ?? null),
      ratio(statistics.latency.mean, first?.latency.mean ?? null),
    ]
  })
  const widths = columns.map((heading, column) =>
    Math.max(heading.length, ...rows.map((row) => row[column]?.length ?? 0)),
  )
  const line = (cells: ReadonlyArray<string>) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join("  ")
  const seed = first === undefined ? "" : ` (seed ${first.seed})`
  return [`Comparison${seed}`, line(columns), ...rows.map(line)].join("\n")
}
