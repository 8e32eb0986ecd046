/**
 * The sweep's result as CSV (RFC 4180), one line per configuration: the varied parameters, the
 * fixed scenario's settings (the same on every line, so each line describes its whole
 * configuration), the offered load, each metric's mean, half-width, min, max and missing count, then
 * each target's verdict and the estimated replications to decide it. Empty cells stand for null.
 */
import { formatValue } from "../core/sweep/figures.ts"
import type { SweepResult } from "../core/sweep/resultSchema.ts"

/** Quotes a cell when it holds a comma, a quote or a line break (`lognormal(1s,300ms)`). */
const cell = (value: string | number | null | undefined): string => {
  if (value === null || value === undefined) return ""
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export const renderCsv = (result: SweepResult): string => {
  const { rows, varied } = result
  const metrics = Object.keys(rows[0]?.metrics ?? {})
  const targets = (rows[0]?.targets ?? []).map((outcome) => outcome.target)
  const fixed = Object.entries(result.scenario.settings)
  const loadKeys = ["arrivalRate", "meanService", "perWorker", "unstable"] as const
  // A pipeline's load names its most loaded stage, and gives each stage's own.
  const stageNames = Object.keys(rows[0]?.load.stages ?? {})
  const stageLoadKeys = ["arrivalRate", "perWorker", "unstable"] as const
  const header = [
    ...varied,
    ...fixed.map(([key]) => `scenario.${key}`),
    ...loadKeys.map((key) => `load.${key}`),
    ...(rows[0]?.load.stage === undefined ? [] : ["load.stage"]),
    ...stageNames.flatMap((name) => stageLoadKeys.map((key) => `load.stages.${name}.${key}`)),
    ...metrics.flatMap((metric) =>
      ["mean", "halfWidth", "min", "max", "missing"].map((key) => `${metric}.${key}`),
    ),
    ...targets.flatMap((target) => [target, `${target} moreReplications`]),
    "seeds",
  ]
  const lines = rows.map((row) => [
    ...varied.map((name) => formatValue(row.parameters[name] ?? null)),
    ...fixed.map(([, value]) => formatValue(value)),
    ...loadKeys.map((key) => String(row.load[key] ?? "")),
    ...(row.load.stage === undefined ? [] : [row.load.stage]),
    ...stageNames.flatMap((name) => stageLoadKeys.map((key) => String(row.load.stages?.[name]?.[key] ?? ""))),
    ...metrics.flatMap((metric) => {
      const summary = row.metrics[metric]
      return [summary?.mean, summary?.halfWidth, summary?.min, summary?.max, summary?.missing ?? 0]
    }),
    ...row.targets.flatMap((outcome) => [outcome.verdict, outcome.moreReplications]),
    row.seeds.join(" "),
  ])
  return `${[header, ...lines].map((line) => line.map(cell).join(",")).join("\r\n")}\r\n`
}
