/**
 * The terminal and process the CLI talks to. The default is the real process; tests provide their
 * own to capture output.
 */
import * as path from "node:path"
import * as Context from "effect/Context"

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
}

const processIO = (): CliIO => ({
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
})

export const CliIO = Context.Reference<CliIO>("prodcon-sim/cli/CliIO", { defaultValue: processIO })

/** A path the user typed, made absolute against their own directory. */
export const userPath = (io: CliIO, typed: string): string => path.resolve(io.userDirectory, typed)

/** A path as the user would like to read it: relative to where they stand when it is below it. */
export const displayPath = (io: CliIO, absolute: string): string => {
  const relative = path.relative(io.userDirectory, absolute)
  return relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? absolute : relative
}

/**
 * Collects output and writes it in large pieces: a virtual run prints thousands of lines in
 * milliseconds. A live run flushes every line so the user sees it as it happens.
 */
export const bufferedWriter = (write: (text: string) => void, options: { readonly immediate: boolean }) => {
  let pending = ""
  const flush = () => {
    if (pending.length > 0) write(pending)
    pending = ""
  }
  return {
    write: (text: string) => {
      pending += text
      if (options.immediate || pending.length >= 1 << 16) flush()
    },
    flush,
  }
}
