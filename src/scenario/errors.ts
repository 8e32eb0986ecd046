/**
 * The one error a user can cause: bad flags, files or recordings. It carries a single line that names
 * the problem; the CLI prints it as is and exits with code 2.
 */
import * as Data from "effect/Data"

export class UsageError extends Data.TaggedError("UsageError")<{ readonly message: string }> {}

export const usageError = (message: string): UsageError => new UsageError({ message })

const fileErrorReasons: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  ENOTDIR: "a part of the path is not a folder",
  EISDIR: "it is a folder",
  EEXIST: "the file already exists",
}

/** Why a file operation failed, in words: from the error's code when it is a common one. */
export const fileErrorReason = (error: unknown): string => {
  const code = error instanceof Error && "code" in error ? String(error.code) : undefined
  return (
    (code === undefined ? undefined : fileErrorReasons[code]) ??
    (error instanceof Error ? error.message : String(error))
  )
}
