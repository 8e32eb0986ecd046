/**
 * `--scenario FILE.json`: any of simulate's flags, kept in a file (flags on the command line win).
 * The keys are those a recording stores in `meta.scenario`, so a recording is itself a scenario
 * file: `--scenario recordings/run1.json` runs that recording's scenario again. Validated by this
 * Schema; unknown keys are refused, so a misspelt key is never silently ignored.
 */
import * as fs from "node:fs"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { fileErrorReason, type UsageError, usageError } from "./errors.ts"
import type { ScenarioInput } from "./scenario.ts"
import { schemaProblems } from "./schemaProblems.ts"

export const ScenarioFile = Schema.Struct({
  mode: Schema.optionalKey(Schema.String),
  producers: Schema.optionalKey(Schema.Int),
  items: Schema.optionalKey(Schema.Int),
  consumers: Schema.optionalKey(Schema.Int),
  capacity: Schema.optionalKey(Schema.NullOr(Schema.Int)),
  whenFull: Schema.optionalKey(Schema.String),
  produce: Schema.optionalKey(Schema.String),
  process: Schema.optionalKey(Schema.String),
  timeout: Schema.optionalKey(Schema.NullOr(Schema.String)),
  seed: Schema.optionalKey(Schema.Int),
  clock: Schema.optionalKey(Schema.String),
})

/** Keys a recording's `meta.scenario` also holds, derived from the mode: accepted there, not set. */
const derivedKeys = ["start", "handoff", "pollInterval"]

/** The scenario in `file` (a scenario file, or a recording), as flags would give it. */
export const readScenarioFile = (file: string, shownAs: string): ScenarioInput | UsageError => {
  const fail = (problem: string) => usageError(`--scenario ${shownAs}: ${problem}`)
  const stat = fs.statSync(file, { throwIfNoEntry: false })
  if (stat === undefined) return fail("no such file")
  if (stat.isDirectory()) return fail("is a directory")
  let text: string
  try {
    text = fs.readFileSync(file, "utf8")
  } catch (error) {
    return fail(`cannot be read (${fileErrorReason(error)})`)
  }
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    return fail(`is not JSON (${error instanceof Error ? error.message : String(error)})`)
  }
  const fromRecording =
    typeof document === "object" &&
    document !== null &&
    (document as { format?: unknown }).format === "prodcon-recording"
  let fields = fromRecording ? (document as { meta?: { scenario?: unknown } }).meta?.scenario : document
  if (fromRecording && typeof fields === "object" && fields !== null) {
    fields = Object.fromEntries(Object.entries(fields).filter(([key]) => !derivedKeys.includes(key)))
  }
  const decoded = Schema.decodeUnknownResult(ScenarioFile)(fields, {
    errors: "all",
    onExcessProperty: "error",
  })
  if (Result.isFailure(decoded)) {
    const known = Object.keys(ScenarioFile.fields).join(", ")
    const problems = schemaProblems(decoded.failure.issue, { whole: "(the file)" }).map(
      ({ path, message }) => {
        const said = message === "Expected no excess property" ? `unknown key (known: ${known})` : message
        return `${path}: ${said}`
      },
    )
    return fail(problems.join("; "))
  }
  const { timeout, ...rest } = decoded.success
  return { ...rest, ...(timeout === undefined ? {} : { timeout: timeout ?? "none" }) }
}

/** Flags given on the command line win over the file's values. */
export const mergeScenarioInputs = (file: ScenarioInput, flags: ScenarioInput): ScenarioInput => {
  const merged: Record<string, unknown> = { ...file }
  for (const [key, value] of Object.entries(flags)) if (value !== undefined) merged[key] = value
  return merged as ScenarioInput
}
