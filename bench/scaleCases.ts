/**
 * The bench's cases for scale: compressed recordings at 10^6 items (the run, the
 * file and its replay, each against the plain one, in turn), 10^7 items with no recording and with a
 * zstd one, a sweep's speed on one runner and on one per core, judged by what two plain processes
 * gain side by side, and the sweep as 3 shares against it whole. Each returns the rows it prints;
 * bench.ts runs them.
 */
import * as fs from "node:fs"
import * as zlib from "node:zlib"
import {
  type Case,
  type Compared,
  countEvents,
  inTurn,
  type Measurement,
  type Ratio,
  ratioOfValues,
  Series,
  series,
} from "./measure.ts"

export interface ScaleContext {
  readonly scriptCommand: (script: string) => Array<string>
  readonly repeats: number
  readonly projectRoot: string
  readonly path: (name: string) => string
}

const removing = (file: string) => () => fs.rmSync(file, { force: true })
/** A folder of shares, removed with what it holds, so that every share of the next repeat runs. */
const emptying = (folder: string) => () => fs.rmSync(folder, { force: true, recursive: true })
const lecture = (items: number) => ["--mode", "async", "--items", String(items / 2), "--quiet"]

/** A compressed run's figures: its median run, and its time over the plain run's, pair by pair. */
export interface CompressedRun {
  readonly run: Measurement
  readonly ratio: Ratio
  readonly cpuRatio: Ratio | undefined
  readonly bytes: number
}

export interface CompressionFigures {
  readonly plain: Measurement
  readonly plainBytes: number
  readonly zstd: CompressedRun | undefined
  readonly gzip: CompressedRun
  /** The replay of the .zst over the replay of the plain file. */
  readonly replayZstd: Compared | undefined
}

const inverse = (ratio: Ratio): Ratio => ({
  median: 1 / ratio.median,
  lowest: 1 / ratio.highest,
  highest: 1 / ratio.lowest,
})

/** 10^6 items written plain, as .zst and as .gz, in turn; then the replay of the .zst against the plain one. */
export const compressionCases = (context: ScaleContext, items: number): CompressionFigures => {
  const simulate = context.scriptCommand("simulate")
  const writing = (name: string): Case => {
    const file = context.path(name)
    return { command: [...simulate, ...lecture(items), "--out", file], before: removing(file) }
  }
  const zstd = typeof zlib.createZstdCompress === "function"
  const names = zstd ? ["run.json.zst", "run.json.gz"] : ["run.json.gz"]
  // Run in turn with the plain run, which inTurn calls the product: its ratios are inverted here.
  const runs = inTurn(writing("plain.json"), names.map(writing), context.repeats, context.projectRoot)
  const sizeOf = (name: string) => fs.statSync(context.path(name)).size
  const compressed = (compared: Compared, name: string): CompressedRun => ({
    run: compared.reference.median,
    ratio: inverse(compared.ratio),
    cpuRatio: compared.cpuRatio === undefined ? undefined : inverse(compared.cpuRatio),
    bytes: sizeOf(name),
  })
  const replay = context.scriptCommand("replay")
  const replayZstd = zstd
    ? inTurn(
        { command: [...replay, context.path("run.json.zst"), "--quiet"] },
        [{ command: [...replay, context.path("plain.json"), "--quiet"] }],
        context.repeats,
        context.projectRoot,
      ).compared[0]
    : undefined
  return {
    plain: runs.product.median,
    plainBytes: sizeOf("plain.json"),
    zstd: zstd ? compressed(runs.compared[0] as Compared, "run.json.zst") : undefined,
    gzip: compressed(runs.compared.at(-1) as Compared, "run.json.gz"),
    replayZstd,
  }
}

export interface TenMillion {
  readonly noRecord: Measurement
  readonly zstd: Measurement | undefined
}

/** 2 x 5,000,000 items, with no recording and with a .zst one (each once or twice: they are long). */
export const tenMillionCases = (context: ScaleContext): TenMillion => {
  const simulate = context.scriptCommand("simulate")
  const repeats = Math.min(context.repeats, 2)
  const file = context.path("ten-million.json.zst")
  const noRecord = series(
    { command: [...simulate, ...lecture(10_000_000), "--no-record"] },
    repeats,
    context.projectRoot,
  )
  const zstd =
    typeof zlib.createZstdCompress === "function"
      ? series(
          { command: [...simulate, ...lecture(10_000_000), "--out", file], before: removing(file) },
          repeats,
          context.projectRoot,
        )
      : undefined
  fs.rmSync(file, { force: true })
  return { noRecord: noRecord.median, zstd: zstd?.median }
}

/**
 * The README's sizing sweep (80 runs), with 100,000 items a run instead of 20,000 so that each
 * worker's start (it loads its code, ~0.3 s) weighs little against the work; on one worker and two.
 */
/** The bench's sweep: 4 configurations x 20 replications of 100,000 items (80 runs of 200,000 events). */
const sweepArgs = [
  "--producers",
  "1",
  "--items",
  "100000",
  "--produce",
  "exp(100ms)",
  "--process",
  "lognormal(250ms,150ms)",
  "--vary",
  "consumers=2,3,4,5",
  "--replications",
  "20",
  "--warmup",
  "60s",
  "--target",
  "latency.p99<=500ms",
]

