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
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { UsageError, usageError } from "../../errors.ts"
import {
  resolveScenario as resolveResult,
  type Scenario,
  type ScenarioInput,
  scenarioToJson,
} from "../scenario/scenario.ts"
import { ScenarioSettings } from "../scenario/scenarioJson.ts"
import { schemaProblems } from "../scenario/schemaProblems.ts"
import { splitValues, typedValue } from "../scenario/valueList.ts"

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

/** The scenario key a `--vary` name sets (`when-full` -> `whenFull`), if it is one. */
export const variedKey = (name: string): keyof ScenarioInput | undefined =>
  Object.hasOwn(parameters, name) ? parameters[name as ParameterName].key : undefined

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
  readonly name: ParameterName
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
  if (!Object.hasOwn(parameters, name)) {
    return fail(`unknown parameter "${name}" (known: ${variableParameters.join(", ")})`)
  }
  const list = text.slice(equals + 1)
  if (list.trim() === "") return fail("no values after '='")
  const texts = splitValues(list)
  if (texts === undefined) return fail("unbalanced parentheses")
  if (texts.includes("")) return fail("an empty value (two commas in a row, or one at an end)")
  return Result.succeed({ name: name as ParameterName, texts })
}

/** The ScenarioInput fields one value sets, checked by the scenario's own Schema (a mode, a strategy...). */
const overrideOf = (name: ParameterName, text: string): ScenarioInput | UsageError => {
  const { key, type } = parameters[name]
  const typed = typedValue(type, text)
  if ("problem" in typed) return usageError(`--vary ${name}=${text}: ${typed.problem}`)
  const { value } = typed
  const decoded = Schema.decodeUnknownResult(ScenarioSettings)({ [key]: value })
  if (Result.isSuccess(decoded)) return decoded.success
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
  const overrides: Array<Array<ScenarioInput>> = []
  for (const { name, texts } of parsed) {
    const typed: Array<ScenarioInput> = []
    for (const text of texts) {
      const override = overrideOf(name, text)
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
    const scenario = resolveScenario(Object.assign({}, base, ...chosen.map((choice) => choice.override)))
    if (scenario instanceof UsageError) {
      // Blame the flags when they fail without any --vary, else one value that fails on its own,
      // else the combination.
      const withoutVary = resolveScenario(base)
      if (withoutVary instanceof UsageError && withoutVary.message === scenario.message) return scenario
      const alone = chosen.find(
        (choice) => resolveScenario({ ...base, ...choice.override }) instanceof UsageError,
      )
      const culprit = alone === undefined ? chosen : [alone]
      return usageError(
        `--vary ${describeCombination(culprit.map((choice) => [choice.name, choice.text]))}: ${scenario.message}`,
      )
    }
    const json: Record<string, unknown> = scenarioToJson(scenario)
    const values = chosen.map((choice) => [choice.name, json[parameters[choice.name].key] as ParameterValue])
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
