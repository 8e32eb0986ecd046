/**
 * What a sweep holds fixed, and how much work each configuration offers. Built from the sweep's
 * description (plan.ts, sweepIdentity: every configuration's resolved scenario as JSON), which an
 * unsharded sweep and a merge of shares both have, so both give the same bytes (a share's
 * scenarios are checked, and their loads worked out, in shareDescription.ts).
 */
import type { OfferedLoad } from "../scenario/offeredLoad.ts"
import { type ParameterValue, variedKey } from "./grid.ts"
import type { FixedScenario } from "./resultSchema.ts"
import type { ScenarioDescription } from "./scenarioDescription.ts"

export interface SharedSettings {
  /** Every setting that is the same in all configurations and not varied by name. */
  readonly settings: Readonly<Record<string, ParameterValue>>
  /** Settings not varied by name that still change with the configuration (a mode's presets). */
  readonly changing: ReadonlyArray<string>
}

export const sharedSettings = (
  scenarios: ReadonlyArray<ScenarioDescription>,
  varied: ReadonlyArray<string>,
): SharedSettings => {
  const [first = {}, ...others] = scenarios
  // A varied name is a flag's (`when-full`); the scenario's key may be spelled otherwise (`whenFull`).
  const variedKeys = varied.map((name) => variedKey(name) ?? name)
  const settings: Record<string, ParameterValue> = {}
  const changing: Array<string> = []
  for (const [key, value] of Object.entries(first)) {
    if (variedKeys.includes(key)) continue
    if (others.every((other) => JSON.stringify(other[key]) === JSON.stringify(value))) settings[key] = value
    else changing.push(key)
  }
  return { settings, changing }
}

/**
 * The fixed part of the sweep, with the mean arrival rate and service time when every configuration
 * has the same (each row's `load` gives its own either way).
 */
export const fixedScenario = (
  scenarios: ReadonlyArray<ScenarioDescription>,
  varied: ReadonlyArray<string>,
  loads: ReadonlyArray<OfferedLoad>,
): FixedScenario => {
  const [first] = loads
  const same = (read: (load: OfferedLoad) => number | null) =>
    first !== undefined && loads.every((load) => read(load) === read(first))
  return {
    ...sharedSettings(scenarios, varied),
    ...(first !== undefined && same((load) => load.arrivalRate) ? { arrivalRate: first.arrivalRate } : {}),
    // A pipeline's service is each stage's own (its rows' loads give them).
    ...(first !== undefined && !("stages" in first) && same((load) => load.meanService)
      ? { meanService: first.meanService }
      : {}),
  }
}
