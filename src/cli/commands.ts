/**
 * The command line: flag definitions, help text and examples, and one line on stderr for an
 * invocation Effect's CLI refuses. Each command's code is loaded only when it runs: start-up is
 * most of a short run.
 */

import * as Console from "effect/Console"
import * as Argument from "effect/cli/Argument"
import * as CliOutput from "effect/cli/CliOutput"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import { RunPlatform } from "../core/engine/runPlatform.ts"
import { distributionForms } from "../core/scenario/distribution.ts"
import { durationForms } from "../core/scenario/duration.ts"
import {
  clocks,
  defaultProcess,
  defaultProduce,
  defaultSeed,
  modes,
  whenFullStrategies,
} from "../core/scenario/scenario.ts"
import { parseWholeNumber, wholeNumberMeanings } from "../core/scenario/wholeNumberText.ts"
import { replicationsMeaning } from "../core/sweep/plan.ts"
import { productVersion } from "../core/version.ts"
import { UsageError } from "../errors.ts"
import { nodePlatform } from "../run/nodePlatform.ts"
import { dashValueProblem } from "./dashValues.ts"
import { failureCode, successCode } from "./exitCodes.ts"
import { CliIO, consoleOf } from "./io.ts"
import { flagsNpmKept, settingsNpmMayHaveKept } from "./npmScripts.ts"
import { presenter } from "./presenter.ts"
import { spacedListProblem } from "./spacedList.ts"

const optional = <A>(flag: Flag.Flag<A>, description: string) =>
  flag.pipe(Flag.withDescription(description), Flag.optional, Flag.map(Option.getOrUndefined))
/** A flag that names a file or folder: an empty one (`--out ""`) would name the current folder. */
const pathFlag = (name: string) =>
  Flag.String(name).pipe(
    Flag.filter(
      (text) => text !== "",
      () => "a path, not an empty string",
    ),
  )
/**
 * A flag that takes a whole number; `meaning` says what the number is, for the message that
 * refuses a value (it follows the library's "Expected: "), as the playground's fields say it too
 * (core/scenario/wholeNumberText.ts).
 */
const wholeFlag = (name: string, meaning: string) =>
  Flag.String(name).pipe(
    Flag.withMetavar("integer"),
    Flag.filterMap(
      (text) => {
        const parsed = parseWholeNumber(text, meaning)
        return Result.isSuccess(parsed) ? Option.some(parsed.success) : Option.none()
      },
      (text) => {
        const parsed = parseWholeNumber(text, meaning)
        return Result.isFailure(parsed) ? parsed.failure : meaning
      },
    ),
  )

const toggle = (name: string, description: string) =>
  Flag.Boolean(name).pipe(Flag.withDescription(description), Flag.withDefault(false))

// The page and the trace, which simulate and replay can also write; `also` is what simulate adds
// (replay has no --compare, so its help does not speak of one).
const outputFlags = (also: { readonly html: string; readonly trace: string }) => ({
  html: optional(pathFlag("html"), `also write the run as a self-contained HTML player${also.html}`),
  trace: optional(
    pathFlag("trace"),
    `also write a Chrome trace-event JSON file, for Perfetto (ui.perfetto.dev)${also.trace}`,
  ),
})

// What simulate and replay print, and how.
const viewFlags = {
  json: toggle("json", "print only the statistics object, as JSON"),
  quiet: toggle("quiet", "print only the statistics block, no per-event lines"),
  timestamps: toggle("timestamps", "prefix each line with its virtual time, in seconds"),
  actors: toggle("actors", "prefix each line with its actor (producer-2, consumer-1)"),
  noColor: toggle("no-color", "never colour the output (NO_COLOR does the same)"),
}

const repeated = (name: string, description: string) =>
  Flag.String(name).pipe(Flag.withDescription(description), Flag.atLeast(0))

