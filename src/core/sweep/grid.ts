/**
 * The grid of a sweep: `--vary NAME=V1,V2,...`, repeatable, and the cartesian product of the lists.
 *
 * Order: the first `--vary` changes slowest and the last fastest, like nested loops written in the
 * order of the flags, and each list keeps the order it was written in. So
 * `--vary consumers=2,3 --vary capacity=10,none` gives (2,10) (2,none) (3,10) (3,none). Every
 * configuration is resolved (checked) here, before anything runs.
 *
 * Values are typed as on the command line: a comma inside parentheses belongs to the value
 * (`process=exp(1s),lognormal(1s,300ms)`), `capacity=none` is unbounded, `timeout=none` no
 * timeout. In the result a value is spelled as the resolved scenario spells it (scenarioToJson), so
 * `500ms` and `0.5s` are one value, and capacity none is null.
 *
 * A pipeline's stage setting is `STAGE.KEY` (`parse.workers=2,3`, `store.process=exp(80ms),exp(100ms)`):
 * any key `--stage` takes, its values read as `--stage` reads them, each replacing that one setting
 * of the stage the flags (or the scenario file) give.
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { UsageError, usageError } from "../../errors.ts"
import { resolveScenario as resolveResult, type Scenario, type ScenarioInput } from "../scenario/scenario.ts"
import type { StageJson } from "../scenario/scenarioJson.ts"
import { ScenarioSettings } from "../scenario/scenarioJson.ts"
import { schemaProblems } from "../scenario/schemaProblems.ts"
import { stageKeyNames, stageKeyOf, stageSetting } from "../scenario/stageText.ts"
import { splitValues, typedValue } from "../scenario/valueList.ts"
import { describeScenario } from "./scenarioDescription.ts"

const resolveScenario = (input: ScenarioInput): Scenario | UsageError =>
  Result.match(resolveResult(input), { onSuccess: (scenario) => scenario, onFailure: (error) => error })

/** Far above any useful grid; it stops a typo from enumerating billions of configurations. */
export const maxConfigurations = 100_000

export type ParameterValue = number | string | null

/** What `--vary` accepts: each name, the ScenarioInput key it sets and how its text is typed. */
const parameters = {
  mode: { key: "mode", type: "text" },
  producers: { key: "producers", type: "whole" },
  items: { key: "items", type: "whole" },
  consumers: { key: "consumers", type: "whole" },
  capacity: { key: "capacity", type: "whole or none" },
  "when-full": { key: "whenFull", type: "text" },
  produce: { key: "produce", type: "text" },
  process: { key: "process", type: "text" },
  timeout: { key: "timeout", type: "text" },
} as const satisfies Record<string, { key: keyof ScenarioInput & string; type: string }>

type ParameterName = keyof typeof parameters

export const variableParameters: ReadonlyArray<string> = Object.keys(parameters)

/** The scenario key a `--vary` name sets (`when-full` -> `whenFull`), if it is one; none for a stage's. */
export const variedKey = (name: string): keyof ScenarioInput | undefined =>
  Object.hasOwn(parameters, name) ? parameters[name as ParameterName].key : undefined

/** `parse.workers` as the stage and the `--stage` key it names; undefined for a name without a dot. */
export const stageParameterOf = (
  name: string,
): { readonly stage: string; readonly keyName: string } | undefined => {
  const dot = name.indexOf(".")
  return dot < 0 ? undefined : { stage: name.slice(0, dot), keyName: name.slice(dot + 1) }
}

/** Whether a sweep can vary `name`: a flag's name, or a stage's key (whatever the stage). */
export const isVariableParameter = (name: string): boolean => {
  const stageParameter = stageParameterOf(name)
  return stageParameter === undefined
    ? variedKey(name) !== undefined
    : stageKeyOf(stageParameter.keyName) !== undefined
}

/** Names that are flags but cannot vary, with the reason. */
const fixedParameters: Record<string, string> = {
  seed: "each replication's seed comes from --seed and the replication number",
  clock: "a sweep runs on virtual time",
}

export interface VariedParameter {
  readonly name: string
  readonly values: ReadonlyArray<ParameterValue>
}

export interface Configuration {
  /** The varied parameters' values, in the order of `--vary`. */
  readonly parameters: Readonly<Record<string, ParameterValue>>
  /** Resolved; its seed is the base seed, which each replication replaces. */
  readonly scenario: Scenario
}

