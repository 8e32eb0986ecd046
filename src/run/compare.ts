/**
 * `--compare`: the same scenario and seed run through several modes, one after the other, each with
 * its own recording, answering each mode's statistics: the course's lesson in one table.
 */
import * as fs from "node:fs"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { didYouMean } from "../cli/suggestion.ts"
import { runToStatistics } from "../core/run.ts"
import {
  flagName,
  type Mode,
  modes,
  resolveScenario,
  type Scenario,
  type ScenarioInput,
  type SettingName,
} from "../core/scenario/scenario.ts"
import { eventSink, type RunSink } from "../core/sinks/sink.ts"
import type { Statistics } from "../core/stats/schema.ts"
import { type CannotWrite, UsageError } from "../errors.ts"
import { alreadyExists } from "../files/atomicFile.ts"
import { openRecordingSink, recordingDescription } from "../recording/writer.ts"
import type { Outputs } from "./outputs.ts"
import { comparisonOut, type RecordingPlace, recordingTarget } from "./recordingTarget.ts"

export interface ComparedRun {
  readonly scenario: Scenario
  readonly statistics: Statistics
  /** Where its recording went; undefined when none was written (`--no-record`, or a failure). */
  readonly recording: string | undefined
  /** Why its recording is not where it was asked for (a full disk, a file that appeared there). */
  readonly recordingFailure?: CannotWrite | undefined
}

const usage = (message: string) => new UsageError({ message })

/** The modes `--compare` names, comma-separated, checked. */
export const modesToCompare = (text: string): Effect.Effect<ReadonlyArray<Mode>, UsageError> => {
  const names = text.split(",").map((name) => name.trim())
  const unknown = names.find((name) => !(modes as ReadonlyArray<string>).includes(name))
  if (unknown !== undefined) {
    return Effect.fail(
      usage(
        `--compare: unknown mode "${unknown}" (expected a comma-separated list of ${modes.join(", ")})${didYouMean(unknown, modes)}`,
      ),
    )
  }
  // Each mode has one recording (FILE-MODE.json): a mode named twice would write its own twice.
  const repeated = names.find((name, index) => names.indexOf(name) !== index)
  return repeated === undefined
    ? Effect.succeed(names as ReadonlyArray<Mode>)
    : Effect.fail(usage(`--compare: ${repeated} is named twice; name each mode once`))
}

/** The scenario of each mode, checked, and every target checked, before the first run. */
const prepare = (
  input: ScenarioInput,
  modes: ReadonlyArray<Mode>,
  place: RecordingPlace | undefined,
  name: SettingName,
) =>
  Effect.gen(function* () {
    if (input.mode !== undefined) return yield* usage("--compare runs each mode it names; leave out --mode")
    if (input.clock === "live") return yield* usage("--compare runs on the virtual clock only")
    const scenarios: Array<Scenario> = []
    for (const mode of modes) {
      const scenario = resolveScenario({ ...input, mode }, name)
      if (Result.isFailure(scenario)) return yield* usage(`--compare ${mode}: ${scenario.failure.message}`)
      scenarios.push(scenario.success)
    }
    const out = place?.out
    if (out !== undefined && !place?.force) {
      for (const mode of modes) {
        const target = comparisonOut(out, mode)
        if (fs.existsSync(target)) return yield* alreadyExists(target, recordingDescription)
      }
    }
    return scenarios
  })

export interface CompareOptions {
  /** Where the recordings go; none is written when undefined. */
  readonly place: RecordingPlace | undefined
  /** Completes to stop the run under way (Ctrl-C). */
  readonly stop?: Effect.Effect<void> | undefined
  /** A progress line for each run. */
  readonly progress?: (() => RunSink) | undefined
  /** The page and the trace, fed by every run (`--html`, `--trace`). */
  readonly outputs?: Outputs | undefined
  /** How messages name each setting (a flag, or the scenario file's key). */
  readonly name?: SettingName | undefined
}

export const compareModes = (
  input: ScenarioInput,
  modes: ReadonlyArray<Mode>,
  options: CompareOptions,
): Effect.Effect<ReadonlyArray<ComparedRun>, UsageError | CannotWrite> =>
  Effect.gen(function* () {
    const { place } = options
    const scenarios = yield* prepare(input, modes, place, options.name ?? flagName)
    const runs: Array<ComparedRun> = []
    // Every recording is opened before the first run, so a target that cannot be written is refused
    // before any work; those of modes not run (a stop, a failure) are dropped at the end.
    const recordings: Array<RunSink<Result.Result<string, CannotWrite>>> = []
    let started = 0
    const abortNotRun = Effect.suspend(() =>
      Effect.forEach(recordings.slice(started), (recording) => recording.abort(), { discard: true }),
    )
    yield* Effect.gen(function* () {
      if (place !== undefined) {
        for (const scenario of scenarios) {
          const out = place.out === undefined ? undefined : comparisonOut(place.out, scenario.mode)
          recordings.push(keepingFailure(yield* openRecordingSink(yield* recordingTarget({ ...place, out }))))
        }
      }
      for (const scenario of scenarios) {
        const sinks = {
          progress: options.progress?.() ?? eventSink(() => {}),
          ...options.outputs?.sinks(),
        }
        const runOptions = { stop: options.stop }
        const recording = recordings[started++]
        if (recording === undefined) {
          const result = yield* runToStatistics(scenario, sinks, runOptions)
          runs.push({ scenario, statistics: result.statistics, recording: undefined })
          if (result.end.reason === "interrupted") break
          continue
        }
        const result = yield* runToStatistics(scenario, { ...sinks, recording }, runOptions)
        const saved = result.recording
        runs.push({
          scenario,
          statistics: result.statistics,
          recording: Result.isSuccess(saved) ? saved.success : undefined,
          recordingFailure: Result.isFailure(saved) ? saved.failure : undefined,
        })
        // Stopped (Ctrl-C): the modes after it are not run.
        if (result.end.reason === "interrupted") break
      }
    }).pipe(Effect.ensuring(abortNotRun))
    return runs
  })

/**
 * A recording whose failure to be put in place is its result rather than the run's: the other
 * modes still run and the table is still shown, and the failure is said after it.
 */
const keepingFailure = (
  recording: RunSink<string, CannotWrite>,
): RunSink<Result.Result<string, CannotWrite>> => ({
  ...recording,
  end: (end) => Effect.result(recording.end(end)),
})
