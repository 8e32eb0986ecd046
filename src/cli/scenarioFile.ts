/**
 * `--scenario FILE`: any of simulate's flags, kept in a JSON file (flags on the command line win).
 * The keys are those a recording stores in `meta.scenario`, so a recording is itself a scenario
 * file: `--scenario recordings/run1.json` runs that recording's scenario again; only its header is
 * read. Validated by the ScenarioSettings Schema; unknown keys are refused, so a misspelt key is
 * never silently ignored.
 */
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import type { ScenarioInput } from "../core/scenario/scenario.ts"
import { decodeRecordedScenario, decodeScenarioDocument } from "../core/scenario/scenarioSettings.ts"
import { BadInputFile } from "../errors.ts"
import { openInput } from "../files/input.ts"
import { RecordingParser } from "../recording/parser.ts"
import { WholeDocument } from "../recording/wholeDocument.ts"

/** How a recording in the writer's layout starts: then only its first line is needed. */
const recordingOpening = Buffer.from('{"format":"prodcon-recording"')

/** The scenario in `file` (a scenario file, or a recording), as flags would give it. */
export const readScenarioFile = (file: string, shownAs: string): Effect.Effect<ScenarioInput, BadInputFile> =>
  Effect.scoped(
    Effect.gen(function* () {
      const fail = (problem: string) => new BadInputFile({ message: `--scenario ${shownAs}: ${problem}` })
      const input = yield* openInput(file, `--scenario ${shownAs}`, "a scenario file")
      const whole = new WholeDocument()
      let first = true
      let recording: RecordingParser | undefined
      for (let chunk = yield* input.next; chunk !== undefined; chunk = yield* input.next) {
        if (first && chunk.subarray(0, recordingOpening.length).equals(recordingOpening)) {
          recording = new RecordingParser()
        }
        first = false
        const parser = recording
        if (parser !== undefined) {
          const read = Result.flatMap(parser.push(chunk), () => parser.next())
          if (Result.isFailure(read)) return yield* fail(read.failure)
          if (parser.header !== undefined)
            return yield* Effect.fromResult(decodeRecordedScenario(parser.header.scenario)).pipe(
              Effect.mapError(fail),
            )
        }
        const problem = whole.push(chunk, "is too large for a scenario file")
        if (problem !== undefined) return yield* fail(problem)
      }
      let document: unknown
      try {
        document = JSON.parse(whole.take().toString("utf8"))
      } catch (error) {
        return yield* fail(`is not JSON (${error instanceof Error ? error.message : String(error)})`)
      }
      return yield* Effect.fromResult(decodeScenarioDocument(document)).pipe(Effect.mapError(fail))
    }),
  )
