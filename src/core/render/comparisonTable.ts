/**
 * `simulate --compare`: the same seed through several modes, side by side in 100 columns, with the
 * time and the mean latency also as a ratio to the first mode: the course's "30 s against 21 s, 60
 * times less latency" in one glance. Each row shows the work done (items consumed, throughput) and
 * how the run ended, and a run cut off before its end is said so below the table: trio's 5 s cover
 * only part of the work.
 */
import type { Statistics } from "../stats/statistics.ts"
import { formatNumber, formatSeconds } from "./numbers.ts"
import { sanitizeForTerminal } from "./sanitize.ts"

/** "0.70x": this figure divided by the first mode's. */
const ratio = (value: number | null, first: number | null) =>
  value === null || first === null || first === 0
    ? "-"
    : `${(value / first).toFixed(value / first < 0.1 ? 4 : 2)}x`

const seconds = (value: number | null) => (value === null ? "-" : formatNumber(value, 3))

const endings = { completed: "done", timeout: "cut off", interrupted: "stopped" } as const

interface Column {
  readonly heading: string
  /** A heading above this column and the `span - 1` after it, such as a unit or a group. */
  readonly above?: { readonly text: string; readonly span: number }
  readonly cell: (statistics: Statistics, first: Statistics) => string
}

const columns = (firstMode: string): ReadonlyArray<Column> => [
  { heading: "mode", cell: (run) => sanitizeForTerminal(run.mode) },
  {
    heading: "items",
    cell: (run) => `${formatNumber(run.scenario.producers)} x ${formatNumber(run.scenario.items)}`,
  },
  { heading: "consumed", cell: (run) => formatNumber(run.consumed) },
  { heading: "end", cell: (run) => endings[run.end.reason] },
  { heading: "time", above: { text: "total", span: 1 }, cell: (run) => seconds(run.elapsed) },
  { heading: "per s", above: { text: "items", span: 1 }, cell: (run) => formatNumber(run.throughput, 3) },
  { heading: "mean", above: { text: "latency", span: 2 }, cell: (run) => seconds(run.latency.mean) },
  { heading: "p99", cell: (run) => seconds(run.latency.p99) },
  { heading: "depth", above: { text: "max", span: 1 }, cell: (run) => formatNumber(run.queue.maxDepth) },
  { heading: "busy", cell: (run) => `${formatNumber(run.utilization.consumers * 100, 1)}%` },
  {
    heading: "time",
    above: { text: `vs ${firstMode}`, span: 2 },
    cell: (run, first) => ratio(run.elapsed, first.elapsed),
  },
  { heading: "latency", cell: (run, first) => ratio(run.latency.mean, first.latency.mean) },
]

const separator = "  "

/** Below the table: each run that did not do all its work, and why. */
const cutOffNote = (run: Statistics): ReadonlyArray<string> => {
  if (run.end.reason === "completed") return []
  const how = run.end.reason === "timeout" ? "by its timeout" : "on request"
  const total = run.scenario.producers * run.scenario.items
  return [
    `${sanitizeForTerminal(run.mode)}: cut off at ${formatSeconds(run.end.at)} ${how}, with ${formatNumber(run.consumed)} of its ${formatNumber(total)} items consumed; figures of that part only`,
  ]
}

export const comparisonTable = (runs: ReadonlyArray<Statistics>): string => {
  const first = runs[0]
  if (first === undefined) return "Comparison: no runs"
  const table = columns(sanitizeForTerminal(first.mode))
  const rows = runs.map((run) => table.map((column) => column.cell(run, first)))
  const widths = table.map((column, index) =>
    Math.max(column.heading.length, ...rows.map((row) => row[index]?.length ?? 0)),
  )
  const room = (index: number, span: number) =>
    widths
      .slice(index, index + span)
      .reduce((sum, width) => sum + width + separator.length, -separator.length)
  // A heading above columns gets their width together; the last of them widens if it needs more.
  const above: Array<string> = []
  for (let index = 0; index < table.length; ) {
    const { text = "", span = 1 } = table[index]?.above ?? {}
    const last = index + span - 1
    widths[last] = (widths[last] ?? 0) + Math.max(0, text.length - room(index, span))
    above.push(text.padStart(room(index, span)))
    index += span
  }
  const line = (cells: ReadonlyArray<string>) =>
    cells
      .map((cell, index) =>
        index === 0 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0),
      )
      .join(separator)
      .trimEnd()
  return [
    `Comparison (seed ${first.seed}; times in seconds)`,
    above.join(separator).trimEnd(),
    line(table.map((column) => column.heading)),
    ...rows.map(line),
    ...runs.flatMap(cutOffNote),
  ].join("\n")
}

/** What `--compare` prints: the table (or with `json` the statistics objects) on stdout, and the
 * recordings written, if any, after it (on stderr with `json`). */
export const comparisonOutput = (
  runs: ReadonlyArray<{ readonly statistics: Statistics; readonly recording: string | undefined }>,
  json: boolean,
): { readonly stdout: string; readonly stderr: string } => {
  const written = runs.flatMap(({ statistics, recording }) =>
    recording === undefined ? [] : [{ path: recording, mode: statistics.mode }],
  )
  const recordings = written.length === 0 ? "" : `${recordingsList(written)}\n`
  const statistics = runs.map((run) => run.statistics)
  return json
    ? { stdout: `${JSON.stringify(statistics, null, 2)}\n`, stderr: recordings }
    : { stdout: `${comparisonTable(statistics)}\n${recordings}`, stderr: "" }
}

/** The recordings of a comparison, one list wrapped to `width` columns under its label. */
const recordingsList = (
  recordings: ReadonlyArray<{ readonly path: string; readonly mode: string }>,
  width = 100,
): string => {
  const label = "Recordings: "
  const lines: Array<string> = []
  let current = label
  recordings.forEach((recording, index) => {
    const entry = `${recording.path} (${sanitizeForTerminal(recording.mode)})${index < recordings.length - 1 ? "," : ""}`
    if (current !== label && current.length + 1 + entry.length > width) {
      lines.push(current)
      current = " ".repeat(label.length) + entry
    } else current += current === label ? entry : ` ${entry}`
  })
  lines.push(current)
  return lines.join("\n")
}
