/**
 * The bench's cases for scale: compressed recordings at 10^6 items (the run, the
 * file and its replay, each against the plain one, in turn), 10^7 items with no recording and with a
 * zstd one, a sweep on one worker against two, and the sweep as 3 shares against it whole. Each returns the rows it prints; bench.ts runs them.
 */
import * as fs from "node:fs"
import * as zlib from "node:zlib"
import { type Case, type Compared, inTurn, type Measurement, type Ratio, series } from "./measure.ts"

export interface ScaleContext {
  readonly scriptCommand: (script: string) => Array<string>
  readonly repeats: number
  readonly projectRoot: string
  readonly path: (name: string) => string
}

const removing = (file: string) => () => fs.rmSync(file, { force: true })
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

export const sweepCases = (
  context: ScaleContext,
): { readonly one: Measurement; readonly two: Measurement } => {
  const sweep = [...context.scriptCommand("sweep"), ...sweepArgs]
  const runs = inTurn(
    { command: [...sweep, "--workers", "1"] },
    [{ command: [...sweep, "--workers", "2"] }],
    context.repeats,
    context.projectRoot,
  )
  return { one: runs.product.median, two: (runs.compared[0] as Compared).reference.median }
}

const shellQuoted = (word: string): string => `'${word.replaceAll("'", "'\\''")}'`

/**
 * What sharding costs: the same sweep as 3 shares run one after another (`--out-dir`, emptied before
 * each repeat so every share runs) over the unsharded sweep, both on 2 workers.
 */
export const shareCases = (context: ScaleContext): Ratio => {
  const sweep = [...context.scriptCommand("sweep"), ...sweepArgs, "--workers", "2"]
  const folder = context.path("shares")
  const shares = [1, 2, 3]
    .map((share) => [...sweep, "--shard", `${share}/3`, "--out-dir", folder].map(shellQuoted).join(" "))
    .join(" && ")
  const runs = inTurn(
    { command: ["sh", "-c", `${shares} >/dev/null`], before: removing(folder) },
    [{ command: sweep }],
    context.repeats,
    context.projectRoot,
  )
  return (runs.compared[0] as Compared).ratio
}
