/**
 * The run view as the CLI sets it up for a terminal: colour decided from the terminal and the
 * user's settings, output buffered (or written line by line when the run is paced or live).
 */
import { makePainter, shouldUseColor } from "../core/render/color.ts"
import { bufferedOutput } from "../core/render/output.ts"
import { makeProgress, progressSink } from "../core/render/progress.ts"
import { makeRunView, type Verbosity } from "../core/render/runView.ts"
import type { RunSink } from "../core/sinks/sink.ts"
import type { TimeWindow } from "../core/stats/statistics.ts"
import type { CliIO } from "./io.ts"

export interface TerminalViewOptions {
  readonly verbosity: Verbosity
  readonly noColor: boolean
  readonly timestamps: boolean
  readonly actors: boolean
  readonly window?: TimeWindow | undefined
  /** Write every line at once (a live or paced run), rather than in large pieces. */
  readonly immediate: boolean
}

export const terminalView = (io: CliIO, options: TerminalViewOptions): RunSink =>
  makeRunView({
    verbosity: options.verbosity,
    paint: makePainter(shouldUseColor({ noColorFlag: options.noColor, isTTY: io.stdoutIsTTY, env: io.env })),
    output: bufferedOutput(io.stdout, { immediate: options.immediate }),
    timestamps: options.timestamps,
    actors: options.actors,
    ...(options.window === undefined ? {} : { window: options.window }),
  })

/**
 * The progress line on stderr, for long runs on a terminal; not when the run's own lines go to that
 * terminal too (they show it moving, and the two would mix).
 */
export const terminalProgress = (
  io: CliIO,
  options: {
    readonly verb: "simulating" | "replaying"
    readonly verbosity: Verbosity
    /** When the command started, for the runs of a `--compare` after the first. */
    readonly startedAt?: number
  },
): RunSink =>
  progressSink(
    makeProgress({
      isTTY: io.stderrIsTTY && !(options.verbosity === "full" && io.stdoutIsTTY),
      write: io.stderr,
      wallMillis: io.wallMillis,
      ...(options.startedAt === undefined ? {} : { startedAt: options.startedAt }),
    }),
    options.verb,
  )

export const verbosityOf = (flags: { readonly json: boolean; readonly quiet: boolean }): Verbosity =>
  flags.json ? "json" : flags.quiet ? "quiet" : "full"
