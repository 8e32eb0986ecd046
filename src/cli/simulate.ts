/**
 * The `simulate` command: the scenario from the flags (over an optional scenario file), run with
 * its recording, the terminal view and the progress line as sinks. `--compare` runs the same
 * scenario through several modes and prints one table.
 */
import * as Effect from "effect/Effect"
import { UsageError } from "../errors.ts"
import { openRecordingSink } from "../recording/writer.ts"
import type { ComparedRun } from "../run/compare.ts"
import { type RecordingPlace, recordingTarget } from "../run/recordingTarget.ts"
import { runToStatistics } from "../run/run.ts"
import { cancelsOnEnter, resolveScenario, type ScenarioInput } from "../scenario/scenario.ts"
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

/** Where the recordings go; none with --no-record. */
const recordingPlace = (
  io: CliIO,
  flags: SimulateFlags,
): Effect.Effect<RecordingPlace | undefined, UsageError> => {
  if (flags.noRecord)
    return flags.out === undefined
      ? Effect.succeed(undefined)
      : Effect.fail(new UsageError({ message: "--no-record writes no recording: leave out --out" }))
  return Effect.succeed({
    out: flags.out === undefined ? undefined : userPath(io, flags.out),
    force: flags.force,
    projectDirectory: io.projectDirectory,
  })
}

const printComparison = (flags: SimulateFlags, runs: ReadonlyArray<ComparedRun>) =>
  Effect.gen(function* () {
    const io = yield* CliIO
    const { comparisonTable, recordingsList } = yield* Effect.promise(
      () => import("../render/comparisonTable.ts"),
    )
    const written = runs.flatMap((run) =>
      run.recording === undefined ? [] : [{ path: displayPath(io, run.recording), mode: run.scenario.mode }],
    )
    const recordings = written.length === 0 ? "" : `${recordingsList(written)}\n`
    const statistics = runs.map((run) => run.statistics)
    if (flags.json) {
      io.stdout(`${JSON.stringify(statistics, null, 2)}\n`)
      return recordings === "" ? undefined : io.stderr(recordings)
    }
    io.stdout(`${comparisonTable(statistics)}\n${recordings}`)
  })

export const simulate = Effect.fnUntraced(function* (flags: SimulateFlags) {
  const io = yield* CliIO
  const input = yield* scenarioInput(flags)
  const place = yield* recordingPlace(io, flags)
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
    return yield* printComparison(flags, runs)
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
  // The threads program on the real clock stops on Enter too, as its prompt says.
  const byEnter = scenario.clock === "live" && cancelsOnEnter(scenario.mode)
  const options = {
    statistics,
    stop: byEnter ? Effect.raceFirst(io.stopRequested, io.enterPressed) : io.stopRequested,
  }
  if (recording === undefined) return yield* runToStatistics(scenario, sinks, options)
  const run = yield* runToStatistics(scenario, { ...sinks, recording }, options)
  const note = `Recording: ${displayPath(io, run.recording)}\n`
  if (flags.json) io.stderr(note)
  else io.stdout(note)
})
