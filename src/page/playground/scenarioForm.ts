/**
 * The playground's controls: one per scenario setting, each labelled with the command line's flag
 * (so the command line's messages, which name flags, point at it). An empty field is the setting's
 * default, as a flag left out. The form answers the settings as a scenario file would hold them,
 * decoded by the same Schema: the page never checks a value its own way.
 */
import * as Result from "effect/Result"
import {
  defaultProcess,
  defaultProduce,
  defaultSeed,
  flagName,
  type ScenarioInput,
} from "../../core/scenario/scenario.ts"
import { clocks, modes, settableKeys, whenFullStrategies } from "../../core/scenario/scenarioJson.ts"
import { decodeScenarioSettings } from "../../core/scenario/scenarioSettings.ts"
import {
  invalidFlagValue,
  parseWholeNumber,
  wholeNumberMeanings,
} from "../../core/scenario/wholeNumberText.ts"
import { append, html } from "../shared/dom.ts"
import { makeStageList } from "./stageList.ts"

/** Every setting but a pipeline's stages (stageList.ts): one field each. */
const formKeys = settableKeys.filter(
  (key): key is Exclude<(typeof settableKeys)[number], "stages"> => key !== "stages",
)
type Key = (typeof formKeys)[number]

const choices: Partial<Record<Key, ReadonlyArray<string>>> = {
  mode: modes,
  whenFull: whenFullStrategies,
  clock: clocks,
}

const hints: Readonly<Record<Key, string>> = {
  mode: "async",
  producers: "sync 1, others 2",
  items: "20",
  consumers: "1",
  capacity: "unbounded (trio 10)",
  whenFull: "suspend",
  produce: defaultProduce,
  process: defaultProcess,
  timeout: "none (trio 5s)",
  seed: String(defaultSeed),
  clock: "virtual",
}

const isWholeNumberKey = (key: Key): key is keyof typeof wholeNumberMeanings => key in wholeNumberMeanings

export interface ScenarioForm {
  readonly element: HTMLElement
  /** The settings the fields give, or the one-line problem with them. */
  readonly read: () => Result.Result<ScenarioInput, string>
  /** Shows `input` in the fields (what it leaves out, empty: the default). */
  readonly fill: (input: ScenarioInput) => void
}

export const makeScenarioForm = (): ScenarioForm => {
  const fields = new Map<Key, HTMLInputElement | HTMLSelectElement>()
  const element = html("fieldset", { class: "scenario-form" })
  append(element, html("legend", {}, "Scenario"))
  for (const key of formKeys) {
    const id = `setting-${key}`
    const options = choices[key]
    let field: HTMLInputElement | HTMLSelectElement
    if (options !== undefined) {
      field = html("select", { id, name: key, "data-setting": key })
      append(field, html("option", { value: "" }, `default (${hints[key]})`))
      for (const option of options) append(field, html("option", { value: option }, option))
    } else {
      field = html("input", {
        id,
        name: key,
        "data-setting": key,
        type: "text",
        placeholder: hints[key],
        inputmode: isWholeNumberKey(key) ? "numeric" : undefined,
        autocomplete: "off",
        spellcheck: "false",
      })
    }
    fields.set(key, field)
    append(element, append(html("label", { for: id }, flagName(key)), field))
  }
  const stageList = makeStageList()
  append(element, stageList.element)
  const text = (key: Key) => (fields.get(key)?.value ?? "").trim()
  return {
    element,
    read: () => {
      const raw: Record<string, unknown> = {}
      for (const key of formKeys) {
        const value = text(key)
        if (value === "") continue
        if (key === "timeout" && value === "none") raw[key] = null
        else if (isWholeNumberKey(key)) {
          // Read as the command line reads the flag, and refused in its words.
          const parsed = parseWholeNumber(value, wholeNumberMeanings[key])
          if (Result.isFailure(parsed))
            return Result.fail(invalidFlagValue(flagName(key), value, parsed.failure))
          raw[key] = parsed.success
        } else raw[key] = value
      }
      const stages = stageList.read()
      if (Result.isFailure(stages)) return Result.fail(stages.failure)
      if (stages.success.length > 0) raw.stages = stages.success
      return Result.mapError(
        decodeScenarioSettings(raw, { whole: "the scenario" }),
        // Named by flag, as the command line names a value: "--items: Expected an integer...".
        (problems) =>
          problems.replace(/(^|; )([a-zA-Z]+):/g, (_, start, key) => `${start}${flagName(key as Key)}:`),
      )
    },
    fill: (input) => {
      stageList.fill(input.stages ?? undefined)
      for (const key of formKeys) {
        const field = fields.get(key)
        const value = input[key]
        if (field === undefined) continue
        field.value =
          value === undefined ? "" : value === null ? (key === "timeout" ? "none" : "") : String(value)
      }
    },
  }
}
