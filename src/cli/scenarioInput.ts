/** The scenario the flags give (simulate, sweep), over the scenario file's when there is one. */
import * as Effect from "effect/Effect"
import type { ScenarioInput } from "../scenario/scenario.ts"
import { settableKeys } from "../scenario/scenarioJson.ts"
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
    if (file === undefined) return fromFlags
    // Loaded on demand, with its Schema: most runs have no scenario file.
    const { readScenarioFile } = yield* Effect.promise(() => import("../scenario/scenarioFile.ts"))
    const path = userPath(io, file)
    return { ...(yield* readScenarioFile(path, displayPath(io, path))), ...fromFlags }
  })
