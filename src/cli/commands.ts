/**
 * The command line: flag definitions (names and defaults as CONTRACT.md fixes them), help text, and
 * the mapping from every failure to one line on stderr and an exit code.
 */
import * as Cause from "effect/Cause"
import * as Argument from "effect/cli/Argument"
import * as CliError from "effect/cli/CliError"
import * as CliOutput from "effect/cli/CliOutput"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { sanitizeForTerminal } from "../render/sanitize.ts"
import { UsageError } from "../scenario/errors.ts"
import {
  clocks,
  defaultProcess,
  defaultProduce,
  defaultSeed,
  modes,
  whenFullStrategies,
} from "../scenario/scenario.ts"
import { ExitCode } from "./exitCode.ts"
import { CliIO } from "./io.ts"
import type { ReplayOptions } from "./replay.ts"
import type { SimulateOptions } from "./simulate.ts"
import { productVersion } from "./version.ts"

const optionalInt = (name: string, description: string) =>
  Flag.Int(name).pipe(Flag.withDescription(description), Flag.optional)
const optionalString = (name: string, description: string) =>
  Flag.String(name).pipe(Flag.withDescription(description), Flag.optional)
const toggle = (name: string, description: string) =>
  Flag.Boolean(name).pipe(Flag.withDescription(description), Flag.withDefault(false))

// Flags that simulate and replay share: what to print and how.
const viewFlags = {
  json: toggle("json", "print only the statistics object, as JSON"),
  quiet: toggle("quiet", "print only the statistics block, no per-event lines"),
  timestamps: toggle("timestamps", "prefix each line with its virtual time, in seconds"),
  noColor: toggle("no-color", "never colour the output (NO_COLOR does the same)"),
}

const verbosityOf = (flags: { readonly json: boolean; readonly quiet: boolean }) =>
  flags.json ? "json" : flags.quiet ? "quiet" : "full"

// Each command's code is loaded only when that command runs: start-up time is most of a short run.
const simulate = (options: SimulateOptions) =>
  Effect.flatMap(
    Effect.promise(() => import("./simulate.ts")),
    (module) => module.simulate(options),
  )
const replay = (options: ReplayOptions) =>
  Effect.flatMap(
    Effect.promise(() => import("./replay.ts")),
    (module) => module.replay(options),
  )

const simulateFlags = {
  mode: Flag.Literals("mode", modes).pipe(
    Flag.withDescription("which course program to reproduce (default async)"),
    Flag.optional,
  ),
  producers: optionalInt("producers", "producer count (default: sync 1, other modes 2)"),
  items: optionalInt("items", "items per producer (default 20)"),
  consumers: optionalInt("consumers", "consumer count (default 1)"),
  capacity: optionalInt("capacity", "queue bound; absent means unbounded (trio: 10)"),
  whenFull: Flag.Literals("when-full", whenFullStrategies).pipe(
    Flag.withDescription(
      "what a full queue does to an offer: wait, refuse the item, or evict the oldest (default suspend)",
    ),
    Flag.optional,
  ),
  produce: optionalString("produce", `producer's pause after each item, DIST (default ${defaultProduce})`),
  process: optionalString("process", `consumer's time per item, DIST (default ${defaultProcess})`),
  timeout: optionalString("timeout", "cancel the run at this time, DURATION or none (default none; trio 5s)"),
  seed: optionalInt("seed", `seed of the random draws (default ${defaultSeed})`),
  clock: Flag.Literals("clock", clocks).pipe(
    Flag.withDescription("virtual: the run takes milliseconds; live: the real clock (default virtual)"),
    Flag.optional,
  ),
  scenario: optionalString(
    "scenario",
    "a JSON file with any of these flags (or a recording); flags given here win",
  ),
  compare: optionalString(
    "compare",
    "run the same seed through these modes (comma-separated, e.g. sync,async,threads) and print one table",
  ),
  out: optionalString("out", "where the recording goes (default recordings/runN.json, the next free N)"),
  force: toggle("force", "allow --out to replace an existing file"),
  ...viewFlags,
}

