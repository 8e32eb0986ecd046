/**
 * How a command ends, as an exit code, decided in this one place; the README lists the codes.
 * 0 done; 1 a divergence found by `--verify`, or an internal error (a bug); 2 bad flags or input
 * (nothing was run or written); 3 `--merge DIR --missing` found shares missing; 74 an output could not be written (a full disk); 129, 130, 131 and
 * 143 a command stopped by SIGHUP, SIGINT, SIGQUIT and SIGTERM (a run's recording still complete).
 * A closed standard output (the reader of a pipe has gone) is no error.
 */
import * as Cause from "effect/Cause"
import * as CliError from "effect/cli/CliError"
import * as Effect from "effect/Effect"
import { sanitizeForTerminal } from "../core/render/sanitize.ts"
import { fileErrorReason } from "../files/fileErrors.ts"
import { stopSignals } from "../run/stopRequests.ts"
import { CliIO } from "./io.ts"

const codes = {
  UsageError: 2,
  BadInputFile: 2,
  SharesMissing: 3,
  CannotWrite: 74,
  Diverged: 1,
  InternalError: 1,
} as const

interface Tagged {
  readonly _tag: keyof typeof codes
  readonly message: string
}

const isTagged = (error: unknown): error is Tagged =>
  typeof error === "object" &&
  error !== null &&
  "_tag" in error &&
  ((error as { _tag: unknown })._tag as string) in codes

/** The exit code of a command that succeeded: stopped by a signal, or done. */
export const successCode = Effect.gen(function* () {
  const signal = (yield* CliIO).stopSignal()
  return signal === undefined ? 0 : stopSignals[signal]
})

/** The exit code of a command that failed, having said why on stderr in one line. */
export const failureCode = (cause: Cause.Cause<unknown>) =>
  Effect.gen(function* () {
    const io = yield* CliIO
    const error = Cause.squash(cause)
    // Effect's CLI has already reported its own errors (a bad flag).
    if (CliError.isCliError(error)) return 2
    if (isTagged(error)) {
      // Messages can quote a recording, which is untrusted.
      if (error._tag !== "Diverged") io.stderr(`prodcon: ${sanitizeForTerminal(error.message)}\n`)
      if (error._tag === "InternalError") io.stderr("prodcon: this is a bug, please report it\n")
      return codes[error._tag]
    }
    if (Cause.hasInterruptsOnly(cause)) return stopSignals[io.stopSignal() ?? "SIGINT"]
    io.stderr(`prodcon: internal error, please report it: ${Cause.pretty(cause)}\n`)
    return 1
  })

/** A failure that is no error: the reader of a pipe has gone (`| head -1`), nobody misses what follows. */
const readerGone = (failure: unknown): boolean => (failure as { code?: unknown }).code === "EPIPE"

/**
 * The code once the command's output is known to have failed or not. Standard output or error that
 * could not be written (a full disk, a file-size limit) is reported in one line, and turns success
 * into 74; a command that failed for its own reason keeps its code. A closed pipe is no failure.
 */
export const withOutputFailure = (
  code: number,
  failures: { readonly stdout: unknown; readonly stderr: unknown },
  report: (line: string) => void,
): number => {
  const failed = (["stdout", "stderr"] as const).filter(
    (stream) => failures[stream] !== undefined && !readerGone(failures[stream]),
  )
  for (const stream of failed) {
    // Said on stderr even when that is what failed: where it fails, the exit code remains.
    report(
      `prodcon: cannot write ${stream === "stdout" ? "the output" : "standard error"}: ${fileErrorReason(failures[stream])}\n`,
    )
  }
  return failed.length > 0 && code === 0 ? codes.CannotWrite : code
}