const shellQuoted = (word: string): string => `'${word.replaceAll("'", "'\\''")}'`

/**
 * What sharding costs: the same sweep as 3 shares run one after another (`--out-dir`, emptied before
 * each repeat so every share runs) over the unsharded sweep, both on 2 workers, in wall and CPU time.
 */
export const shareCases = (context: ScaleContext): Compared => {
  const sweep = [...context.scriptCommand("sweep"), ...sweepArgs, "--workers", "2"]
  const folder = context.path("shares")
  const shares = [1, 2, 3]
    .map((share) => [...sweep, "--shard", `${share}/3`, "--out-dir", folder].map(shellQuoted).join(" "))
    .join(" && ")
  const runs = inTurn(
    { command: ["sh", "-c", `${shares} >/dev/null`], before: emptying(folder) },
    [{ command: sweep }],
    context.repeats,
    context.projectRoot,
  )
  return runs.compared[0] as Compared
}

/** A sweep's speed on one runner and on `runners` (the default, one per core), run in turn. */
export interface SweepSpeed {
  readonly runs: number
  readonly eventsPerRun: number
  readonly one: Measurement
  readonly many: Measurement
  /** The time on one over the time on `runners`, pair by pair. */
  readonly gain: Ratio
}

export interface SweepSpeedFigures {
  readonly runners: number
  readonly small: SweepSpeed
  readonly large: SweepSpeed
  /** What two plain CPU-bound processes side by side gain over one after the other, pair by pair. */
  readonly reference: Ratio
  readonly referenceOne: Measurement
  /** The large sweep's gain over the reference's, turn by turn: the ratio of ratios. */
  readonly largeOverReference: Ratio
}

/** The median of turn-by-turn ratios, and their range. */
const spreadOf = (ratios: ReadonlyArray<number>): Ratio => {
  const sorted = [...ratios].sort((a, b) => a - b)
  return {
    median: sorted[Math.floor(sorted.length / 2)] as number,
    lowest: sorted[0] as number,
    highest: sorted.at(-1) as number,
  }
}

/** The README's sizing sweep, with `items` a run (two events each) and `replications` of each of its four configurations. */
const sizingSweep = (context: ScaleContext, items: number, replications: number) => [
  ...context.scriptCommand("sweep"),
  ...["--producers", "1", "--items", String(items), "--produce", "exp(100ms)"],
  ...["--process", "lognormal(250ms,150ms)", "--vary", "consumers=2,3,4,5"],
  ...["--replications", String(replications), "--warmup", "60s", "--target", "latency.p99<=500ms"],
]

/** Iterations of a plain arithmetic loop: a second or two of one core. */
const busyLoop = (iterations: number) => [
  process.execPath,
  "-e",
  `let x = 1; for (let i = 0; i < ${iterations}; i++) x = (x * 48271) % 2147483647; if (x < 0) console.log(x)`,
]

/**
 * The 1-runner against the `runners`-runner time of a small sweep (20 runs of 40,000 events, where
 * a worker's start-up weighs most) and a large one (80 runs of 200,000), and, in the same turns,
 * two plain CPU-bound processes side by side against one: the machine's own gain from a second
 * process, which on a shared machine varies from run to run, so the sweep's gain is judged by it.
 */
export const sweepSpeedCases = (context: ScaleContext, runners: number): SweepSpeedFigures => {
  const loop = busyLoop(Number(process.env.BENCH_LOOP_ITERATIONS ?? 60_000_000))
  const sideBySide = [
    "sh",
    "-c",
    `${loop.map(shellQuoted).join(" ")} & ${loop.map(shellQuoted).join(" ")} & wait`,
  ]
  const small = sizingSweep(context, 20_000, 5)
  const large = sizingSweep(context, 100_000, 20)
  const workers = (command: ReadonlyArray<string>, count: number): Case => ({
    command: [...command, "--workers", String(count)],
  })
  // One product run and five references a turn, so that a change of load weighs on all alike: the
  // ratios are taken within each turn.
  const runs = inTurn(
    workers(small, 1),
    [
      workers(small, runners),
      workers(large, 1),
      workers(large, runners),
      { command: loop },
      { command: sideBySide },
    ],
    context.repeats,
    context.projectRoot,
  )
  const [smallMany, largeOne, largeMany, loopOne, loopTwo] = runs.compared as ReadonlyArray<Compared>
  const turns = (compared: Compared | undefined) => (compared as Compared).reference.inTurns
  const gains = (one: ReadonlyArray<Measurement>, many: ReadonlyArray<Measurement>) =>
    one.map((run, turn) => run.wallSeconds / (many[turn] as Measurement).wallSeconds)
  const speed = (
    items: number,
    replications: number,
    one: ReadonlyArray<Measurement>,
    many: ReadonlyArray<Measurement>,
  ): SweepSpeed => ({
    runs: 4 * replications,
    eventsPerRun: 2 * items,
    one: new Series(one).median,
    many: new Series(many).median,
    gain: spreadOf(gains(one, many)),
  })
  // Side by side, the two do twice one's work: the gain is twice one's time over theirs.
  const referenceGains = gains(turns(loopOne), turns(loopTwo)).map((gain) => 2 * gain)
  const largeGains = gains(turns(largeOne), turns(largeMany))
  return {
    runners,
    small: speed(20_000, 5, runs.product.inTurns, turns(smallMany)),
    large: speed(100_000, 20, turns(largeOne), turns(largeMany)),
    reference: spreadOf(referenceGains),
    referenceOne: (loopOne as Compared).reference.median,
    largeOverReference: spreadOf(largeGains.map((gain, turn) => gain / (referenceGains[turn] as number))),
  }
}

