/**
 * Where a run's recording goes: the file `--out` names (replaced only with `--force`), or the next
 * free `recordings/runN.json` of the project, numbered when it is put in place. `--compare` writes one
 * recording per mode: `--out run.json` gives run-sync.json, run-async.json...
 */
import * as fs from "node:fs"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import type { Mode } from "../core/scenario/scenario.ts"
import { UsageError } from "../errors.ts"
import type { Target } from "../files/atomicFile.ts"
import { fileErrorReason } from "../files/fileErrors.ts"

export const defaultRecordingFolder = "recordings"

export interface RecordingPlace {
  /** `--out`, made absolute; undefined for the default. */
  readonly out: string | undefined
  readonly force: boolean
  /** The project's folder, where the default `recordings/` lives. */
  readonly projectDirectory: string
}

/**
 * Where the recordings of a command go, from its flags (`out` already made absolute): none with
 * `--no-record`, which refuses an `--out` beside it.
 */
export const recordingPlace = (flags: {
  readonly noRecord: boolean
  readonly out: string | undefined
  readonly force: boolean
  readonly projectDirectory: string
}): Effect.Effect<RecordingPlace | undefined, UsageError> => {
  const { noRecord, ...place } = flags
  if (!noRecord) return Effect.succeed(place)
  return place.out === undefined
    ? Effect.succeed(undefined)
    : Effect.fail(new UsageError({ message: "--no-record writes no recording: leave out --out" }))
}

/** Why `directory` cannot hold recordings, if it cannot; made when it does not exist. */
const folderProblem = (directory: string): string | undefined => {
  try {
    const status = fs.statSync(directory, { throwIfNoEntry: false })
    if (status !== undefined) return status.isDirectory() ? undefined : "it is not a folder"
    // stat follows links: a link whose target does not exist looks absent.
    if (fs.lstatSync(directory, { throwIfNoEntry: false }) !== undefined) return "it is a link to nothing"
    fs.mkdirSync(directory, { recursive: true })
    return undefined
  } catch (error) {
    return fileErrorReason(error)
  }
}

export const recordingTarget = (place: RecordingPlace): Effect.Effect<Target, UsageError> =>
  Effect.suspend((): Effect.Effect<Target, UsageError> => {
    if (place.out !== undefined) return Effect.succeed({ kind: "named", path: place.out, force: place.force })
    const directory = path.join(place.projectDirectory, defaultRecordingFolder)
    const problem = folderProblem(directory)
    if (problem !== undefined) {
      return Effect.fail(
        new UsageError({ message: `cannot use the folder ${directory} for recordings: ${problem}` }),
      )
    }
    return Effect.succeed({ kind: "numbered", directory, prefix: "run", suffix: ".json" })
  })

/**
 * `--out run.json` with `--compare sync,async` writes run-sync.json and run-async.json. A name that
 * is an extension alone (`--out .json`, `--out runs/.json.gz`) has no stem to put before the mode:
 * its files are sync.json and async.json there, not the hidden .json-sync.json.
 */
export const comparisonOut = (out: string, mode: Mode): string => {
  // A compressed recording's extension is two: run.json.zst gives run-sync.json.zst. extname sees
  // no extension in ".json" (a hidden file's name), hence the explicit test.
  const extension = /\.json(\.(zst|gz))?$/i.exec(out)?.[0] ?? path.extname(out)
  const stem = out.slice(0, out.length - extension.length)
  const separator = stem === "" || stem.endsWith(path.sep) || stem.endsWith("/") ? "" : "-"
  return `${stem}${separator}${mode}${extension || ".json"}`
}
