/**
 * The `simulate` command: the scenario from the flags (over an optional scenario file), run with
 * its recording, the terminal view and the progress line as sinks. `--compare` runs the same
 * scenario through several modes and prints one table.
 */
import * as Effect from "effect/Effect"
import { openRecordingSink } from "../recording/writer.ts"
import type { ComparedRun } from "../run/compare.ts"
import { type RecordingPlace, recordingTarget } from "../run/recordingTarget.ts"
import { runToStatistics } from "../run/run.ts"
import { flagName, resolveScenario, type ScenarioInput, type SettingName } from "../scenario/scenario.ts"
import { settableKeys } from "../scenario/scenarioJson.ts"
import { StatisticsFold } from "../stats/statistics.ts"
import type { SimulateFlags } from "./commands.ts"
import { CliIO, displayPath, userPath } from "./io.ts"
import { terminalProgress, terminalView, verbosityOf } from "./terminalView.ts"

/** The flags' scenario, over the scenario file's when there is one; messages name each value's origin. */
const scenarioInput = (flags: SimulateFlags) =>
  Effect.gen(function* () {
    const io = yield* CliIO
    const given = settableKeys.filter((key) => flags[key] !== undefined)
    const fromFlags: ScenarioInput = Object.fromEntries(
      given.map((key) => [key, key === "timeout" && flags.timeout === "none" ? null : flags[key]]),
    )
    const file = flags.scenario
    if (file === undefined) return { input: fromFlags, name: flagName }
    // Loaded on demand, with its Schema: most runs have no scenario file.
    const { readScenarioFile } = yield* Effect.promise(() => import("../scenario/scenarioFile.ts"))
    const path = userPath(io, file)
    const shown = displayPath(io, path)
    const input = { ...(yield* readScenarioFile(path, shown)), ...fromFlags }
    const name: SettingName = (key) =>
      key in fromFlags || !(key in input) ? flagName(key) : `--scenario ${shown}: ${key}`
    return { input, name }
  })

const recordingPlace = (io: CliIO, flags: SimulateFlags): RecordingPlace => ({
  out: flags.out === undefined ? undefined : userPath(io, flags.out),
  force: flags.force,
  projectDirectory: io.projectDirectory,
})

const printComparison = (flags: SimulateFlags, runs: ReadonlyArray<ComparedRun>) =>
  Effect.gen(function* () {
    const io = yield* CliIO
    const recordings = `Recordings: ${runs.map((run) => `${displayPath(io, run.recording)} (${run.scenario.mode})`).join(", ")}\n`
    const statistics = runs.map((run) => run.statistics)
    if (flags.json) {
      io.stdout(`${JSON.stringify(statistics, null, 2)}\n`)
      return io.stderr(recordings)
    }
    const { comparisonTable } = yield* Effect.promise(() => import("../render/comparisonTable.ts"))
    io.stdout(
      `${comparisonTable(
        statistics,
        runs.map((run) => run.scenario),
      )}\n${recordings}`,
    )
  })

export const simulate = Effect.fnUntraced(function* (flags: SimulateFlags) {
  const io = yield* CliIO
  const { input, name } = yield* scenarioInput(flags)
  if (flags.compare !== undefined) {
    const { compareModes, modesToCompare } = yield* Effect.promise(() => import("../run/compare.ts"))
    const selected = yield* modesToCompare(flags.compare)
    const runs = yield* compareModes(input, selected, recordingPlace(io, flags), io.stopRequested, name)
    return yield* printComparison(flags, runs)
  }
  const scenario = yield* Effect.fromResult(resolveScenario(input, name))
  const recording = yield* openRecordingSink(yield* recordingTarget(recordingPlace(io, flags)))
  const statistics = new StatisticsFold()
  const run = yield* runToStatistics(
    scenario,
    {
      progress: terminalProgress(io, statistics),
      view: terminalView(io, statistics, {
        verbosity: verbosityOf(flags),
        noColor: flags.noColor,
        timestamps: flags.timestamps,
        immediate: scenario.clock === "live",
      }),
      recording,
    },
    { statistics, stop: io.stopRequested },
  )
  const note = `Recording: ${displayPath(io, run.recording)}\n`
  if (flags.json) io.stderr(note)
  else io.stdout(note)
})
