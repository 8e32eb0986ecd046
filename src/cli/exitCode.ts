/**
 * Ends a command with a given exit code, having already said what there was to say (for example,
 * `replay --verify` on a recording that no longer matches the code exits with 1).
 */
import * as Data from "effect/Data"

export class ExitCode extends Data.TaggedError("ExitCode")<{ readonly code: number }> {}
