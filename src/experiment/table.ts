/**
 * The sweep's result as text for a terminal: the fixed scenario, then one line per configuration
 * (at most 100 columns) with its offered load, then the paired differences along the varied
 * parameters, then the answer. Drawn from the result alone, so a merged sweep prints exactly like an
 * unsharded one. The targets' columns come first; other metrics follow while they fit, and the ones
 * that do not are named (they are in --json and --csv). Headers carry each metric's unit.
 */
import { sanitizeForTerminal } from "../core/render/sanitize.ts"
import { perWorkerText } from "../core/scenario/loadText.ts"
import {
  describeFixedScenario,
  formatEstimate,
  formatValue,
  loadNote,
  unstableNote,
} from "../core/sweep/figures.ts"
import { type MetricUnit, metricUnit } from "../core/sweep/metrics.ts"
import type { SweepResult } from "../core/sweep/resultSchema.ts"

export const tableWidth = 100

const formatVerdict = (outcome: SweepResult["rows"][number]["targets"][number]): string => {
  if (outcome.verdict !== "undecided") return outcome.verdict
  const more = outcome.moreReplications
  return more === undefined || more === null ? "undecided" : `undecided (+${more})`
}

/** Breaks a note at spaces into lines of at most `tableWidth`, continued with an indent. */
const wrap = (text: string): ReadonlyArray<string> => {
  const lines: Array<string> = []
  let line = ""
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > tableWidth) {
      lines.push(line)
      line = `  ${word}`
    } else line = line === "" ? word : `${line} ${word}`
  }
  return [...lines, line]
}

/** How the line of units names a metric's unit; counts and fractions need none. */
const unitLabels: Readonly<Record<MetricUnit, string>> = {
  seconds: "s",
  count: "",
  fraction: "",
  "per second": "/s",
  items: "items",
}

const unstableMark = "!"

const width = (lines: ReadonlyArray<string>) => Math.max(...lines.map((line) => line.length))

interface Column {
  readonly header: string
  /** Shown under the header, on a line of units that is drawn when any column has one. */
  readonly unit?: string | undefined
  readonly cells: ReadonlyArray<string>
  /** Figures line up on the right, names on the left. */
  readonly right: boolean
}

const draw = (columns: ReadonlyArray<Column>): ReadonlyArray<string> => {
  const widths = columns.map((column) =>
    Math.max(column.header.length, column.unit?.length ?? 0, ...column.cells.map((cell) => cell.length)),
  )
  const line = (cellOf: (column: Column) => string) =>
    columns
      .map((column, index) => {
        const cell = cellOf(column)
        return column.right ? cell.padStart(widths[index] ?? 0) : cell.padEnd(widths[index] ?? 0)
      })
      .join("  ")
      .trimEnd()
  const count = columns[0]?.cells.length ?? 0
  const units = columns.some((column) => (column.unit ?? "") !== "")
  return [
    line((column) => column.header),
    ...(units ? [line((column) => column.unit ?? "")] : []),
    ...Array.from({ length: count }, (_, row) => line((column) => column.cells[row] ?? "")),
  ]
}

/** The metric a target's text starts with (the longest, so latency.p99 is not read as latency). */
const metricOfTarget = (target: string, metrics: ReadonlyArray<string>): string | undefined =>
  metrics
    .filter((metric) => target.startsWith(metric) && /^[<>]/.test(target.slice(metric.length)))
    .sort((a, b) => b.length - a.length)[0]

/** A sweep stopped before its end (Ctrl-C): how many runs of each row finished, in grid order. */
export interface StoppedSweep {
  readonly finished: ReadonlyArray<number>
}

