/**
 * The `replay` command: read a recording once and show it again through the same view `simulate`
 * uses, at once or at its recorded pace, whole or a window of it; or check it against the current
 * code (`--verify`).
 */

import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { formatSecondsPlain } from "../core/render/numbers.ts"
import { parseDuration } from "../core/scenario/duration.ts"
import { withStatistics } from "../core/sinks/runSinks.ts"
import { eventSink } from "../core/sinks/sink.ts"
import { Diverged, UsageError } from "../errors.ts"
import { openRecording } from "../recording/reader.ts"
import { type Pacing, slowestSpeed } from "../replay/pacing.ts"
import { playRecording } from "../replay/play.ts"
import { outputKinds } from "../run/outputs.ts"
import type { ReplayFlags } from "./commands.ts"
import { CliIO, displayPath, namedFile, userPath } from "./io.ts"
import { outputFiles, requestedOutputs, writtenNotes } from "./outputFiles.ts"
import { terminalProgress, terminalView, verbosityOf } from "./terminalView.ts"

const usage = (message: string) => new UsageError({ message })

const durationFlag = (
  flag: string,
  text: string | undefined,
): Effect.Effect<number | undefined, UsageError> => {
  if (text === undefined) return Effect.succeed(undefined)
  return Effect.fromResult(Result.mapError(parseDuration(text), (problem) => usage(`--${flag}: ${problem}`)))
}

const resolveWindow = (flags: ReplayFlags) =>
  Effect.gen(function* () {
    const fromMicros = yield* durationFlag("from", flags.from)
    const untilMicros = yield* durationFlag("until", flags.until)
    if (fromMicros === undefined && untilMicros === undefined) return undefined
    const window = { fromMicros: fromMicros ?? 0, untilMicros: untilMicros ?? Number.POSITIVE_INFINITY }
    if (window.fromMicros >= window.untilMicros) {
      return yield* usage(
        fromMicros === undefined
          ? "--until must be after the run's start (0 s)"
          : "--from must be before --until",
      )
    }
    // The page and the trace hold the whole run, whose statistics they show beside it: a window's
    // figures there would be taken for the run's. The page zooms on any stretch itself.
    const output = outputKinds.find((kind) => flags[kind.flag] !== undefined)
    if (output !== undefined) {
      return yield* usage(
        `--${output.flag} draws the whole run: leave out --from and --until (the page zooms on any stretch)`,
      )
    }
    return window
  })

const resolvePacing = (flags: ReplayFlags) =>
  Effect.gen(function* () {
    const maxIdleMicros = yield* durationFlag("max-idle", flags.maxIdle)
    if (flags.speed === undefined && maxIdleMicros === undefined) return undefined
    // Pacing spaces out the lines; with none printed it would only make the statistics wait.
    const silent = flags.json ? "--json" : flags.quiet ? "--quiet" : undefined
    if (silent !== undefined) {
      const pacingFlag = flags.maxIdle !== undefined ? "--max-idle" : "--speed"
      return yield* usage(
        `${pacingFlag} paces the lines, and ${silent} prints none (it would only wait): leave out one of them`,
      )
    }
    const speed = flags.speed ?? 1
    if (!(speed >= slowestSpeed) || !Number.isFinite(speed))
      return yield* usage(`--speed must be a number of at least ${slowestSpeed.toFixed(6)} (got ${speed})`)
    if (maxIdleMicros === 0) return yield* usage("--max-idle must be above zero")
    return { speed, maxIdleMicros } satisfies Pacing
  })

/** What `--verify` has no use for: it prints its report and nothing else. */
const verifyIgnores = (flags: ReplayFlags): Array<string> =>
  (
    [
      ["--from", flags.from],
      ["--until", flags.until],
      ["--speed", flags.speed],
      ["--max-idle", flags.maxIdle],
      ["--html", flags.html],
      ["--trace", flags.trace],
      ["--json", flags.json || undefined],
    ] as const
  ).flatMap(([flag, value]) => (value === undefined ? [] : [flag]))

export const replay = Effect.fnUntraced(function* (flags: ReplayFlags) {
  const io = yield* CliIO
  const ignored = flags.verify ? verifyIgnores(flags) : []
  if (ignored.length > 0) {
    return yield* usage(
      `--verify runs the recorded scenario again and reports any difference; it takes no ${ignored.join(", ")}`,
    )
  }
  // An empty name would be the folder the user stands in.
  if (flags.file === "") return yield* usage("replay needs a recording's path, not an empty string")
  const file = userPath(io, flags.file)
  const window = yield* resolveWindow(flags)
  const pacing = yield* resolvePacing(flags)
  yield* Effect.scoped(
    Effect.gen(function* () {
      // Opened first: their checks (no output may be the recording) come before any reading.
      const outputs = yield* outputFiles(io, flags, [namedFile(io, "the recording replayed", file)])
      const recording = yield* openRecording(file, displayPath(io, file))
      if (flags.verify) {
        const { verifyRecording, verificationReport } = yield* Effect.promise(
          () => import("../replay/verify.ts"),
        )
        const verification = yield* verifyRecording(recording)
        io.stdout(verificationReport(verification))
        if (!verification.identical)
          return yield* new Diverged({ message: "the current code makes another run" })
        return
      }
      const view = terminalView(io, {
        verbosity: verbosityOf(flags),
        noColor: flags.noColor,
        timestamps: flags.timestamps,
        actors: flags.actors,
        window,
        immediate: pacing !== undefined,
      })
      // A paced replay needs no progress line: its lines come at their pace.
      const progress =
        pacing === undefined
          ? terminalProgress(io, { verb: "replaying", verbosity: verbosityOf(flags) })
          : eventSink(() => {})
      const sinks = withStatistics({ progress, view, ...outputs.sinks() }, window)
      const played = yield* playRecording(recording, sinks, {
        pacing,
        window,
        windowAfterEnd: (end) =>
          usage(`--from ${flags.from} is after the run's end (${formatSecondsPlain(end.at)} s)`),
        // Nothing else to do once nobody reads the lines (`| head`): replay writes no file... unless
        // asked for a page or a trace, which then still get the whole run.
        stop:
          requestedOutputs(io, flags).length === 0
            ? Effect.raceFirst(io.stopRequested, io.stdoutClosed)
            : io.stopRequested,
      })
      if (played.stopped) return
      const notes = writtenNotes(io, yield* outputs.finish)
      if (flags.json) io.stderr(notes)
      else io.stdout(notes)
    }),
  )
})