/** The scenario, as simulate and sweep take it. */
const scenarioFlags = {
  mode: optional(Flag.Literals("mode", modes), "which course program to reproduce (default async)"),
  producers: optional(
    wholeFlag("producers", wholeNumberMeanings.producers),
    "producer count (default: sync 1, other modes 2)",
  ),
  items: optional(wholeFlag("items", wholeNumberMeanings.items), "items per producer (default 20)"),
  consumers: optional(wholeFlag("consumers", wholeNumberMeanings.consumers), "consumer count (default 1)"),
  capacity: optional(
    wholeFlag("capacity", wholeNumberMeanings.capacity),
    "queue bound; absent means unbounded (trio: 10)",
  ),
  whenFull: optional(
    Flag.Literals("when-full", whenFullStrategies),
    "what a full queue does to an offer: wait, refuse the item, or evict the oldest (default suspend)",
  ),
  produce: optional(
    Flag.String("produce"),
    `producer's pause after each item, DIST (default ${defaultProduce})`,
  ),
  process: optional(Flag.String("process"), `consumer's time per item, DIST (default ${defaultProcess})`),
  timeout: optional(
    Flag.String("timeout"),
    "cancel the run at this time, DURATION or none (default none; trio 5s)",
  ),
  seed: optional(
    wholeFlag("seed", wholeNumberMeanings.seed),
    `seed of the random draws (default ${defaultSeed})`,
  ),
  clock: optional(
    Flag.Literals("clock", clocks),
    "virtual: the run takes milliseconds; live: the real clock (default virtual)",
  ),
  stage: repeated(
    "stage",
    'NAME:KEY=VALUE,...: a pipeline stage, repeatable, in order (keys workers, process, capacity, when-full, fail, retries, backoff, next), e.g. --stage "parse:workers=2,process=exp(150ms)"',
  ),
  scenario: optional(
    pathFlag("scenario"),
    "a JSON file with any of these flags (or a recording); flags given here win",
  ),
}
export type ScenarioFlags = Command.Command.Config.Infer<typeof scenarioFlags>

const simulateFlags = {
  ...scenarioFlags,
  compare: optional(
    Flag.String("compare"),
    "run the same seed through these modes (comma-separated, e.g. sync,async,threads) and print one table",
  ),
  out: optional(
    pathFlag("out"),
    "where the recording goes (default recordings/runN.json, the next free N); .json.zst or .json.gz compresses it",
  ),
  force: toggle("force", "allow --out, --html and --trace to replace an existing file"),
  noRecord: toggle("no-record", "write no recording, for runs that only want the figures"),
  ...outputFlags({
    html: " (with --compare: every mode)",
    trace: " (with --compare: every mode in one file)",
  }),
  ...viewFlags,
}
export type SimulateFlags = Command.Command.Config.Infer<typeof simulateFlags>

const replayFlags = {
  file: Argument.String("recording").pipe(Argument.withDescription("the recording to show (a .json file)")),
  speed: optional(
    Flag.Finite("speed"),
    "play on the real clock at this multiple of the recorded pace (1 = as it happened)",
  ),
  maxIdle: optional(
    Flag.String("max-idle"),
    "cap every pause at this DURATION when playing (implies --speed 1)",
  ),
  from: optional(Flag.String("from"), "show and count only from this virtual time, a DURATION"),
  until: optional(Flag.String("until"), "show and count only before this virtual time, a DURATION"),
  verify: toggle("verify", "run the recorded scenario again and compare, event by event"),
  force: toggle("force", "allow --html and --trace to replace an existing file"),
  ...outputFlags({ html: "", trace: "" }),
  ...viewFlags,
}
export type ReplayFlags = Command.Command.Config.Infer<typeof replayFlags>

