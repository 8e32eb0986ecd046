/**
 * The terminal and process the CLI talks to. The real process is set up by main.ts; tests provide
 * their own to capture output and to ask for a stop (a signal, or Enter).
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { format } from "node:util"
import type * as Console from "effect/Console"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import { sanitizeForTerminal } from "../core/render/sanitize.ts"
import type { NamedFile } from "../files/sameFile.ts"
import type { StopSignal } from "../run/stopRequests.ts"

export { type StopSignal, stopSignals } from "../run/stopRequests.ts"

export interface CliIO {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly stdoutIsTTY: boolean
  readonly stderrIsTTY: boolean
  readonly env: Readonly<Record<string, string | undefined>>
  /** Where the user stands: paths they type are relative to it. */
  readonly userDirectory: string
  /** The project root, where the default `recordings/` folder lives. */
  readonly projectDirectory: string
  /** Completes when the user asks the program to stop (Ctrl-C, SIGTERM, a closed terminal). */
  readonly stopRequested: Effect.Effect<void>
  /** The signal that asked for the stop, once one has. */
  readonly stopSignal: () => StopSignal | undefined
  /**
   * Completes when the user presses Enter (a line ends on stdin). Stdin is read only while this is
   * awaited; if it is closed, ends or fails, this never completes.
   */
  readonly enterPressed: Effect.Effect<void>
  /** Wall-clock milliseconds, which the progress line reads (a run's own clock may be virtual). */
  readonly wallMillis: () => number
  /** Completes when nobody reads standard output any more (a closed pipe, as after `| head -1`). */
  readonly stdoutClosed: Effect.Effect<void>
}

const sameFolder = (a: string, b: string): boolean => {
  if (path.resolve(a) === path.resolve(b)) return true
  try {
    return fs.realpathSync(a) === fs.realpathSync(b)
  } catch {
    return false
  }
}

/**
 * Where the user stands. npm runs a script from the package's folder and leaves the user's own in
 * INIT_CWD; that holds only while the process still runs where npm started it. Anywhere else (a
 * script that changed folder, a tool started from another script) INIT_CWD is stale.
 */
export const userDirectoryOf = (env: Readonly<Record<string, string | undefined>>, cwd: string): string => {
  const { INIT_CWD: initial, npm_package_json: manifest } = env
  return initial !== undefined && manifest !== undefined && sameFolder(path.dirname(manifest), cwd)
    ? initial
    : cwd
}

// Paused again when no longer awaited, stdin does not keep the process alive.
const enterOnStdin: Effect.Effect<void> = Effect.callback<void>((resume) => {
  const stdin = process.stdin
  const onData = (chunk: Buffer | string) => {
    if (chunk.includes("\n")) resume(Effect.void)
  }
  const onError = () => {}
  stdin.on("data", onData)
  stdin.on("error", onError)
  stdin.resume()
  return Effect.sync(() => {
    stdin.off("data", onData)
    stdin.pause()
  })
})

const unsignalledProcess = (): CliIO => ({
  stdout: (text) => {
    process.stdout.write(text)
  },
  stderr: (text) => {
    process.stderr.write(text)
  },
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  env: process.env,
  userDirectory: userDirectoryOf(process.env, process.cwd()),
  projectDirectory: process.cwd(),
  stopRequested: Effect.never,
  stopSignal: () => undefined,
  enterPressed: enterOnStdin,
  wallMillis: () => performance.now(),
  stdoutClosed: Effect.never,
})

export const CliIO = Context.Reference<CliIO>("prodcon-sim/cli/CliIO", { defaultValue: unsignalledProcess })

/** The real process: its output guarded by main.ts, its stop signals listened to. */
export const processIO = (
  overrides: Pick<CliIO, "stdout" | "stderr" | "stopRequested" | "stopSignal" | "stdoutClosed">,
): CliIO => ({
  ...unsignalledProcess(),
  ...overrides,
})

/** A path the user typed, made absolute against their own directory. */
export const userPath = (io: CliIO, typed: string): string => path.resolve(io.userDirectory, typed)

/**
 * A path as the user would like to read it: relative to where they stand when it is below it, and
 * harmless on a terminal (a name may hold control characters).
 */
export const displayPath = (io: CliIO, absolute: string): string => {
  const relative = path.relative(io.userDirectory, absolute)
  return sanitizeForTerminal(
    relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? absolute : relative,
  )
}

/** A file a command names (its flag, where it is, how the user reads it), for the same-file check. */
export const namedFile = (io: CliIO, flag: string, absolute: string): NamedFile => ({
  flag,
  path: absolute,
  shown: displayPath(io, absolute),
})

/**
 * A console that writes through `io` (Effect's CLI prints its help and version with `Console.log`):
 * so that output too is guarded, and a failure to write it reported.
 */
export const consoleOf = (io: CliIO): Console.Console =>
  Object.assign(Object.create(console), {
    log: (...args: ReadonlyArray<unknown>) => io.stdout(`${format(...args)}\n`),
    info: (...args: ReadonlyArray<unknown>) => io.stdout(`${format(...args)}\n`),
    error: (...args: ReadonlyArray<unknown>) => io.stderr(`${format(...args)}\n`),
    warn: (...args: ReadonlyArray<unknown>) => io.stderr(`${format(...args)}\n`),
  })
