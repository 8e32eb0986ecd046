/**
 * The statistics block printed after a run or a replay: the same figures as the JSON object, laid
 * out for reading. A run whose scenario offers more work than its consumers can do says so, since
 * then its figures describe how long it ran rather than the system.
 */
import * as Result from "effect/Result"
import { loadText, overloadLine } from "../scenario/loadText.ts"
import { offeredLoad } from "../scenario/offeredLoad.ts"
import { resolveSettings, scenarioSettingsOf } from "../scenario/scenario.ts"
import { leastAndMostBusy } from "../stats/busiestConsumers.ts"
import type { Statistics } from "../stats/statistics.ts"
import type { DurationSummary } from "../stats/summary.ts"
import { formatNumber, formatSeconds } from "./numbers.ts"
import { sanitizeForTerminal } from "./sanitize.ts"
import { percent, row, stageStatisticsLines } from "./stageRows.ts"

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

const plural = (count: number, noun: string) => `${formatNumber(count)} ${noun}${count === 1 ? "" : "s"}`

/** How the run ended: "completed at 21.122 s", "cut off at 5.000 s by its timeout", ... */
const howItEnded = (end: Statistics["end"]): string => {
  const at = formatSeconds(end.at)
  switch (end.reason) {
    case "completed":
      return `completed at ${at}`
    case "timeout":
      return `cut off at ${at} by its timeout`
    case "interrupted":
      // Ctrl-C, Enter in the threads program, SIGTERM or SIGHUP: a recording does not say which.
      return `cancelled on request at ${at}`
  }
}

const heading = (statistics: Statistics): string => {
  const run = `mode ${sanitizeForTerminal(statistics.mode)}, seed ${statistics.seed}`
  const ended = howItEnded(statistics.end)
  const window = statistics.window
  if (window !== undefined)
    return `Statistics of ${formatSeconds(window.from)} to ${formatSeconds(window.until)} only (${run}), of a run ${ended}`
  const { producers, items } = statistics.scenario
  return `Statistics (${run}), ${ended}: ${formatNumber(statistics.consumed)} of ${plural(producers * items, "item")} consumed`
}

/** What ran, in two lines: who and through which queue, then the timing. */
const scenarioLines = (scenario: Statistics["scenario"]): ReadonlyArray<string> => {
  const queue =
    scenario.capacity === null
      ? "unbounded queue"
      : `queue of ${formatNumber(scenario.capacity)} (when full: ${scenario.whenFull})`
  const who = [
    `${plural(scenario.producers, "producer")} x ${plural(scenario.items, "item")}`,
    plural(scenario.consumers, "consumer"),
    queue,
    ...(scenario.clock === "live" ? ["live clock"] : []),
  ]
  const timing = [
    `produce ${scenario.produce}`,
    `process ${scenario.process}`,
    ...(scenario.timeout === null ? [] : [`timeout ${scenario.timeout}`]),
  ]
  return [who.join(", "), timing.join(", ")].map(sanitizeForTerminal)
}

/** Only for an overloaded scenario: its load, and what that does to the run. */
const overloadRows = (scenario: Statistics["scenario"]): ReadonlyArray<string> => {
  // The offered load is a single queue's; a pipeline's stages say theirs in their own rows.
  if (scenario.stages !== undefined) return []
  const resolved = resolveSettings(scenarioSettingsOf(scenario))
  if (Result.isFailure(resolved)) return []
  const load = offeredLoad(resolved.success)
  if (!load.unstable) return []
  return [
    row("load", loadText(load)),
    row("", sanitizeForTerminal(overloadLine({ capacity: scenario.capacity, whenFull: scenario.whenFull }))),
  ]
}

const blockWidth = 100

/** Rows under one label: `lead`, then `parts` joined with ", ", wrapped to the block's width. */
const wrappedRows = (label: string, lead: string, parts: ReadonlyArray<string>): ReadonlyArray<string> => {
  const rows: Array<string> = []
  let current = lead
  parts.forEach((part, index) => {
    const text = index < parts.length - 1 ? `${part},` : part
    if (current !== "" && row("", `${current} ${text}`).length > blockWidth) {
      rows.push(row(rows.length === 0 ? label : "", current))
      current = text
    } else current = current === "" ? text : `${current} ${text}`
  })
  rows.push(row(rows.length === 0 ? label : "", current))
  return rows
}

/** " (0.050% of those produced)": small rates keep their digits, so a few drops never read as 0%. */
const dropShare = ({ dropped, dropRate }: Statistics): string =>
  dropped === 0 || dropRate === null
    ? ""
    : ` (${formatNumber(dropRate * 100, dropRate < 0.01 ? 3 : 1)}% of those produced)`

/** Consumers listed one by one up to this many; beyond, only the least and the most busy. */
const consumersListed = 8