export interface Grid {
  readonly varied: ReadonlyArray<VariedParameter>
  /** In grid order (see above). */
  readonly configurations: ReadonlyArray<Configuration>
}

/** How far apart in grid order two configurations are that differ by one step of parameter `position`. */
export const gridStride = (sizes: ReadonlyArray<number>, position: number): number =>
  sizes.slice(position + 1).reduce((product, size) => product * size, 1)

/** Which value of each parameter configuration `index` has: its mixed-radix digits, the last fastest. */
export const gridDigits = (sizes: ReadonlyArray<number>, index: number): ReadonlyArray<number> => {
  const digits: Array<number> = new Array(sizes.length)
  let rest = index
  for (let position = sizes.length - 1; position >= 0; position--) {
    const size = sizes[position] as number
    digits[position] = rest % size
    rest = Math.floor(rest / size)
  }
  return digits
}

/** The parameters of every configuration, in grid order. */
export const gridParameters = (
  varied: ReadonlyArray<VariedParameter>,
): ReadonlyArray<Readonly<Record<string, ParameterValue>>> => {
  const sizes = varied.map(({ values }) => values.length)
  const count = sizes.reduce((product, size) => product * size, 1)
  return Array.from({ length: count }, (_, index) => {
    const digits = gridDigits(sizes, index)
    return Object.fromEntries(
      varied.map(({ name, values }, position) => [name, values[digits[position] as number] ?? null]),
    )
  })
}

interface ParsedVary {
  /** A flag's name (`consumers`) or a stage's key (`parse.workers`). */
  readonly name: string
  readonly texts: ReadonlyArray<string>
}

/** Parses one `--vary NAME=V1,V2,...`. */
export const parseVary = (text: string): Result.Result<ParsedVary, UsageError> => {
  const fail = (problem: string) => Result.fail(usageError(`--vary "${text}": ${problem}`))
  const equals = text.indexOf("=")
  if (equals < 0) return fail("expected NAME=V1,V2,... (e.g. consumers=2,3,4)")
  const name = text.slice(0, equals).trim().replace(/^--/, "")
  // Own keys only: `__proto__` or `constructor` would find Object's prototype and its function.
  if (Object.hasOwn(fixedParameters, name)) return fail(`${name} cannot vary: ${fixedParameters[name]}`)
  const stageParameter = stageParameterOf(name)
  if (stageParameter !== undefined) {
    const { stage, keyName } = stageParameter
    if (stage === "" || keyName === "") return fail("a stage's setting is STAGE.KEY (e.g. parse.workers=2,3)")
    if (stageKeyOf(keyName) === undefined)
      return fail(`unknown key "${keyName}" of stage "${stage}" (known: ${stageKeyNames.join(", ")})`)
  } else if (!Object.hasOwn(parameters, name)) {
    return fail(`unknown parameter "${name}" (known: ${variableParameters.join(", ")})`)
  }
  const list = text.slice(equals + 1)
  if (list.trim() === "") return fail("no values after '='")
  const texts = splitValues(list)
  if (texts === undefined) return fail("unbalanced parentheses")
  if (texts.includes("")) return fail("an empty value (two commas in a row, or one at an end)")
  return Result.succeed({ name, texts })
}

/** What one value of a `--vary` does to the scenario's settings. */
type Override = (input: ScenarioInput) => ScenarioInput

/** A stage's setting, replaced in the stage of that name. */
const stageOverrideOf = (
  name: string,
  text: string,
  stages: ReadonlyArray<StageJson> | undefined,
): Override | UsageError => {
  const { stage, keyName } = stageParameterOf(name) as NonNullable<ReturnType<typeof stageParameterOf>>
  if (stages === undefined)
    return usageError(
      `--vary ${name}: ${name} is a stage's setting, and this sweep has no stages (give them with --stage)`,
    )
  if (!stages.some((given) => given.name === stage)) {
    return usageError(
      `--vary ${name}: unknown stage ${JSON.stringify(stage)} (stages: ${stages.map((given) => given.name).join(", ")})`,
    )
  }
  const setting = stageSetting(keyName, text)
  if (Result.isFailure(setting)) return usageError(`--vary ${name}=${text}: ${setting.failure}`)
  return (input) => ({
    ...input,
    stages: (input.stages ?? []).map((given) =>
      given.name === stage ? { ...given, ...setting.success } : given,
    ),
  })
}

