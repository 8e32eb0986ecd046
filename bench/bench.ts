/**
 * `npm run bench`: performance figures of the whole `simulate` command as users run it (a new
 * process each time, recording written to disk), for the lecture's async scenario at growing sizes
 * and for the course's event-loop demo. It prints a table; it asserts nothing.
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

const projectRoot = path.resolve(import.meta.dirname, "..")
const entry = path.join(projectRoot, "src/cli/main.ts")
const workDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "prodcon-bench-"))
const gnuTime = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined

interface Case {
  readonly name: string
  readonly items: number
  readonly flags: ReadonlyArray<string>
}

const lectureSizes = (process.env.BENCH_SIZES ?? "1000,10000,100000,1000000").split(",").map(Number)

const cases: ReadonlyArray<Case> = [
  ...lectureSizes.map((items) => ({
    name: `lecture async, ${items.toLocaleString("en-US")} items`,
    items,
    flags: ["--mode", "async", "--items", String(items / 2)],
  })),
  {
    name: "event-loop demo, 2 x 250,000, pauses 0 s",
    items: 500_000,
    flags: ["--mode", "async", "--items", "250000", "--produce", "0ms", "--process", "0ms"],
  },
]

interface Measurement {
  readonly wallSeconds: number
  readonly peakRssMegabytes: number | undefined
  readonly events: number
}

const measure = (flags: ReadonlyArray<string>): Measurement => {
  const out = path.join(workDirectory, "bench.json")
  const command = [
    process.execPath,
    "--import",
    "tsx",
    entry,
    "simulate",
    ...flags,
    "--quiet",
    "--force",
    "--out",
    out,
  ]
  const started = process.hrtime.bigint()
  const result = gnuTime
    ? spawnSync(gnuTime, ["-f", "%M", ...command], { cwd: projectRoot, encoding: "utf8" })
    : spawnSync(command[0] ?? "node", command.slice(1), { cwd: projectRoot, encoding: "utf8" })
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0) throw new Error(`simulate failed: ${result.stderr}`)
  const rssKilobytes = gnuTime ? Number(result.stderr.trim().split("\n").at(-1)) : Number.NaN
  // One event per line in the recording, between the opening line and the closing one.
  let lines = 0
  const content = fs.readFileSync(out)
  for (const byte of content) if (byte === 10) lines++
  return {
    wallSeconds,
    peakRssMegabytes: Number.isFinite(rssKilobytes) ? rssKilobytes / 1024 : undefined,
    events: lines - 1,
  }
}

const row = (cells: ReadonlyArray<string>) => `| ${cells.join(" | ")} |`
const rate = (count: number, seconds: number) => Math.round(count / seconds).toLocaleString("en-US")

console.log(
  `prodcon-sim bench on ${os.cpus()[0]?.model ?? "unknown CPU"} (${os.cpus().length} cores), Node ${process.version}`,
)
console.log("Whole `simulate` command per case: process start to exit, recording written.\n")
console.log(row(["case", "wall", "items/s", "events/s", "peak RSS"]))
console.log(row(["---", "---:", "---:", "---:", "---:"]))
for (const benchCase of cases) {
  const { wallSeconds, peakRssMegabytes, events } = measure(benchCase.flags)
  console.log(
    row([
      benchCase.name,
      `${wallSeconds.toFixed(2)} s`,
      rate(benchCase.items, wallSeconds),
      rate(events, wallSeconds),
      peakRssMegabytes === undefined ? "n/a" : `${peakRssMegabytes.toFixed(0)} MB`,
    ]),
  )
}
fs.rmSync(workDirectory, { recursive: true, force: true })
