/**
 * The playground's address: `#scenario=` and the scenario-file JSON, URI-encoded, so a link
 * reproduces a run. What a link holds is untrusted: it is decoded by the scenario file's own
 * Schema (unknown keys refused), and a problem is said in one line.
 */
import * as Result from "effect/Result"
import type { ScenarioInput } from "../../core/scenario/scenario.ts"
import { decodeScenarioDocument } from "../../core/scenario/scenarioSettings.ts"

const prefix = "#scenario="

export const scenarioHash = (input: ScenarioInput): string =>
  `${prefix}${encodeURIComponent(JSON.stringify(input))}`

/**
 * The settings a scenario's JSON text gives (a scenario file, or a recording, as `--scenario` takes
 * them), or what is wrong with it; `where` names it in the message.
 */
export const parseScenarioJson = (text: string, where: string): Result.Result<ScenarioInput, string> => {
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    return Result.fail(`${where}: is not JSON (${error instanceof Error ? error.message : String(error)})`)
  }
  return Result.mapError(decodeScenarioDocument(document), (problem) => `${where}: ${problem}`)
}

/** The scenario in an address's fragment; undefined when it holds none. */
export const parseScenarioHash = (hash: string): Result.Result<ScenarioInput, string> | undefined => {
  if (!hash.startsWith(prefix)) return undefined
  let text: string
  try {
    text = decodeURIComponent(hash.slice(prefix.length))
  } catch {
    return Result.fail("the link's #scenario= is not URI-encoded text")
  }
  return parseScenarioJson(text, "the link's scenario")
}
