/**
 * The terminal and process the CLI talks to. The real process is set up by main.ts; tests provide
 * their own to capture output and to ask for a stop (a signal, or Enter).
 */
import * as path from "node:path"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"

/** The signals that ask a run to stop where it stands; each gives its conventional exit code. */
export const stopSignals = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const
export type StopSignal = keyof typeof stopSignals

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
  // npm runs scripts from the project root and leaves the user's directory in INIT_CWD.
  userDirectory: process.env.INIT_CWD ?? process.cwd(),
  projectDirectory: process.cwd(),
  stopRequested: Effect.never,
  stopSignal: () => undefined,
  enterPressed: enterOnStdin,
  wallMillis: () => performance.now(),
})

export const CliIO = Context.Reference<CliIO>("prodcon-sim/cli/CliIO", { defaultValue: unsignalledProcess })

/** The real process, its stop signals listened to. */
export const processIO = (
  stopRequested: Effect.Effect<void>,
  stopSignal: () => StopSignal | undefined,
): CliIO => ({
  ...unsignalledProcess(),
  stopRequested,
  stopSignal,
})

/** A path the user typed, made absolute against their own directory. */
export const userPath = (io: CliIO, typed: string): string => path.resolve(io.userDirectory, typed)

/** A path as the user would like to read it: relative to where they stand when it is below it. */
export const displayPath = (io: CliIO, absolute: string): string => {
  const relative = path.relative(io.userDirectory, absolute)
  return relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? absolute : relative
}
