/**
 * The `simulate` command: the scenario from the flags (over an optional scenario file), run with
 * its recording, the terminal view and the progress line as sinks. `--compare` runs the same
 * scenario through several modes and prints one table.
 */
import * as Effect from "effect/Effect"
import { openRecordingSink } from "../recording/writer.ts"
import { recordingPlace, recordingTarget } from "../run/recordingTarget.ts"
import { runToStatistics } from "../run/run.ts"
import { resolveScenario, type ScenarioInput } from "../scenario/scenario.ts"
import { settableKeys } from "../scenario/scenarioJson.ts"
import { StatisticsFold } from "../stats/statistics.ts"
import type { SimulateFlags } from "./commands.ts"
import { CliIO, displayPath, userPath } from "./io.ts"
import { terminalProgress, terminalView, verbosityOf } from "./terminalView.ts"

/** The flags' scenario, over the scenario file's when there is one. */
const scenarioInput = (flags: SimulateFlags) =>
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

export const simulate = Effect.fnUntraced(function* (flags: SimulateFlags) {
  const io = yield* CliIO
  const input = yield* scenarioInput(flags)
  const place = yield* recordingPlace({
    noRecord: flags.noRecord,
    out: flags.out === undefined ? undefined : userPath(io, flags.out),
    force: flags.force,
    projectDirectory: io.projectDirectory,
  })
  if (flags.compare !== undefined) {
    const { compareModes, modesToCompare } = yield* Effect.promise(() => import("../run/compare.ts"))
    const selected = yield* modesToCompare(flags.compare)
    // The table comes at the end, so no lines are printed meanwhile; the user waits for all the runs.
    const progress = { verb: "simulating", verbosity: "quiet", startedAt: io.wallMillis() } as const
    const runs = yield* compareModes(input, selected, {
      place,
      stop: io.stopRequested,
      progress: (statistics) => terminalProgress(io, statistics, progress),
    })
    const { comparisonOutput } = yield* Effect.promise(() => import("../render/comparisonTable.ts"))
    const recordings = runs.map((run) => ({
      statistics: run.statistics,
      recording: run.recording === undefined ? undefined : displayPath(io, run.recording),
    }))
    const output = comparisonOutput(recordings, flags.json)
    io.stdout(output.stdout)
    return output.stderr === "" ? undefined : io.stderr(output.stderr)
  }
  const scenario = yield* Effect.fromResult(resolveScenario(input))
  // Without a recording there is no writer sink at all: the fastest run, for the figures only.
  const recording = place === undefined ? undefined : yield* openRecordingSink(yield* recordingTarget(place))
  const statistics = new StatisticsFold()
  const sinks = {
    progress: terminalProgress(io, statistics, { verb: "simulating", verbosity: verbosityOf(flags) }),
    view: terminalView(io, statistics, {
      verbosity: verbosityOf(flags),
      noColor: flags.noColor,
      timestamps: flags.timestamps,
      actors: flags.actors,
      immediate: scenario.clock === "live",
    }),
  }
  const options = { statistics, stop: io.stopRequested, enter: io.enterPressed }
  if (recording === undefined) return yield* runToStatistics(scenario, sinks, options)
  const run = yield* runToStatistics(scenario, { ...sinks, recording }, options)
  const note = `Recording: ${displayPath(io, run.recording)}\n`
  if (flags.json) io.stderr(note)
  else io.stdout(note)
})