export const renderTable = (result: SweepResult, stopped?: StoppedSweep): string => {
  const { rows, varied } = result
  const metrics = Object.keys(rows[0]?.metrics ?? {})
  const targets = (rows[0]?.targets ?? []).map((outcome) => outcome.target)
  // A stopped row with fewer than two runs has no interval to judge.
  const judged = (row: number) => stopped === undefined || (stopped.finished[row] ?? 0) >= 2
  const verdictCells = rows.map((row, index) =>
    row.targets.map((outcome) => (judged(index) ? formatVerdict(outcome) : "-")),
  )
  const parameterColumns: Array<Column> = varied.map((name) => ({
    header: name,
    cells: rows.map((row) => sanitizeForTerminal(formatValue(row.parameters[name] ?? null))),
    right: false,
  }))
  if (stopped !== undefined) {
    parameterColumns.push({
      header: "runs",
      cells: rows.map((_, index) => `${stopped.finished[index] ?? 0} of ${result.replications}`),
      right: true,
    })
  }
  parameterColumns.push({
    header: "load",
    cells: rows.map(
      (row) =>
        `${perWorkerText(row.load)}${row.load.unstable ? unstableMark : ""}${row.load.stage === undefined ? "" : ` ${sanitizeForTerminal(row.load.stage)}`}`,
    ),
    right: true,
  })
  const metricColumn = (metric: string): Column => ({
    header: metric,
    unit: unitLabels[metricUnit(metric) ?? "count"],
    cells: rows.map((row) => {
      const summary = row.metrics[metric]
      return summary === undefined ? "-" : formatEstimate(summary)
    }),
    right: true,
  })
  // Each target's verdict stands right after its metric, headed by the rest of the target ("<=500ms").
  const withVerdicts = (metric: string): ReadonlyArray<Column> => [
    metricColumn(metric),
    ...targets.flatMap((target, index) =>
      metricOfTarget(target, metrics) === metric
        ? [
            {
              header: sanitizeForTerminal(target.slice(metric.length)),
              cells: verdictCells.map((cells) => cells[index] ?? ""),
              right: false,
            },
          ]
        : [],
    ),
  ]
  const targetMetrics = metrics.filter((metric) =>
    targets.some((target) => metricOfTarget(target, metrics) === metric),
  )
  const otherMetrics = metrics.filter((metric) => !targetMetrics.includes(metric))

  // The targets always show; other metrics are added in order while the table still fits.
  const columns: Array<Column> = [...parameterColumns, ...targetMetrics.flatMap(withVerdicts)]
  const hidden: Array<string> = []
  for (const metric of otherMetrics) {
    const wider = draw([...columns, metricColumn(metric)])
    if (hidden.length === 0 && (width(wider) <= tableWidth || columns.length === parameterColumns.length)) {
      columns.push(metricColumn(metric))
    } else hidden.push(metric)
  }
  const table = draw(columns)
  const shown = metrics.filter((metric) => !hidden.includes(metric))
  const ordered = [...targetMetrics, ...otherMetrics]

  const seeds = rows[0]?.seeds ?? []
  const share = result.shard
  // A share's rows are only those it ran: the sweep's runs are counted from its description.
  const sweepRuns = result.replications * (share?.sweep.scenarios.length ?? rows.length)
  const finishedRuns = stopped?.finished.reduce((sum, count) => sum + count, 0) ?? 0
  const notes = [
    stopped !== undefined
      ? `stopped after ${finishedRuns} of ${sweepRuns} runs: each row counts only ` +
        `its runs that finished (runs), mean ± ${Math.round(result.confidence * 100)}% Student-t half-width`
      : share === undefined
        ? `${result.replications} replications per row (seeds ${seeds[0]}-${seeds[seeds.length - 1]}), ` +
          `mean ± ${Math.round(result.confidence * 100)}% Student-t half-width, warm-up ${result.warmup} s`
        : `share ${share.index} of ${share.count}: each row counts only the replications this share ran ` +
          `(${share.pairs.length} of ${sweepRuns} runs); --merge the shares for the sweep's result`,
  ]
  const pipeline = rows.some((row) => row.load.stages !== undefined)
  notes.push(loadNote(pipeline))
  if (rows.some((row) => row.load.unstable)) {
    notes.push(`!: ${unstableNote(result.scenario, pipeline)}`)
  }
  if (verdictCells.some((cells) => cells.some((cell) => cell.startsWith("undecided (")))) {
    notes.push("undecided (+N): about N more replications would likely decide it")
  }
  const noValue = (metric: string) => rows.every((row) => row.metrics[metric]?.mean === null)
  if (metrics.length > 0 && metrics.every(noValue)) {
    notes.push(
      `no run counted anything: every one ended before the warm-up (${result.warmup} s); choose a shorter --warmup`,
    )
  } else if (rows.some((row) => shown.some((metric) => row.metrics[metric]?.missing !== undefined))) {
    notes.push("* some replications had no value (nothing counted after the warm-up); the others are shown")
  }
  if (hidden.length > 0) notes.push(`more metrics in --json and --csv: ${hidden.join(", ")}`)
  return [
    ...wrap(sanitizeForTerminal(`scenario: ${describeFixedScenario(result.scenario)}`)),
    "",
    ...table,
    "",
    ...notes.flatMap((note) => wrap(note)),
    // A share holds too few common seeds for paired differences: the merged result has them. A
    // stopped sweep neither: its rows stand on different runs, and some on none.
    ...(share === undefined && stopped === undefined ? differenceLines(result, ordered[0]) : []),
    "",
    stopped === undefined ? result.answer : "no answer: the sweep was stopped before its end",
    "",
  ].join("\n")
}

/** Paired differences of one metric between neighbouring configurations (common random numbers). */
const differenceLines = (result: SweepResult, metric: string | undefined): ReadonlyArray<string> => {
  if (metric === undefined) return []
  const lines = result.rows.flatMap((row) =>
    row.differences.map((difference) => {
      const others = Object.entries(row.parameters)
        .filter(([name]) => name !== difference.parameter)
        .map(([name, value]) => `${name}=${formatValue(value)}`)
      const step = `${difference.parameter} ${formatValue(difference.from)} -> ${formatValue(difference.to)}`
      const summary = difference.metrics[metric]
      return [
        sanitizeForTerminal(others.length === 0 ? step : `${step} (${others.join(" ")})`),
        summary === undefined ? "-" : formatEstimate(summary),
      ]
    }),
  )
  if (lines.length === 0) return []
  const heading = `${metric}, paired difference to the next value (next minus this, same seeds):`
  const table = draw([
    { header: "", cells: lines.map(([step]) => step ?? ""), right: false },
    { header: "", cells: lines.map(([, figure]) => figure ?? ""), right: true },
  ])
  return ["", heading, ...table.slice(1).map((line) => `  ${line}`)]
}
