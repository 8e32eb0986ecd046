/**
 * The scenario the flags give (simulate, sweep), over the scenario file's when there is one, and how
 * messages name each value: by its flag, or by the file and key it came from.
 */
import * as Effect from "effect/Effect"
import { flagName, type ScenarioInput, type SettingName } from "../core/scenario/scenario.ts"
import { settableKeys } from "../core/scenario/scenarioJson.ts"
import type { ScenarioFlags } from "./commands.ts"
import { CliIO, displayPath, userPath } from "./io.ts"

export const scenarioInput = (flags: ScenarioFlags) =>
  Effect.gen(function* () {
    const io = yield* CliIO
    const given = settableKeys.filter((key) => flags[key] !== undefined)
    const fromFlags: ScenarioInput = Object.fromEntries(
      given.map((key) => [key, key === "timeout" && flags.timeout === "none" ? null : flags[key]]),
    )
    const file = flags.scenario
    if (file === undefined) return { input: fromFlags, name: flagName }
    // Loaded on demand, with its Schema: most runs have no scenario file.
    const { readScenarioFile } = yield* Effect.promise(() => import("./scenarioFile.ts"))
    const path = userPath(io, file)
    const shown = displayPath(io, path)
    const input: ScenarioInput = { ...(yield* readScenarioFile(path, shown)), ...fromFlags }
    const name: SettingName = (key) =>
      key in fromFlags || !(key in input) ? flagName(key) : `--scenario ${shown}: ${key}`
    return { input, name }
  })