const simulateCommand = Command.make("simulate", simulateFlags, (flags) =>
  Effect.flatMap(
    Effect.promise(() => import("./simulate.ts")),
    (module) => module.simulate(flags),
  ),
).pipe(
  Command.withDescription(
    "Run one producer/consumer simulation, print it as the course's program does, then its statistics, and write a recording. " +
      `DIST is ${distributionForms}. DURATION is ${durationForms}.`,
  ),
  Command.withExamples([
    {
      command: "npm run simulate -- --mode sync",
      description: "the synchronous lecture run (~30 s of virtual time)",
    },
    {
      command: "npm run simulate -- --mode async --seed 7 --out run.json",
      description: "another seed, to a chosen file",
    },
    { command: "npm run simulate -- --clock live", description: "the same program on the real clock" },
    {
      command: "npm run simulate -- --compare sync,async,threads",
      description: "the course's lesson as one table",
    },
    {
      command: "npm run simulate -- --scenario recordings/run1.json --seed 2",
      description: "a recorded scenario, another seed",
    },
  ]),
)

const replayCommand = Command.make("replay", replayFlags, (flags) =>
  Effect.flatMap(
    Effect.promise(() => import("./replay.ts")),
    (module) => module.replay(flags),
  ),
).pipe(
  Command.withDescription(
    "Show a recording again: the same lines and statistics simulate printed, instantly or at its own pace, whole or a window of it.",
  ),
  Command.withExamples([
    { command: "npm run replay recordings/run1.json", description: "the run again, instantly" },
    {
      command: "npm run replay recordings/run1.json -- --speed 4 --max-idle 1s",
      description: "at 4x, no pause above 1 s",
    },
    {
      command: "npm run replay recordings/run1.json -- --from 5s --until 10s",
      description: "seconds 5 to 10, and their statistics",
    },
    {
      command: "npm run replay recordings/run1.json -- --verify",
      description: "does the current code still make this run?",
    },
  ]),
)

const sweepFlags = {
  ...scenarioFlags,
  vary: repeated(
    "vary",
    "NAME=V1,V2,...: a simulate flag's values to try (repeatable: the grid is the product)",
  ),
  replications: optional(
    wholeFlag("replications", replicationsMeaning),
    "independent runs of each configuration, at least 2 (default 10)",
  ),
  warmup: optional(Flag.String("warmup"), "count statistics only from this virtual time on, a DURATION"),
  target: repeated("target", '"METRIC OP VALUE", e.g. "latency.p99<=500ms" (repeatable)'),
  workers: optional(
    wholeFlag("workers", "a count of worker threads, a whole number such as 2"),
    "runs at once: this thread, and worker threads started when the runs left repay their start-up (default: one per core)",
  ),
  shard: optional(
    Flag.String("shard"),
    "run only share K of N, K/N, for --merge later; auto/N takes K from the batch system (Kubernetes, Slurm, GNU parallel)",
  ),
  outDir: optional(
    pathFlag("out-dir"),
    "with --shard: write the share to DIR/share-K-of-N.json (a share already there is kept, and not run again)",
  ),
  merge: toggle(
    "merge",
    "combine the shares given as arguments (files, or folders of shares) into the sweep's result",
  ),
  missing: toggle(
    "missing",
    "with --merge: print the numbers of the shares not there yet, as a comma list (exit 3)",
  ),
  shares: Argument.String("share").pipe(
    Argument.withDescription("with --merge: the shares' result files, or folders holding them"),
    Argument.variadic(),
  ),
  json: toggle("json", "print the result as JSON"),
  csv: toggle("csv", "print the result as CSV"),
  out: optional(pathFlag("out"), "also write the full result (JSON) to this file"),
  html: optional(
    pathFlag("html"),
    "also write a self-contained HTML page: a chart of each metric against the varied parameters, and the figures",
  ),
  force: toggle("force", "allow --out and --html to replace an existing file"),
  record: optional(pathFlag("record"), "keep every replication's recording in this folder"),
}
export type SweepFlags = Command.Command.Config.Infer<typeof sweepFlags>

