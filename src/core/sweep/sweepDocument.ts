/**
 * What the sweep's HTML page embeds as JSON: the sweep's result exactly as `--json` prints it, and
 * beside it what the result leaves out and the page needs to draw and describe it: each varied
 * parameter's values in the order given, the scenario every configuration shares, each metric's
 * unit and each target's bound in that unit. Built from the result and the sweep's description
 * (plan.ts, sweepIdentity), which an unsharded sweep and a merge of shares both have.
 *
 * A merged share is untrusted: its strings reach the page as data, and the browser code shows them
 * as text only.
 */
import * as Result from "effect/Result"
import { sharedSettings } from "./fixedScenario.ts"
import { type MetricUnit, metricUnit } from "./metrics.ts"
import type { ParameterValue, SweepIdentity, SweepResult } from "./resultSchema.ts"
import { type Comparison, parseTarget } from "./targets.ts"

type Value = typeof ParameterValue.Type

export interface SweepPageTarget {
  /** As the result names it: `latency.p99<=500ms`. */
  readonly target: string
  readonly metric: string
  readonly comparison: Comparison
  /** In the metric's unit (seconds for times). */
  readonly bound: number
}

export interface SweepPageDocument {
  /** The `--json` result, as it is. */
  readonly result: SweepResult
  readonly varied: ReadonlyArray<{ readonly name: string; readonly values: ReadonlyArray<Value> }>
  /** Every scenario setting that is the same in all configurations (the seed aside). */
  readonly scenario: Readonly<Record<string, Value>>
  /** Settings not varied by name that still change with the configuration (a mode's presets). */
  readonly changing: ReadonlyArray<string>
  readonly metrics: ReadonlyArray<{ readonly name: string; readonly unit: MetricUnit | "" }>
  readonly targets: ReadonlyArray<SweepPageTarget>
  /** The program that wrote the page: `prodcon-sim@0.1.0`. */
  readonly generator: string
}

export const sweepPageDocument = (
  result: SweepResult,
  sweep: SweepIdentity,
  generator: string,
): SweepPageDocument => {
  const { settings: scenario, changing } = sharedSettings(
    sweep.scenarios,
    sweep.varied.map(({ name }) => name),
  )
  const targets = sweep.targets.flatMap((text): ReadonlyArray<SweepPageTarget> => {
    const parsed = parseTarget(text)
    if (Result.isFailure(parsed)) return []
    const { metric, comparison, bound } = parsed.success
    return [{ target: text, metric, comparison, bound }]
  })
  return {
    result,
    varied: sweep.varied,
    scenario,
    changing,
    metrics: sweep.metrics.map((name) => ({ name, unit: metricUnit(name) ?? "" })),
    targets,
    generator,
  }
}