/** The ScenarioInput fields one value sets, checked by the scenario's own Schema (a mode, a strategy...). */
const overrideOf = (
  name: string,
  text: string,
  stages: ReadonlyArray<StageJson> | undefined,
): Override | UsageError => {
  if (!Object.hasOwn(parameters, name)) return stageOverrideOf(name, text, stages)
  const { key, type } = parameters[name as ParameterName]
  const typed = typedValue(type, text)
  if ("problem" in typed) return usageError(`--vary ${name}=${text}: ${typed.problem}`)
  const { value } = typed
  const decoded = Schema.decodeUnknownResult(ScenarioSettings)({ [key]: value })
  if (Result.isSuccess(decoded)) return (input) => ({ ...input, ...decoded.success })
  const problem = schemaProblems(decoded.failure.issue)[0]?.message ?? "not a value of this parameter"
  return usageError(`--vary ${name}=${text}: ${problem}`)
}

const describeCombination = (parts: ReadonlyArray<readonly [string, string]>) =>
  parts.map(([name, text]) => `${name}=${text}`).join(" ")

/** Parses every `--vary`, builds the product over `base`, and resolves every configuration. */
export const buildGrid = (base: ScenarioInput, varyTexts: ReadonlyArray<string>): Grid | UsageError => {
  const parsed: Array<ParsedVary> = []
  for (const text of varyTexts) {
    const varied = parseVary(text)
    if (Result.isFailure(varied)) return varied.failure
    const vary = varied.success
    if (parsed.some((earlier) => earlier.name === vary.name)) {
      return usageError(`--vary ${vary.name} is given twice: list all its values in one --vary`)
    }
    parsed.push(vary)
  }
  const overrides: Array<Array<Override>> = []
  for (const { name, texts } of parsed) {
    const typed: Array<Override> = []
    for (const text of texts) {
      const override = overrideOf(name, text, base.stages)
      if (override instanceof UsageError) return override
      typed.push(override)
    }
    overrides.push(typed)
  }

  const count = overrides.reduce((product, list) => product * list.length, 1)
  if (count > maxConfigurations) {
    return usageError(`--vary: ${count} configurations is more than a sweep takes (${maxConfigurations})`)
  }
  const configurations: Array<Configuration> = []
  const sizes = overrides.map((list) => list.length)
  for (let index = 0; index < count; index++) {
    const digits = gridDigits(sizes, index)
    const chosen = parsed.map((vary, position) => {
      const digit = digits[position] as number
      return { name: vary.name, text: vary.texts[digit] as string, override: overrides[position]?.[digit] }
    })
    const apply = (input: ScenarioInput, choices: typeof chosen) =>
      choices.reduce((settings, choice) => (choice.override as Override)(settings), input)
    const scenario = resolveScenario(apply(base, chosen))
    if (scenario instanceof UsageError) {
      // Blame the flags when they fail without any --vary, else one value that fails on its own,
      // else the combination.
      const withoutVary = resolveScenario(base)
      if (withoutVary instanceof UsageError && withoutVary.message === scenario.message) return scenario
      const alone = chosen.find((choice) => resolveScenario(apply(base, [choice])) instanceof UsageError)
      const culprit = alone === undefined ? chosen : [alone]
      return usageError(
        `--vary ${describeCombination(culprit.map((choice) => [choice.name, choice.text]))}: ${scenario.message}`,
      )
    }
    const described = describeScenario(scenario)
    const values = chosen.map((choice) => [
      choice.name,
      described[variedKey(choice.name) ?? choice.name] ?? null,
    ])
    configurations.push({ parameters: Object.fromEntries(values), scenario })
  }

  const varied = parsed.map(({ name, texts }, position) => {
    // Spelled as resolved: the value in the first configuration that has it.
    const stride = gridStride(sizes, position)
    const values = texts.map((_, digit) => configurations[digit * stride]?.parameters[name] as ParameterValue)
    return { name, values }
  })
  for (const [position, { name, values }] of varied.entries()) {
    const texts = parsed[position]?.texts ?? []
    for (let later = 1; later < values.length; later++) {
      const earlier = values.indexOf(values[later] as ParameterValue)
      if (earlier < later) {
        const same = texts[earlier] === texts[later]
        return usageError(
          `--vary ${name}: ${same ? `${texts[later]} is listed twice` : `${texts[earlier]} and ${texts[later]} are the same value`}`,
        )
      }
    }
  }
  return { varied, configurations }
}
