/**
 * The one error a user can cause: bad flags, files or recordings. It carries a single line that names
 * the problem; the CLI prints it as is and exits with code 2.
 */
import * as Data from "effect/Data"

export class UsageError extends Data.TaggedError("UsageError")<{ readonly message: string }> {}

export const usageError = (message: string): UsageError => new UsageError({ message })
