/** Why a file operation failed, in words a user reads: from the error's code when it is a common one. */

const fileErrorReasons: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is exceeded",
  EFBIG: "the file-size limit is reached (ulimit -f)",
  ENOTDIR: "a part of the path is not a folder",
  EISDIR: "it is a folder",
  EEXIST: "the file already exists",
  ELOOP: "too many symbolic links (a loop?)",
  ENAMETOOLONG: "the name is too long",
  EIO: "an input/output error",
}

export const errorCode = (error: unknown): string | undefined =>
  error instanceof Error && "code" in error ? String(error.code) : undefined

export const fileErrorReason = (error: unknown): string => {
  const code = errorCode(error)
  return (
    (code === undefined ? undefined : fileErrorReasons[code]) ??
    (error instanceof Error ? error.message : String(error))
  )
}
