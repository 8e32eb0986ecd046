/**
 * The ways a command can fail, one tagged error per kind. Code below the CLI returns them as values
 * (Effect failures or Results); the CLI maps each kind to its exit code in one place
 * (src/cli/exitCodes.ts). A message is one line that names the problem.
 */
import * as Data from "effect/Data"

/** Bad flags or flag values, or an output path that cannot be used: nothing was run. Exit 2. */
export class UsageError extends Data.TaggedError("UsageError")<{ readonly message: string }> {}

/** A file the user handed us (a recording, a scenario file) cannot be used. Exit 2. */
export class BadInputFile extends Data.TaggedError("BadInputFile")<{ readonly message: string }> {}

/** Writing an output failed after it had started (a full disk, an I/O error). Exit 74. */
export class CannotWrite extends Data.TaggedError("CannotWrite")<{ readonly message: string }> {}

/** `replay --verify` found that the current code makes another run; the difference is printed. Exit 1. */
export class Diverged extends Data.TaggedError("Diverged")<{ readonly message: string }> {}

/** A state the program should never reach: a bug to report. Exit 1. */
export class InternalError extends Data.TaggedError("InternalError")<{ readonly message: string }> {}

/** `sweep --merge DIR --missing` found shares not yet run; their numbers are printed. Exit 3. */
export class SharesMissing extends Data.TaggedError("SharesMissing")<{ readonly message: string }> {}

/** Several outputs that could not be written, as one error whose one line names each. */
export const cannotWriteAll = (failures: ReadonlyArray<CannotWrite>): CannotWrite =>
  new CannotWrite({ message: failures.map((failure) => failure.message).join("; ") })

export const usageError = (message: string): UsageError => new UsageError({ message })
export const badInputFile = (message: string): BadInputFile => new BadInputFile({ message })
