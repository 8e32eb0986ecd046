/**
 * A share's description of its sweep, checked as the command line checks a sweep's flags. A share is
 * a file anyone may hand over: every name and value in it goes through the parsers and ranges that
 * `--vary`, `--target`, `--replications`, `--seed` and each scenario flag go through, and only a
 * description some command line could have made is merged. What is merged then holds no text that
 * the program did not spell itself.
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { quoteUntrusted } from "../core/recording/quoteUntrusted.ts"
import { type OfferedLoad, offeredLoad } from "../core/scenario/offeredLoad.ts"
import { resolveScenario, type Scenario, scenarioSettingsOf } from "../core/scenario/scenario.ts"
import { ScenarioJson } from "../core/scenario/scenarioJson.ts"
import { schemaProblems } from "../core/scenario/schemaProblems.ts"
import { fixedScenario } from "../core/sweep/fixedScenario.ts"
import { gridParameters, isVariableParameter, variedKey } from "../core/sweep/grid.ts"
import { isMetric, metricValueProblem, reportedMetrics } from "../core/sweep/metrics.ts"
import { maxRuns, type SweepShape, sweepConfidence } from "../core/sweep/plan.ts"
import type { SweepIdentity } from "../core/sweep/resultSchema.ts"
import { describeScenario, settingsOfDescription, stageNamesOf } from "../core/sweep/scenarioDescription.ts"
import { checkReplications } from "../core/sweep/seeds.ts"
import { parseTargets } from "../core/sweep/targets.ts"

const decodeScenario = Schema.decodeUnknownResult(ScenarioJson)

/**
 * A run's scenario as the share spells it: one the command line resolves to exactly this spelling.
 * Answers the resolved scenario (its offered load is worked out from it), or what is wrong.
 */
const resolvedScenario = (
  scenario: Readonly<Record<string, unknown>>,
  baseSeed: number,
): Scenario | string => {
  const decoded = decodeScenario(
    { ...settingsOfDescription(scenario), seed: baseSeed },
    { onExcessProperty: "error" },
  )
  if (Result.isFailure(decoded)) {
    const [first] = schemaProblems(decoded.failure.issue, { whole: "(the scenario)" })
    return `${first?.path}: ${first?.message}`
  }
  const resolved = resolveScenario(scenarioSettingsOf(decoded.success), (key) => key)
  if (Result.isFailure(resolved)) return resolved.failure.message
  const spelled = describeScenario(resolved.success)
  // Both ways: a stage's key the program does not write (a backoff without retries) is no spelling of it.
  const different = [...Object.keys(spelled), ...Object.keys(scenario)].find(
    (key) => spelled[key] !== scenario[key],
  )
  return different === undefined
    ? resolved.success
    : `${different} is ${quoteUntrusted(scenario[different])}, which the program spells ${quoteUntrusted(spelled[different])}`
}

/** The sweep as the result needs it, rebuilt from a share's description; a string says what is wrong. */
export const sweepShapeOf = (sweep: SweepIdentity): SweepShape | string => {
  const replications = checkReplications(sweep.baseSeed, sweep.replications)
  if (replications !== undefined) return replications.message.replace(/^--(\w+)/, "its $1")
  if (sweep.confidence !== sweepConfidence)
    return `its confidence is ${sweep.confidence}, not ${sweepConfidence}`
  const warmupMicros = Math.round(sweep.warmup * 1_000_000)
  if (!Number.isSafeInteger(warmupMicros) || warmupMicros < 0 || warmupMicros / 1_000_000 !== sweep.warmup)
    return `its warm-up of ${sweep.warmup} s is no duration`
  const stageNames = stageNamesOf(sweep.scenarios[0] ?? {})
  const parsedTargets = parseTargets(sweep.targets, stageNames)
  if (Result.isFailure(parsedTargets)) return `its targets cannot be read (${parsedTargets.failure.message})`
  const targets = parsedTargets.success
  const unknown = sweep.metrics.find((metric) => !isMetric(metric))
  if (unknown !== undefined) return `unknown metric ${quoteUntrusted(unknown)}`
  // As planSweep lists them: each once, in its order (a metric listed a million times would make
  // every run's figures a million long).
  const reported = reportedMetrics(
    targets.map((target) => target.metric),
    stageNames,
  )
  if (JSON.stringify(sweep.metrics) !== JSON.stringify(reported))
    return `its metrics are not the ones its targets give (${reported.join(", ")})`
  for (const { name, values } of sweep.varied) {
    if (!isVariableParameter(name))
      return `its varied parameter ${quoteUntrusted(name)} is none a sweep varies`
    if (values.length === 0) return `its varied parameter ${name} has no values`
    if (new Set(values).size !== values.length) return `its varied parameter ${name} lists a value twice`
  }
  if (new Set(sweep.varied.map(({ name }) => name)).size !== sweep.varied.length)
    return "a parameter is varied twice"
  // Counted before the grid is built: a few long lists would make billions of configurations.
  const configurations = sweep.varied.reduce((product, { values }) => product * values.length, 1)
  if (configurations !== sweep.scenarios.length) return "its grid and its scenarios do not match"
  if (configurations * sweep.replications > maxRuns)
    return `its ${configurations} configurations of ${sweep.replications} replications are more than ${maxRuns} runs`
  const parameters = gridParameters(sweep.varied)
  const loads: Array<OfferedLoad> = []
  for (const [index, scenario] of sweep.scenarios.entries()) {
    const resolved = resolvedScenario(scenario, sweep.baseSeed)
    if (typeof resolved === "string") return `configuration ${index + 1}'s scenario: ${resolved}`
    // Every configuration of one command line has the same stages (a sweep varies their settings).
    if (JSON.stringify(stageNamesOf(scenario)) !== JSON.stringify(stageNames))
      return `configuration ${index + 1}'s stages are not the first configuration's`
    loads.push(offeredLoad(resolved))
    // The varied values are those of the configurations' scenarios, so they were checked with them.
    for (const [name, value] of Object.entries(parameters[index] ?? {})) {
      if (scenario[variedKey(name) ?? name] !== value)
        return `configuration ${index + 1}'s scenario does not have its ${name}`
    }
  }
  return {
    replications: sweep.replications,
    confidence: sweep.confidence,
    warmupMicros,
    baseSeed: sweep.baseSeed,
    varied: sweep.varied,
    parameters,
    targets,
    metrics: sweep.metrics,
    fixed: fixedScenario(
      sweep.scenarios,
      sweep.varied.map(({ name }) => name),
      loads,
    ),
    loads,
  }
}

/** The first figure of a run no run could give (a negative time, a utilization above 1), if any. */
export const runFiguresProblem = (
  metrics: ReadonlyArray<string>,
  values: ReadonlyArray<number | null>,
): string | undefined => {
  for (const [index, metric] of metrics.entries()) {
    const value = values[index]
    const problem = value === null || value === undefined ? undefined : metricValueProblem(metric, value)
    if (problem !== undefined) return `${metric} is ${value}, ${problem}`
  }
  return undefined
}
