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
import { resolveScenario } from "../scenario/scenario.ts"
import { StatisticsFold } from "../stats/statistics.ts"
import type { SimulateFlags } from "./commands.ts"
import { CliIO, displayPath, userPath } from "./io.ts"
import { outputFiles, writtenNotes } from "./outputFiles.ts"
import { scenarioInput } from "./scenarioInput.ts"
import { terminalProgress, terminalView, verbosityOf } from "./terminalView.ts"

const recordingPlace = (io: CliIO, flags: SimulateFlags): RecordingPlace => ({
  out: flags.out === undefined ? undefined : userPath(io, flags.out),
  force: flags.force,
  projectDirectory: io.projectDirectory,
})

const printComparison = (flags: SimulateFlags, runs: ReadonlyArray<ComparedRun>, written: string) =>
  Effect.gen(function* () {
    const io = yield* CliIO
    const recordings = `Recordings: ${runs.map((run) => `${displayPath(io, run.recording)} (${run.scenario.mode})`).join(", ")}\n${written}`
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
  const input = yield* scenarioInput(flags)
  const outputs = yield* outputFiles(io, flags)
  if (flags.compare !== undefined) {
    const { compareModes, modesToCompare } = yield* Effect.promise(() => import("../run/compare.ts"))
    const selected = yield* modesToCompare(flags.compare)
    const runs = yield* compareModes(input, selected, recordingPlace(io, flags), io.stopRequested, outputs)
    return yield* printComparison(flags, runs, writtenNotes(io, flags, yield* outputs.finish))
  }
  const scenario = yield* Effect.fromResult(resolveScenario(input))
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
      ...outputs.sinksFor(statistics),
    },
    { statistics, stop: io.stopRequested },
  )
  const notes = `Recording: ${displayPath(io, run.recording)}\n${writtenNotes(io, flags, yield* outputs.finish)}`
  if (flags.json) io.stderr(notes)
  else io.stdout(notes)
}, Effect.scoped)