const sweepCommand = Command.make("sweep", sweepFlags, (flags) =>
  Effect.flatMap(
    Effect.promise(() => import("./sweep.ts")),
    (module) => module.sweep(flags),
  ),
).pipe(
  Command.withDescription(
    "Answer a sizing question: run every configuration of a grid several times (replications, on every core), " +
      "report each metric's mean with its 95% confidence interval, and whether each target is met.",
  ),
  Command.withExamples([
    {
      command:
        'npm run sweep -- --producers 1 --items 2000 --produce "exp(100ms)" --process "lognormal(250ms,150ms)" --vary consumers=2,3,4,5 --target "latency.p99<=500ms"',
      description: "how many consumers keep the p99 wait under 500 ms",
    },
    {
      command: "npm run sweep -- --vary consumers=2,3 --shard 2/3 --out share2.json",
      description: "one machine's share of a sweep",
    },
    {
      command: "npm run sweep -- --merge share1.json share2.json share3.json",
      description: "the shares combined",
    },
    {
      command: "npm run sweep -- --vary consumers=2,3 --shard auto/8 --out-dir shares",
      description: "a batch system's task (Kubernetes, Slurm, GNU parallel) running its share",
    },
    {
      command: "npm run sweep -- --merge shares --missing",
      description: "the shares still to run, as a comma list",
    },
    {
      command: "npm run sweep -- --vary consumers=2,3 --html sizing.html",
      description: "the result as charts, in one HTML file",
    },
  ]),
)

const playgroundFlags = {
  out: optional(pathFlag("out"), "where the page goes (default playground.html)"),
  force: toggle("force", "allow --out to replace an existing file"),
}
export type PlaygroundFlags = Command.Command.Config.Infer<typeof playgroundFlags>

const playgroundCommand = Command.make("playground", playgroundFlags, (flags) =>
  Effect.flatMap(
    Effect.promise(() => import("./playground.ts")),
    (module) => module.playground(flags),
  ),
).pipe(
  Command.withDescription(
    "Write the playground: one self-contained HTML page that runs the simulator itself (no server, no network), " +
      "with a control for every setting, the run page's player, and the recording simulate would write.",
  ),
  Command.withExamples([
    { command: "npm run playground", description: "writes playground.html; open it in a browser" },
    { command: "npm run playground -- --out class.html --force", description: "another name, replacing it" },
  ]),
)

const root = Command.make("prodcon").pipe(
  Command.withDescription("Deterministic simulator of the producer/consumer pattern"),
  Command.withSubcommands([simulateCommand, replayCommand, sweepCommand, playgroundCommand]),
)

const kebab = (key: string) => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)
const flagNames = [
  ...new Set([
    ...Object.keys(simulateFlags),
    ...Object.keys(replayFlags),
    ...Object.keys(sweepFlags),
    ...Object.keys(playgroundFlags),
  ]),
]
  .filter((key) => key !== "file" && key !== "shares")
  .map(kebab)

/** Runs the command line and answers the exit code; never fails, so nothing reaches the user as a stack trace. */
export const runCli = (args: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const io = yield* CliIO
    const kept = flagsNpmKept(io.env, flagNames)
    if (kept !== undefined) return yield* new UsageError({ message: kept })
    const dashed = dashValueProblem(args)
    if (dashed !== undefined) return yield* new UsageError({ message: dashed })
    const spaced = args[0] === "simulate" ? spacedListProblem(args, { "--compare": modes }) : undefined
    if (spaced !== undefined) return yield* new UsageError({ message: spaced })
    const note = settingsNpmMayHaveKept(io.env, args)
    if (note !== undefined) io.stderr(`${note}\n`)
    yield* Command.runWith(root, { version: productVersion })(args).pipe(
      Effect.provideService(Console.Console, consoleOf(io)),
    )
  }).pipe(
    Effect.provideService(CliOutput.Presenter, presenter),
    // Long runs let Node's event loop turn between their slices, so Ctrl-C and the progress line work.
    Effect.provideService(RunPlatform, nodePlatform),
    Effect.matchCauseEffect({ onSuccess: () => successCode, onFailure: failureCode }),
  )
