/**
 * A sweep, planned and checked before anything runs: the grid of configurations, the replications
 * and their seeds, the warm-up, the targets and the metrics to report.
 *
 * `SweepShape` is everything the result is built from except the scenarios themselves; `merge`
 * rebuilds it from a share's `sweep` description (sweepIdentity), which is why the result never
 * reads a scenario. The identity is also what tells two sweeps apart: two shares belong together
 * exactly when their identities are equal.
 */

import * as Result from "effect/Result"
import { UsageError, usageError } from "../../errors.ts"
import { parseDuration } from "../scenario/duration.ts"
import { type OfferedLoad, offeredLoad } from "../scenario/offeredLoad.ts"
import { defaultSeed, type Scenario, type ScenarioInput } from "../scenario/scenario.ts"
import { fixedScenario } from "./fixedScenario.ts"
import { buildGrid, gridParameters, type ParameterValue, type VariedParameter } from "./grid.ts"
import { reportedMetrics } from "./metrics.ts"
import type { FixedScenario, SweepIdentity } from "./resultSchema.ts"
import { describeScenario } from "./scenarioDescription.ts"
import { checkReplications, replicationSeed } from "./seeds.ts"
import { parseTargets, type Target, targetKey } from "./targets.ts"

/** Every sweep's intervals are 95% (the result records it as `confidence`). */
export const sweepConfidence = 0.95

/** Replications when none are asked for. */
export const defaultReplications = 10

/** What `--replications` stands for, for the message that refuses a value. */
export const replicationsMeaning = "a count of runs per configuration, a whole number such as 20"

/** Above this many runs a sweep is surely a typo (and its result would not fit in memory). */
export const maxRuns = 10_000_000

export interface SweepOptions {
  /** The base scenario, as simulate's flags give it; its seed is the sweep's base seed. */
  readonly scenario: ScenarioInput
  /** Each `--vary NAME=V1,V2,...` as typed. */
  readonly vary: ReadonlyArray<string>
  readonly replications: number
  /** `--warmup DURATION`; none counts from the start. */
  readonly warmup?: string | undefined
  /** Each `--target "METRIC OP VALUE"` as typed. */
  readonly targets?: ReadonlyArray<string> | undefined
}

export interface SweepShape {
  readonly replications: number
  readonly confidence: number
  readonly warmupMicros: number
  readonly baseSeed: number
  readonly varied: ReadonlyArray<VariedParameter>
  /** Each configuration's varied values, in grid order. */
  readonly parameters: ReadonlyArray<Readonly<Record<string, ParameterValue>>>
  readonly targets: ReadonlyArray<Target>
  /** Reported for every row, in this order. */
  readonly metrics: ReadonlyArray<string>
  /** What every configuration shares. */
  readonly fixed: FixedScenario
  /** Each configuration's offered load, in grid order. */
  readonly loads: ReadonlyArray<OfferedLoad>
}

export interface SweepPlan extends SweepShape {
  /** Each configuration's resolved scenario (base seed), in grid order. */
  readonly scenarios: ReadonlyArray<Scenario>
}

/** Checks every option and every configuration; the first problem is the failure. */
export const planSweep = (options: SweepOptions): SweepPlan | UsageError => {
  const baseSeed = options.scenario.seed ?? defaultSeed
  const replicationProblem = checkReplications(baseSeed, options.replications)
  if (replicationProblem !== undefined) return replicationProblem
  let warmupMicros = 0
  if (options.warmup !== undefined) {
    const parsed = parseDuration(options.warmup)
    if (Result.isFailure(parsed)) return usageError(`--warmup: ${parsed.failure}`)
    warmupMicros = parsed.success
  }
  if (options.scenario.clock === "live") return usageError("--clock live: a sweep runs on virtual time")
  const stageNames = (options.scenario.stages ?? []).map((stage) => stage.name)
  const parsedTargets = parseTargets(options.targets ?? [], stageNames)
  if (Result.isFailure(parsedTargets)) return parsedTargets.failure
  const targets = parsedTargets.success
  const grid = buildGrid(options.scenario, options.vary)
  if (grid instanceof UsageError) return grid
  const runs = grid.configurations.length * options.replications
  if (runs > maxRuns) {
    return usageError(`the sweep would make ${runs} runs, more than ${maxRuns}: fewer values or replications`)
  }
  const scenarios = grid.configurations.map((configuration) => configuration.scenario)
  const loads = scenarios.map(offeredLoad)
  return {
    replications: options.replications,
    confidence: sweepConfidence,
    warmupMicros,
    baseSeed,
    varied: grid.varied,
    // From the varied values, exactly as merge rebuilds them, so both give the same bytes.
    parameters: gridParameters(grid.varied),
    targets,
    metrics: reportedMetrics(
      targets.map((target) => target.metric),
      stageNames,
    ),
    fixed: fixedScenario(
      scenarios.map(describeScenario),
      grid.varied.map(({ name }) => name),
      loads,
    ),
    loads,
    scenarios,
  }
}

/** The scenario of one run: configuration (0-based, grid order) with replication r's (1-based) seed. */
export const replicationScenario = (
  plan: SweepPlan,
  configuration: number,
  replication: number,
): Scenario => {
  const scenario = plan.scenarios[configuration]
  if (scenario === undefined) throw new RangeError(`no configuration ${configuration}`)
  return { ...scenario, seed: replicationSeed(plan.baseSeed, replication) }
}

/**
 * The canonical description of a sweep: equal for the shares of one sweep, different otherwise.
 * The scenarios are included whole (without the seed, which the replications set), so flags that
 * are not varied but differ between two command lines still tell the sweeps apart.
 */
export const sweepIdentity = (plan: SweepPlan): SweepIdentity => ({
  replications: plan.replications,
  confidence: plan.confidence,
  warmup: plan.warmupMicros / 1_000_000,
  baseSeed: plan.baseSeed,
  varied: plan.varied.map(({ name, values }) => ({ name, values })),
  targets: plan.targets.map(targetKey),
  metrics: plan.metrics,
  scenarios: plan.scenarios.map(describeScenario),
})
