/**
 * The command line: flag definitions (names and defaults as CONTRACT.md fixes them), help text, and
 * the mapping from every failure to one line on stderr and an exit code.
 */
import * as Cause from "effect/Cause"
import * as CliError from "effect/cli/CliError"
import * as CliOutput from "effect/cli/CliOutput"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { UsageError } from "../scenario/errors.ts"
import {
  clocks,
  defaultProcess,
  defaultProduce,
  defaultSeed,
  modes,
  whenFullStrategies,
} from "../scenario/scenario.ts"
import { CliIO } from "./io.ts"
import { simulate } from "./simulate.ts"
import { productVersion } from "./version.ts"

const optionalInt = (name: string, description: string) =>
  Flag.Int(name).pipe(Flag.withDescription(description), Flag.optional)
const optionalString = (name: string, description: string) =>
  Flag.String(name).pipe(Flag.withDescription(description), Flag.optional)
const toggle = (name: string, description: string) =>
  Flag.Boolean(name).pipe(Flag.withDescription(description), Flag.withDefault(false))

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
  out: optionalString("out", "where the recording goes (default recordings/runN.json, the next free N)"),
  force: toggle("force", "allow --out to replace an existing file"),
  json: toggle("json", "print only the statistics object, as JSON"),
  quiet: toggle("quiet", "no per-event lines; the statistics are still printed"),
  noColor: toggle("no-color", "never colour the output (NO_COLOR does the same)"),
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
    out: Option.getOrUndefined(flags.out),
    force: flags.force,
    verbosity: flags.json ? "json" : flags.quiet ? "quiet" : "full",
    noColor: flags.noColor,
  }),
).pipe(
  Command.withDescription(
    "Run one producer/consumer simulation, print it as the course's program does, then its statistics, and write a recording. " +
      "DIST is a duration (500ms, 1.5s), uniform(A,B) or exp(M). DURATION is a number with us, ms, s or m.",
  ),
  Command.withExamples([
    { command: "simulate --mode sync", description: "the synchronous lecture run (~30 s of virtual time)" },
    {
      command: "simulate --mode async --seed 7 --out run.json",
      description: "another seed, to a chosen file",
    },
    { command: "simulate --clock live", description: "the same program on the real clock" },
  ]),
)

const root = Command.make("prodcon").pipe(
  Command.withDescription("Deterministic simulator of the producer/consumer pattern"),
  Command.withSubcommands([simulateCommand]),
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
          io.stderr(`prodcon: ${error.message}\n`)
          return 2
        }
        // Already reported by the presenter.
        if (CliError.isCliError(error)) return 2
        if (Cause.hasInterruptsOnly(cause)) return yield* Effect.interrupt
        io.stderr(`prodcon: internal error, please report it: ${Cause.pretty(cause)}\n`)
        return 1
      }),
    ),
  )
