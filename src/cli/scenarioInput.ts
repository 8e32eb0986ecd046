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

/**
 * What a pipeline cannot go to yet: the page, the trace, --compare and the sweep are being built. A command asking for one of them refuses the pipeline (after checking it) rather
 * than write something that mistakes it for one queue.
 */
export const refusePipeline = (
  input: ScenarioInput,
  name: SettingName,
  unsupported: ReadonlyArray<readonly [asked: boolean, what: string]>,
): Effect.Effect<void, UsageError> => {
  const refused = unsupported.filter(([asked]) => asked).map(([, what]) => what)
  return input.stages === undefined || refused.length === 0
    ? Effect.void
    : Effect.andThen(
        // What is wrong with the stages is said first.
        Effect.fromResult(resolveScenario(input, name)),
        Effect.fail(
          new UsageError({
            message: `--stage: pipelines do not have ${refused.join(", ")} yet; run them without it for their lines, statistics and recording`,
          }),
        ),
      )
}

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
