/**
 * The scenario the flags give (simulate, sweep), over the scenario file's when there is one, and how
 * messages name each value: by its flag, or by the file and key it came from.
 */
import * as Effect from "effect/Effect"
import { flagName, resolveScenario, type ScenarioInput, type SettingName } from "../core/scenario/scenario.ts"
import { type StageJson, settableKeys } from "../core/scenario/scenarioJson.ts"
import { parseStage } from "../core/scenario/stageText.ts"
import { UsageError } from "../errors.ts"
import type { ScenarioFlags } from "./commands.ts"
import { CliIO, displayPath, userPath } from "./io.ts"

/** Refuses a pipeline with `message`, once its stages are checked: what is wrong with them is said first. */
const refuseStages = (
  input: ScenarioInput,
  name: SettingName,
  message: string,
): Effect.Effect<void, UsageError> =>
  input.stages === undefined
    ? Effect.void
    : Effect.andThen(
        Effect.fromResult(resolveScenario(input, name)),
        Effect.fail(new UsageError({ message })),
      )

/**
 * `--compare` runs the course's programs side by side; a pipeline has one of them (async: the others
 * reproduce single-queue programs), so what its user compares is configurations, which a sweep does.
 */
export const refuseComparedPipeline = (
  input: ScenarioInput,
  name: SettingName,
): Effect.Effect<void, UsageError> =>
  refuseStages(
    input,
    name,
    "--compare: a pipeline runs in mode async only (sync, threads and trio are the course's single-queue programs), so it has no modes to compare; compare its configurations with a sweep (--vary STAGE.KEY=A,B)",
  )

export const scenarioInput = (flags: ScenarioFlags) =>
  Effect.gen(function* () {
    const io = yield* CliIO
    const given = settableKeys.flatMap((key) => (key !== "stages" && flags[key] !== undefined ? [key] : []))
    const stages: Array<StageJson> = []
    for (const text of flags.stage) stages.push(yield* Effect.fromResult(parseStage(text)))
    const fromFlags: ScenarioInput = {
      ...Object.fromEntries(
        given.map((key) => [key, key === "timeout" && flags.timeout === "none" ? null : flags[key]]),
      ),
      // The command line's stages replace a file's pipeline as a whole.
      ...(stages.length === 0 ? {} : { stages }),
    }
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
