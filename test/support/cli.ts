/** Runs the real command line in-process, with captured output and a throw-away project folder. */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as NodeServices from "@effect/platform-node/NodeServices"
import * as Effect from "effect/Effect"
import { runCli } from "../../src/cli/commands.ts"
import { CliIO, type StopSignal } from "../../src/cli/io.ts"

export interface CliResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  readonly directory: string
}

/** A new empty folder, inside the test run's own (removed when the run ends: test/support/temporaryRoot.ts). */
export const makeTempDirectory = (): string =>
  fs.mkdtempSync(path.join(process.env.PRODCON_TEST_ROOT ?? os.tmpdir(), "prodcon-test-"))

export const runCliCaptured = (
  args: ReadonlyArray<string>,
  options: {
    readonly directory?: string
    readonly env?: Record<string, string>
    readonly tty?: boolean
    /** stderr is a terminal (where the progress line shows). */
    readonly stderrTTY?: boolean
    /** The wall clock the progress line reads. */
    readonly wallMillis?: () => number
    /** Sees stdout as it is written, for tests of pacing. */
    readonly onStdout?: (text: string) => void
    /** Completes when the user "presses Enter". */
    readonly enter?: Effect.Effect<void>
    /** Completes to ask the command to stop, as this signal would. */
    readonly stop?: { readonly requested: Effect.Effect<void>; readonly signal: StopSignal }
    /** Completes when standard output is to be seen as closed (its reader gone). */
    readonly stdoutClosed?: Effect.Effect<void>
  } = {},
) =>
  Effect.gen(function* () {
    const directory = options.directory ?? makeTempDirectory()
    let stdout = ""
    let stderr = ""
    let stopped: StopSignal | undefined
    const stop = options.stop
    const stopRequested =
      stop === undefined
        ? Effect.never
        : Effect.tap(stop.requested, () => Effect.sync(() => (stopped = stop.signal)))
    const io: CliIO = {
      stdout: (text) => {
        stdout += text
        options.onStdout?.(text)
      },
      stderr: (text) => {
        stderr += text
      },
      stdoutIsTTY: options.tty ?? false,
      stderrIsTTY: options.stderrTTY ?? false,
      env: options.env ?? {},
      userDirectory: directory,
      projectDirectory: directory,
      stopRequested,
      stopSignal: () => stopped,
      enterPressed: options.enter ?? Effect.never,
      wallMillis: options.wallMillis ?? (() => 0),
      stdoutClosed: options.stdoutClosed ?? Effect.never,
    }
    const code = yield* runCli(args).pipe(
      Effect.provideService(CliIO, io),
      Effect.provide(NodeServices.layer),
    )
    return { code, stdout, stderr, directory } satisfies CliResult
  })

/** Every file under a folder, relative names, so a test can say "nothing was written". */
export const listFiles = (directory: string): ReadonlyArray<string> =>
  fs.existsSync(directory) ? fs.readdirSync(directory, { recursive: true }).map(String).sort() : []

const controlCharacter =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/

/** True when text holds a control character other than newline (what a terminal would act on), or a bidi control. */
export const hasControlCharacters = (text: string): boolean => controlCharacter.test(text)