/**
 * The bench's pipeline: one producer feeding three stages of two workers each, the last one's queue
 * bounded (its workers' upstream neighbours are held now and then). Stable: its busiest stage is
 * busy three quarters of the time, so its queues stay short however many items run.
 */
export const pipelineFlags = [
  "--producers",
  "1",
  "--produce",
  "exp(100ms)",
  "--stage",
  "receive:workers=2,process=exp(60ms)",
  "--stage",
  "parse:workers=2,process=exp(150ms)",
  "--stage",
  "store:workers=2,process=exp(80ms),capacity=10",
]

/** A run's cost per event after start-up, in microseconds of wall and of CPU time. */
export interface PerEvent {
  readonly run: Measurement
  readonly events: number
  readonly wallMicros: number
  readonly cpuMicros: number | undefined
}

/** The pipeline's cost per event over a single queue's, pair by pair. */
export interface AgainstSingle {
  readonly single: PerEvent
  readonly ratio: Ratio
  readonly cpuRatio: Ratio | undefined
}

export interface PipelineFigures {
  readonly pipeline: PerEvent
  /** Against the lecture's async scenario, whose consumer always finds an item waiting. */
  readonly busy: AgainstSingle
  /**
   * Against the same single queue with a consumer that waits for most items, as a pipeline's
   * workers do: a wait suspends the consumer's fiber and an offer resumes it, which the busy
   * consumer never pays.
   */
  readonly waiting: AgainstSingle
}

/** The single queue's consumer at 60% busy (300 ms per item, against 500 ms in the lecture). */
export const waitingConsumerFlags = ["--process", "300ms"]

/**
 * The 3-stage pipeline against the single queue (the lecture's async scenario, and the same with a
 * consumer that waits), `items` each with their recordings written, in turn: each one's cost per
 * event after start-up, and their ratios. A pipeline's item makes more events (ten here, against
 * three), so events, not items, are compared.
 */
export const pipelineCases = (
  context: ScaleContext,
  items: number,
  startup: Measurement,
): PipelineFigures => {
  const simulate = context.scriptCommand("simulate")
  const writing = (name: string, flags: ReadonlyArray<string>): Case => {
    const file = context.path(name)
    return { command: [...simulate, ...flags, "--quiet", "--out", file], before: removing(file) }
  }
  const lecture = ["--mode", "async", "--items", String(items / 2)]
  const runs = inTurn(
    writing("pipeline.json", [...pipelineFlags, "--items", String(items)]),
    [writing("single.json", lecture), writing("waiting.json", [...lecture, ...waitingConsumerFlags])],
    context.repeats,
    context.projectRoot,
  )
  const wallPerEvent = (run: Measurement, events: number) =>
    ((run.wallSeconds - startup.wallSeconds) / events) * 1e6
  const cpuPerEvent = (run: Measurement, events: number) =>
    run.cpuSeconds === undefined || startup.cpuSeconds === undefined
      ? undefined
      : ((run.cpuSeconds - startup.cpuSeconds) / events) * 1e6
  const perEvent = (run: Measurement, events: number): PerEvent => ({
    run,
    events,
    wallMicros: wallPerEvent(run, events),
    cpuMicros: cpuPerEvent(run, events),
  })
  const pipelineEvents = countEvents(context.path("pipeline.json"))
  const against = (compared: Compared, file: string): AgainstSingle => {
    const singleEvents = countEvents(context.path(file))
    const pairs = runs.product.inTurns.map(
      (run, index) => [run, compared.reference.inTurns[index] as Measurement] as const,
    )
    const cpuRatios = pairs.map(
      ([pipeline, single]) =>
        (cpuPerEvent(pipeline, pipelineEvents) ?? Number.NaN) /
        (cpuPerEvent(single, singleEvents) ?? Number.NaN),
    )
    return {
      single: perEvent(compared.reference.median, singleEvents),
      ratio: ratioOfValues(
        pairs.map(
          ([pipeline, single]) => wallPerEvent(pipeline, pipelineEvents) / wallPerEvent(single, singleEvents),
        ),
      ),
      cpuRatio: cpuRatios.every(Number.isFinite) ? ratioOfValues(cpuRatios) : undefined,
    }
  }
  return {
    pipeline: perEvent(runs.product.median, pipelineEvents),
    busy: against(runs.compared[0] as Compared, "single.json"),
    waiting: against(runs.compared[1] as Compared, "waiting.json"),
  }
}
