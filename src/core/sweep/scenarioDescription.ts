/**
 * A configuration's scenario as a sweep describes it (in a share, and to find what it holds fixed):
 * every resolved key without the replications' seed, and a pipeline's stages key by key, as
 * `--vary` names them (`parse.workers`), each a value a table cell can hold (a route as JSON). The
 * description is read back into a scenario's settings here too, so a share's scenarios go through
 * the same checks as the command line's.
 */
import type { Scenario } from "../scenario/scenario.ts"
import { scenarioToJson } from "../scenario/scenario.ts"
import type { ParameterValue } from "./grid.ts"

export type ScenarioDescription = Readonly<Record<string, ParameterValue>>

export const describeScenario = (scenario: Scenario): ScenarioDescription => {
  const { seed: _seed, stages, ...rest } = scenarioToJson(scenario)
  const described: Record<string, ParameterValue> = { ...rest }
  for (const { name, ...keys } of stages ?? []) {
    for (const [key, value] of Object.entries(keys)) {
      described[`${name}.${key}`] =
        typeof value === "object" && value !== null ? JSON.stringify(value) : value
    }
  }
  return described
}

/** The stages a description names, in their order. */
export const stageNamesOf = (description: ScenarioDescription): ReadonlyArray<string> => [
  ...new Set(
    Object.keys(description).flatMap((key) => {
      const dot = key.indexOf(".")
      return dot < 0 ? [] : [key.slice(0, dot)]
    }),
  ),
]

/**
 * A description as a scenario file's JSON: its stages put back together in their order, a route
 * written as JSON parsed again (a stage's name never starts with `[`). Not checked here: the caller
 * decodes it as a scenario file is decoded.
 */
export const settingsOfDescription = (
  description: Readonly<Record<string, unknown>>,
): Record<string, unknown> => {
  // Entries, made into objects by fromEntries: every key stays an own key, even one such as "__proto__".
  const settings: Array<[string, unknown]> = []
  const stages = new Map<string, Array<[string, unknown]>>()
  for (const [key, value] of Object.entries(description)) {
    const dot = key.indexOf(".")
    if (dot < 0) {
      settings.push([key, value])
      continue
    }
    const name = key.slice(0, dot)
    const stage = stages.get(name) ?? [["name", name]]
    stages.set(name, stage)
    const field = key.slice(dot + 1)
    stage.push([
      field,
      field === "next" && typeof value === "string" && value.startsWith("[") ? parsedRoute(value) : value,
    ])
  }
  return Object.fromEntries(
    stages.size === 0
      ? settings
      : [...settings, ["stages", [...stages.values()].map((stage) => Object.fromEntries(stage))]],
  )
}

/** A route's branches as JSON; the text itself when it is no JSON (the decoder then refuses it). */
const parsedRoute = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