const simulateCommand = Command.make("simulate", simulateFlags, (flags) =>
  simulate({
    scenario: {
      mode: Option.getOrUndefined(flags.mode),
      producers: Option.getOrUndefined(flags.producers),
      items: Option.getOrUndefined(flags.items),
      consumers: Option.getOrUndefined(flags.consumers),
      capacity: Option.getOrUndefined(flags.capacity),
      whenFull: Option.getOrUndefined(flags.whenFull),
      produce: Option.getOrUndefined(flags.produce),
      process: Option.getOrUndefined(flags.process),
      timeout: Option.getOrUndefined(flags.timeout),
      seed: Option.getOrUndefined(flags.seed),
      clock: Option.getOrUndefined(flags.clock),
    },
    scenarioFile: Option.getOrUndefined(flags.scenario),
    compare: Option.getOrUndefined(flags.compare),
    out: Option.getOrUndefined(flags.out),
    force: flags.force,
    verbosity: verbosityOf(flags),
    timestamps: flags.timestamps,
    noColor: flags.noColor,
  }),
).pipe(
  Command.withDescription(
    "Run one producer/consumer simulation, print it as the course's program does, then its statistics, and write a recording. " +
      "DIST is a duration (500ms, 1.5s), uniform(A,B), exp(M) or lognormal(M,S). DURATION is a number with us, ms, s or m.",
  ),
  Command.withExamples([
    { command: "simulate --mode sync", description: "the synchronous lecture run (~30 s of virtual time)" },
    {
      command: "simulate --mode async --seed 7 --out run.json",
      description: "another seed, to a chosen file",
    },
    { command: "simulate --clock live", description: "the same program on the real clock" },
    { command: "simulate --compare sync,async,threads", description: "the course's lesson as one table" },
    {
      command: "simulate --scenario recordings/run1.json --seed 2",
      description: "a recorded scenario, another seed",
    },
  ]),
)

const replayCommand = Command.make(
  "replay",
  {
    file: Argument.String("recording").pipe(Argument.withDescription("the recording to show (a .json file)")),
    speed: Flag.Finite("speed").pipe(
      Flag.withDescription(
        "play on the real clock at this multiple of the recorded pace (1 = as it happened)",
      ),
      Flag.optional,
    ),
    maxIdle: optionalString("max-idle", "cap every pause at this DURATION when playing (implies --speed 1)"),
    from: optionalString("from", "show and count only from this virtual time, a DURATION"),
    until: optionalString("until", "show and count only before this virtual time, a DURATION"),
    verify: toggle("verify", "run the recorded scenario again and compare, event by event"),
    ...viewFlags,
  },
  (flags) =>
    replay({
      file: flags.file,
      speed: Option.getOrUndefined(flags.speed),
      maxIdle: Option.getOrUndefined(flags.maxIdle),
      from: Option.getOrUndefined(flags.from),
      until: Option.getOrUndefined(flags.until),
      verbosity: verbosityOf(flags),
      timestamps: flags.timestamps,
      verify: flags.verify,
      noColor: flags.noColor,
    }),
).pipe(
  Command.withDescription(
    "Show a recording again: the same lines and statistics simulate printed, instantly or at its own pace, whole or a window of it.",
  ),
  Command.withExamples([
    { command: "replay recordings/run1.json", description: "the run again, instantly" },
    {
      command: "replay recordings/run1.json --speed 4 --max-idle 1s",
      description: "at 4x, no pause above 1 s",
    },
    {
      command: "replay recordings/run1.json --from 5s --until 10s",
      description: "seconds 5 to 10, and their statistics",
    },
    {
      command: "replay recordings/run1.json --verify",
      description: "does the current code still make this run?",
    },
  ]),
)

const root = Command.make("prodcon").pipe(
  Command.withDescription("Deterministic simulator of the producer/consumer pattern"),
  Command.withSubcommands([simulateCommand, replayCommand]),
)

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, " ").trim()

// Invalid invocations get one line, not the whole help; --help still prints the help.
const presenter: CliOutput.Presenter = {
  present: (event) => {
    if (event._tag !== "InvalidInvocation") return CliOutput.defaultPresenter.present(event)
    return Effect.gen(function* () {
      const io = yield* CliIO
      const message = event.errors.map((error) => oneLine(error.message)).join("; ")
      io.stderr(`${event.commandPath.join(" ")}: ${message} (see --help)\n`)
    })
  },
}

/** Runs the command line and answers the exit code; never fails, so nothing reaches the user as a stack trace. */
export const runCli = (args: ReadonlyArray<string>) =>
  Command.runWith(root, { version: productVersion })(args).pipe(
    Effect.provideService(CliOutput.Presenter, presenter),
    Effect.as(0),
    Effect.catchCause((cause) =>
      Effect.gen(function* () {
        const io = yield* CliIO
        const error = Cause.squash(cause)
        if (error instanceof UsageError) {
          // Messages can quote a recording, which is untrusted.
          io.stderr(`prodcon: ${sanitizeForTerminal(error.message)}\n`)
          return 2
        }
        if (error instanceof ExitCode) return error.code
        // Already reported by the presenter.
        if (CliError.isCliError(error)) return 2
        if (Cause.hasInterruptsOnly(cause)) return yield* Effect.interrupt
        io.stderr(`prodcon: internal error, please report it: ${Cause.pretty(cause)}\n`)
        return 1
      }),
    ),
  )
