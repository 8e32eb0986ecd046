/**
 * The `simulate` command: the scenario from the flags (over an optional scenario file), run with
 * its recording, the terminal view and the progress line as sinks. `--compare` runs the same
 * scenario through several modes and prints one table.
 */
import * as Effect from "effect/Effect"
import { runToStatistics } from "../core/run.ts"
import { type Mode, resolveScenario } from "../core/scenario/scenario.ts"
import { cannotWriteAll } from "../errors.ts"
import { openRecordingSink } from "../recording/writer.ts"
import { comparisonOut, recordingPlace, recordingTarget } from "../run/recordingTarget.ts"
import type { SimulateFlags } from "./commands.ts"
import { CliIO, displayPath, namedFile, userPath } from "./io.ts"
import { outputFiles, writtenNotes } from "./outputFiles.ts"
import { refuseComparedPipeline, scenarioInput } from "./scenarioInput.ts"
import { terminalProgress, terminalView, verbosityOf } from "./terminalView.ts"

/** The recordings `--out` names (one per mode with --compare), which no page or trace may be. */
const namedRecordings = (io: CliIO, out: string | undefined, modes: ReadonlyArray<Mode> | undefined) =>
  out === undefined
    ? []
    : (modes ?? [undefined]).map((mode) =>
        mode === undefined
          ? namedFile(io, "--out", out)
          : namedFile(io, `--out (${mode})`, comparisonOut(out, mode)),
      )

export const simulate = Effect.fnUntraced(function* (flags: SimulateFlags) {
  const io = yield* CliIO
  const { input, name } = yield* scenarioInput(flags)
  if (flags.compare !== undefined) yield* refuseComparedPipeline(input, name)
  const place = yield* recordingPlace({
    noRecord: flags.noRecord,
    out: flags.out === undefined ? undefined : userPath(io, flags.out),
    force: flags.force,
    projectDirectory: io.projectDirectory,
  })
  const compare =
    flags.compare === undefined ? undefined : yield* Effect.promise(() => import("../run/compare.ts"))
  const selected =
    compare === undefined || flags.compare === undefined
      ? undefined
      : yield* compare.modesToCompare(flags.compare)
  const outputs = yield* outputFiles(io, flags, namedRecordings(io, place?.out, selected))
  if (compare !== undefined && selected !== undefined) {
    const { compareModes } = compare
    // The table comes at the end, so no lines are printed meanwhile; the user waits for all the runs.
    const progress = { verb: "simulating", verbosity: "quiet", startedAt: io.wallMillis() } as const
    const runs = yield* compareModes(input, selected, {
      place,
      stop: io.stopRequested,
      progress: () => terminalProgress(io, progress),
      outputs,
      name,
    })
    const { comparisonOutput } = yield* Effect.promise(() => import("../core/render/comparisonTable.ts"))
    const recordings = runs.map((run) => ({
      statistics: run.statistics,
      recording: run.recording === undefined ? undefined : displayPath(io, run.recording),
    }))
    const output = comparisonOutput(recordings, flags.json)
    const written = writtenNotes(io, yield* outputs.finish)
    io.stdout(output.stdout)
    if (flags.json) io.stderr(`${output.stderr}${written}`)
    else io.stdout(written)
    // Said once the table is shown: a recording not put in place (a full disk, a file that appeared).
    const failures = runs.flatMap((run) => run.recordingFailure ?? [])
    if (failures.length > 0) return yield* cannotWriteAll(failures)
    return
  }
  const scenario = yield* Effect.fromResult(resolveScenario(input, name))
  // Without a recording there is no writer sink at all: the fastest run, for the figures only.
  const recording = place === undefined ? undefined : yield* openRecordingSink(yield* recordingTarget(place))
  const sinks = {
    progress: terminalProgress(io, { verb: "simulating", verbosity: verbosityOf(flags) }),
    view: terminalView(io, {
      verbosity: verbosityOf(flags),
      noColor: flags.noColor,
      timestamps: flags.timestamps,
      actors: flags.actors,
      immediate: scenario.clock === "live",
    }),
    ...(recording === undefined ? {} : { recording }),
    ...outputs.sinks(),
  }
  const run = yield* runToStatistics(scenario, sinks, {
    stop: io.stopRequested,
    enter: io.enterPressed,
  })
  const saved = "recording" in run && typeof run.recording === "string" ? run.recording : undefined
  const notes = `${saved === undefined ? "" : `Recording: ${displayPath(io, saved)}\n`}${writtenNotes(io, yield* outputs.finish)}`
  if (flags.json) io.stderr(notes)
  else io.stdout(notes)
}, Effect.scoped)