/** The consumers' busy fraction in all, and each one's when there are several. */
const utilizationRows = (utilization: Statistics["utilization"]): ReadonlyArray<string> => {
  const all = `consumers ${percent(utilization.consumers)}`
  const each = Object.entries(utilization.byConsumer).map(([name, fraction]) => ({
    name: sanitizeForTerminal(name),
    fraction,
  }))
  if (each.length <= 1) return [row("utilization", all)]
  if (each.length <= consumersListed)
    return wrappedRows(
      "utilization",
      `${all} in all; each:`,
      each.map((consumer) => `${consumer.name} ${percent(consumer.fraction)}`),
    )
  const extremes = leastAndMostBusy(utilization.byConsumer)
  const least = extremes?.least
  const most = extremes?.most
  return [
    row(
      "utilization",
      `${all} in all; each from ${percent(least?.fraction ?? 0)} (${sanitizeForTerminal(least?.name ?? "")}) to ${percent(most?.fraction ?? 0)} (${sanitizeForTerminal(most?.name ?? "")})`,
    ),
  ]
}

/** A pipeline's scenario: who feeds it, then a row per stage. */
const pipelineScenarioLines = (scenario: Statistics["scenario"]): ReadonlyArray<string> => {
  const stages = scenario.stages ?? []
  const width = Math.max(...stages.map((stage) => sanitizeForTerminal(stage.name).length))
  return [
    row(
      "scenario",
      sanitizeForTerminal(
        `${plural(scenario.producers, "producer")} x ${plural(scenario.items, "item")}, produce ${scenario.produce}, a pipeline of ${plural(stages.length, "stage")}${scenario.timeout === null ? "" : `, timeout ${scenario.timeout}`}`,
      ),
    ),
    ...stages.map((stage) => {
      const queue =
        stage.capacity === null || stage.capacity === undefined
          ? "unbounded queue"
          : `queue of ${formatNumber(stage.capacity)} (when full: ${stage.whenFull})`
      const failures =
        stage.fail === undefined || stage.fail === 0
          ? []
          : [
              `fail ${stage.fail}, ${formatNumber(stage.retries ?? 0)} ${stage.retries === 1 ? "retry" : "retries"}${stage.backoff === undefined ? "" : ` after ${stage.backoff}`}`,
            ]
      const parts = [plural(stage.workers ?? 0, "worker"), `process ${stage.process}`, queue, ...failures]
      return row("", sanitizeForTerminal(`${stage.name.padEnd(width)}  ${parts.join(", ")}`))
    }),
  ]
}

/** A pipeline's block: the whole pipeline's figures, then a row per stage and the bottleneck. */
const pipelineBlock = (statistics: Statistics): string =>
  [
    "",
    heading(statistics),
    ...pipelineScenarioLines(statistics.scenario),
    row("elapsed", formatSeconds(statistics.elapsed)),
    row(
      "items",
      `${formatNumber(statistics.produced)} produced, ${formatNumber(statistics.consumed)} left done, ${formatNumber(statistics.dropped)} dropped${dropShare(statistics)}, ${formatNumber(statistics.deadLettered ?? 0)} dead-lettered`,
    ),
    summaryLine("latency", statistics.latency),
    summaryLine("sojourn", statistics.sojourn),
    row("throughput", `${formatNumber(statistics.throughput, 3)} items/s`),
    row(
      "producers",
      `blocked ${formatNumber(statistics.producers.blocked)} times on a full queue, ${formatSeconds(statistics.producers.blockedTime)} in all`,
    ),
    ...stageStatisticsLines(statistics),
  ].join("\n")

const singleQueueBlock = (statistics: Statistics): string =>
  [
    "",
    heading(statistics),
    ...scenarioLines(statistics.scenario).map((text, index) => row(index === 0 ? "scenario" : "", text)),
    ...overloadRows(statistics.scenario),
    row("elapsed", formatSeconds(statistics.elapsed)),
    row(
      "items",
      `${formatNumber(statistics.produced)} produced, ${formatNumber(statistics.consumed)} consumed, ${formatNumber(statistics.dropped)} dropped${dropShare(statistics)}`,
    ),
    summaryLine("latency", statistics.latency),
    summaryLine("sojourn", statistics.sojourn),
    row(
      "queue depth",
      `max ${formatNumber(statistics.queue.maxDepth)}, mean ${formatNumber(statistics.queue.meanDepth, 3)} (time-weighted)`,
    ),
    row("throughput", `${formatNumber(statistics.throughput, 3)} items/s`),
    ...utilizationRows(statistics.utilization),
    row(
      "producers",
      `blocked ${formatNumber(statistics.producers.blocked)} times on a full queue, ${formatSeconds(statistics.producers.blockedTime)} in all`,
    ),
  ].join("\n")

export const statisticsBlock = (statistics: Statistics): string =>
  statistics.stages === undefined ? singleQueueBlock(statistics) : pipelineBlock(statistics)
