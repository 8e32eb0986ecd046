/**
 * Two files a command reads or writes that are one: `--out run.json --html run.json --force` would
 * put the page over the recording, and `replay run.json --html run.json` over the recording being
 * read. Refused before anything runs: the same path, or two names of one existing file (a link).
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { UsageError } from "../errors.ts"

export interface NamedFile {
  /** What names it, for the message: "--out", "--html", "the recording replayed". */
  readonly flag: string
  /** Absolute. */
  readonly path: string
  /** As the user reads it. */
  readonly shown: string
}

/** The device and inode of an existing file, which every name of it shares. */
const identity = (file: string): string | undefined => {
  const status = fs.statSync(file, { throwIfNoEntry: false })
  return status === undefined ? undefined : `${status.dev}:${status.ino}`
}

export const sameFileRefusal = (files: ReadonlyArray<NamedFile>): UsageError | undefined => {
  const seen: Array<{ readonly file: NamedFile; readonly identity: string | undefined }> = []
  for (const file of files) {
    let fileIdentity: string | undefined
    try {
      fileIdentity = identity(file.path)
    } catch {
      fileIdentity = undefined // unreadable here: the command's own checks say why
    }
    const earlier = seen.find(
      (other) =>
        path.resolve(other.file.path) === path.resolve(file.path) ||
        (fileIdentity !== undefined && other.identity === fileIdentity),
    )
    if (earlier !== undefined) {
      return new UsageError({
        message: `${earlier.file.flag} and ${file.flag} name the same file (${file.shown}): give each its own`,
      })
    }
    seen.push({ file, identity: fileIdentity })
  }
  return undefined
}
