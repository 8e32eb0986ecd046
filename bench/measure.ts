/**
 * How the bench times a command: a new process each time, wall time from spawn to exit, peak RSS
 * from GNU time when present; each case several times, reported by its median and its spread
 * (the machine is shared, so one run says little). Commands compared by a ratio run in turn, run
 * by run, so that a change of load on the machine weighs on each alike.
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"

export interface Measurement {
  readonly wallSeconds: number
  /** User plus system time, from GNU time: what load from other processes inflates least. */
  readonly cpuSeconds: number | undefined
  readonly peakRssMegabytes: number | undefined
}

const gnuTime = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined

/** Runs the command once in `directory`. */
export const runOnce = (command: ReadonlyArray<string>, directory: string): Measurement => {
  const started = process.hrtime.bigint()
  const [program = "node", ...args] = gnuTime ? [gnuTime, "-f", "%M %U %S", ...command] : command
  const result = spawnSync(program, args, { cwd: directory, encoding: "utf8", maxBuffer: 1 << 26 })
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0) throw new Error(`${command.join(" ")} failed: ${result.stderr}`)
  const [rssKilobytes = Number.NaN, user = Number.NaN, system = Number.NaN] = gnuTime
    ? (result.stderr.trim().split("\n").at(-1) ?? "").split(" ").map(Number)
    : []
  return {
    wallSeconds,
    cpuSeconds: Number.isFinite(user + system) ? user + system : undefined,
    peakRssMegabytes: Number.isFinite(rssKilobytes) ? rssKilobytes / 1024 : undefined,
  }
}

/** Runs of one case, and the figures the tables show. */
export class Series {
  /** Fastest first. */
  readonly runs: ReadonlyArray<Measurement>
  /** In the order they ran: the i-th of each case of an `inTurn` ran in the same turn. */
  readonly inTurns: ReadonlyArray<Measurement>

  constructor(runs: ReadonlyArray<Measurement>) {
    this.inTurns = runs
    this.runs = [...runs].sort((a, b) => a.wallSeconds - b.wallSeconds)
  }

  /** The run of median wall time (the upper one of an even count). */
  get median(): Measurement {
    return this.runs[Math.floor(this.runs.length / 2)] as Measurement
  }

  get fastest(): Measurement {
    return this.runs[0] as Measurement
  }

  get slowest(): Measurement {
    return this.runs.at(-1) as Measurement
  }
}

export interface Case {
  readonly command: ReadonlyArray<string>
  /** Runs before each run, untimed (removing the previous run's recording). */
  readonly before?: () => void
}

const runCase = (measured: Case, directory: string): Measurement => {
  measured.before?.()
  return runOnce(measured.command, directory)
}

export const series = (measured: Case, repeats: number, directory: string): Series =>
  new Series(Array.from({ length: repeats }, () => runCase(measured, directory)))

/** A ratio over pairs of runs: the median pair's, and the lowest and highest. */
export interface Ratio {
  readonly median: number
  readonly lowest: number
  readonly highest: number
}

export interface Compared {
  readonly reference: Series
  /** The product's wall time over this reference's. */
  readonly ratio: Ratio
  /** The same with CPU time, when GNU time measures it. */
  readonly cpuRatio: Ratio | undefined
}

const ratioOf = (
  productRuns: ReadonlyArray<Measurement>,
  referenceRuns: ReadonlyArray<Measurement>,
  seconds: (run: Measurement) => number | undefined,
): Ratio | undefined => {
  const ratios = productRuns.map(
    (run, index) =>
      (seconds(run) ?? Number.NaN) / (seconds(referenceRuns[index] as Measurement) ?? Number.NaN),
  )
  return ratios.every(Number.isFinite) ? ratioOfValues(ratios) : undefined
}

/**
 * Runs `product`, then each of `references`, `repeats` times over; each ratio is taken run by run
 * (the product's i-th run over the reference's i-th).
 */
export const inTurn = (
  product: Case,
  references: ReadonlyArray<Case>,
  repeats: number,
  directory: string,
): { readonly product: Series; readonly compared: ReadonlyArray<Compared> } => {
  const productRuns: Array<Measurement> = []
  const referenceRuns = references.map((): Array<Measurement> => [])
  for (let index = 0; index < repeats; index++) {
    productRuns.push(runCase(product, directory))
    references.forEach((reference, which) => {
      referenceRuns[which]?.push(runCase(reference, directory))
    })
  }
  return {
    product: new Series(productRuns),
    compared: referenceRuns.map((runs) => ({
      reference: new Series(runs),
      ratio: ratioOf(productRuns, runs, (run) => run.wallSeconds) as Ratio,
      cpuRatio: ratioOf(productRuns, runs, (run) => run.cpuSeconds),
    })),
  }
}

/** Events in a recording: one per line between the opening and the closing line. */
export const countEvents = (file: string): number => {
  let lines = 0
  const descriptor = fs.openSync(file, "r")
  const buffer = Buffer.allocUnsafe(1 << 20)
  while (true) {
    const read = fs.readSync(descriptor, buffer)
    if (read === 0) break
    for (let index = 0; index < read; index++) if (buffer[index] === 10) lines++
  }
  fs.closeSync(descriptor)
  return lines - 1
}

/** The median, lowest and highest of some ratios. */
export const ratioOfValues = (values: ReadonlyArray<number>): Ratio => {
  const sorted = [...values].sort((a, b) => a - b)
  return {
    median: sorted[Math.floor(sorted.length / 2)] as number,
    lowest: sorted[0] as number,
    highest: sorted.at(-1) as number,
  }
}
