/**
 * `--html` and `--trace`, as the CLI asks for them: loaded (with the page's bundler) only when one
 * is given, so a plain run starts as fast as before.
 */
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import type { UsageError } from "../errors.ts"
import { type NamedFile, sameFileRefusal } from "../files/sameFile.ts"
import type { Outputs } from "../run/outputs.ts"
import { type CliIO, displayPath, namedFile, userPath } from "./io.ts"

export interface OutputFlags {
  readonly html: string | undefined
  readonly trace: string | undefined
  readonly force: boolean
}

const none: Outputs = { sinksFor: () => ({}), finish: Effect.succeed([]) }

/** The files `--html` and `--trace` name, as the same-file check takes them. */
const namedOutputs = (io: CliIO, flags: OutputFlags): Array<NamedFile> =>
  (
    [
      ["--html", flags.html],
      ["--trace", flags.trace],
    ] as const
  ).flatMap(([flag, typed]) => (typed === undefined ? [] : [namedFile(io, flag, userPath(io, typed))]))

/**
 * The outputs, opened before any run; `others` are the command's other files (its recordings, or
 * the recording it reads), none of which may be one of the outputs.
 */
export const outputFiles = (
  io: CliIO,
  flags: OutputFlags,
  others: ReadonlyArray<NamedFile> = [],
): Effect.Effect<Outputs, UsageError, Scope.Scope> => {
  const clash = sameFileRefusal([...others, ...namedOutputs(io, flags)])
  if (clash !== undefined) return Effect.fail(clash)
  return flags.html === undefined && flags.trace === undefined
    ? Effect.succeed(none)
    : Effect.flatMap(
        Effect.promise(() => import("../run/outputs.ts")),
        (module) =>
          module.openOutputs({
            html: flags.html === undefined ? undefined : userPath(io, flags.html),
            trace: flags.trace === undefined ? undefined : userPath(io, flags.trace),
            force: flags.force,
          }),
      )
}

/** "Page: run1.html" and "Trace: run1.trace.json", one line each, as the files were written. */
export const writtenNotes = (io: CliIO, flags: OutputFlags, written: ReadonlyArray<string>): string => {
  const labels = [
    ...(flags.html === undefined ? [] : ["Page"]),
    ...(flags.trace === undefined ? [] : ["Trace"]),
  ]
  return written.map((file, index) => `${labels[index]}: ${displayPath(io, file)}\n`).join("")
}
