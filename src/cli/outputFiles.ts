/**
 * The output files (`--html`, `--trace`: run/outputs.ts lists them) as the CLI asks for them:
 * checked against the command's other files, opened before any run, and named in the closing notes.
 */
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import type { UsageError } from "../errors.ts"
import { type NamedFile, sameFileRefusal } from "../files/sameFile.ts"
import {
  noOutputs,
  type OutputRequest,
  type Outputs,
  openOutputs,
  outputKinds,
  type WrittenOutput,
} from "../run/outputs.ts"
import { type CliIO, displayPath, namedFile, userPath } from "./io.ts"

export type OutputFlags = { readonly [Flag in (typeof outputKinds)[number]["flag"]]: string | undefined } & {
  readonly force: boolean
}

/** The outputs the flags ask for, with the absolute path of each. */
export const requestedOutputs = (io: CliIO, flags: OutputFlags): ReadonlyArray<OutputRequest> =>
  outputKinds.flatMap((kind) => {
    const typed = flags[kind.flag]
    return typed === undefined ? [] : [{ kind, path: userPath(io, typed) }]
  })

/**
 * The outputs, opened before any run; `others` are the command's other files (its recordings, or
 * the recording it reads), none of which may be one of the outputs.
 */
export const outputFiles = (
  io: CliIO,
  flags: OutputFlags,
  others: ReadonlyArray<NamedFile> = [],
): Effect.Effect<Outputs, UsageError, Scope.Scope> => {
  const requests = requestedOutputs(io, flags)
  const named = requests.map(({ kind, path }) => namedFile(io, `--${kind.flag}`, path))
  const clash = sameFileRefusal([...others, ...named])
  if (clash !== undefined) return Effect.fail(clash)
  return requests.length === 0 ? Effect.succeed(noOutputs) : openOutputs(requests, flags.force)
}

/** "Page: run1.html" and "Trace: run1.trace.json", one line each, as the files were written. */
export const writtenNotes = (io: CliIO, written: ReadonlyArray<WrittenOutput>): string =>
  written.map(({ label, path }) => `${label}: ${displayPath(io, path)}\n`).join("")
