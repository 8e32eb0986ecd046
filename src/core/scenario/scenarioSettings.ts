/**
 * A scenario's settings as JSON (a scenario file, or a recording whose `meta.scenario` is one, the
 * playground's link and editor), decoded by the ScenarioSettings Schema into what flags would give. Unknown keys
 * are refused, so a misspelt key is never silently ignored. One decoder for every place a scenario
 * comes from as JSON, so each says a problem the same way.
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import type { ScenarioInput } from "./scenario.ts"
import { BranchJson, derivedKeys, ScenarioSettings, StageJson, settableKeys } from "./scenarioJson.ts"
import { schemaProblems } from "./schemaProblems.ts"

/** `at` names where the settings lie: the file itself, or a recording's `meta.scenario`. */
export const decodeScenarioSettings = (
  fields: unknown,
  at: { readonly prefix?: string; readonly whole: string } = { whole: "(the file)" },
): Result.Result<ScenarioInput, string> => {
  const decoded = Schema.decodeUnknownResult(ScenarioSettings)(fields, {
    errors: "all",
    onExcessProperty: "error",
  })
  if (Result.isSuccess(decoded)) return Result.succeed(decoded.success)
  return Result.fail(
    schemaProblems(decoded.failure.issue, at)
      .map(
        ({ path, message, holder }) =>
          `${path}: ${message === "Expected no excess property" ? `unknown key (known: ${knownKeys(holder).join(", ")})` : message}`,
      )
      .join("; "),
  )
}

/** The keys the object under `holder` may have: a stage's, a branch's, or the scenario's own. */
const knownKeys = (holder: PropertyKey | undefined): ReadonlyArray<string> =>
  holder === "stages"
    ? Object.keys(StageJson.fields)
    : holder === "next"
      ? Object.keys(BranchJson.fields)
      : settableKeys

/** The settable keys of a recorded scenario (the derived ones follow from the mode). */
const settingsOfRecorded = (scenario: unknown): unknown =>
  typeof scenario === "object" && scenario !== null
    ? Object.fromEntries(Object.entries(scenario).filter(([key]) => !derivedKeys.includes(key)))
    : scenario

const inRecording = { prefix: "meta.scenario", whole: "meta.scenario" }

/** A recording's `meta.scenario`, run again: its settable keys. */
export const decodeRecordedScenario = (scenario: unknown): Result.Result<ScenarioInput, string> =>
  decodeScenarioSettings(settingsOfRecorded(scenario), inRecording)

/** A parsed scenario file, or a whole recording (whose `meta.scenario` is then the scenario). */
export const decodeScenarioDocument = (document: unknown): Result.Result<ScenarioInput, string> =>
  typeof document === "object" &&
  document !== null &&
  (document as { format?: unknown }).format === "prodcon-recording"
    ? decodeRecordedScenario((document as { meta?: { scenario?: unknown } }).meta?.scenario)
    : decodeScenarioSettings(document)
