/**
 * `npm run bench`: performance figures of the commands as users run them (a new process each time,
 * through the same launcher as the npm scripts, recordings written to disk): the lecture's async
 * scenario at growing sizes, the course's event-loop demo, the lecture command itself, and the
 * replay of the largest recording. Prints tables and how each figure compares with its target;
 * asserts nothing. Each case runs five times and reports the median.
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

const projectRoot = path.resolve(import.meta.dirname, "..")
const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8"))

/** The npm script's own command line (node flags included), run with this Node: what users run. */
const scriptCommand = (script: string): Array<string> => {
  // The scripts `exec` node, so that npm's signals reach it.
  const [program, ...args] = String(manifest.scripts[script])
    .replace(/^exec /, "")
    .split(" ")
  if (program !== "node") throw new Error(`the ${script} script does not start with node`)
  return [process.execPath, ...args]
}
const workDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "prodcon-bench-"))
const gnuTime = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined
const repeats = Number(process.env.BENCH_REPEATS ?? 5)

interface Measurement {
  readonly wallSeconds: number
  readonly peakRssMegabytes: number | undefined
}

/** Runs the command once; wall time from spawn to exit, peak RSS from GNU time when present. */
const runOnce = (command: ReadonlyArray<string>): Measurement => {
  const started = process.hrtime.bigint()
  const [program = "node", ...args] = gnuTime ? [gnuTime, "-f", "%M", ...command] : command
  const result = spawnSync(program, args, { cwd: projectRoot, encoding: "utf8", maxBuffer: 1 << 26 })
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0) throw new Error(`${command.join(" ")} failed: ${result.stderr}`)
  const rssKilobytes = gnuTime ? Number(result.stderr.trim().split("\n").at(-1)) : Number.NaN
  return { wallSeconds, peakRssMegabytes: Number.isFinite(rssKilobytes) ? rssKilobytes / 1024 : undefined }
}

const median = (command: ReadonlyArray<string>, before: () => void = () => {}): Measurement => {
  const runs: Array<Measurement> = []
  for (let index = 0; index < repeats; index++) {
    before()
    runs.push(runOnce(command))
  }
  runs.sort((a, b) => a.wallSeconds - b.wallSeconds)
  return runs[Math.floor(runs.length / 2)] as Measurement
}

const recordingPath = (name: string) => path.join(workDirectory, `${name}.json`)
const simulate = (flags: ReadonlyArray<string>, out: string) => [
  ...scriptCommand("simulate"),
  ...flags,
  "--quiet",
  "--out",
  out,
]
const removing = (file: string) => () => fs.rmSync(file, { force: true })

/** Events in a recording: one per line between the opening and the closing line. */
const countEvents = (file: string): number => {
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

const row = (cells: ReadonlyArray<string>) => `| ${cells.join(" | ")} |`
const thousands = (value: number) => Math.round(value).toLocaleString("en-US")
const seconds = (value: number) => `${value.toFixed(2)} s`
const megabytes = (value: number | undefined) => (value === undefined ? "n/a" : `${value.toFixed(0)} MB`)

console.log(
  `prodcon-sim bench: ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, Node ${process.version}`,
)
console.log(
  `Whole commands, process start to exit, median of ${repeats}; recordings written to ${os.tmpdir()}.\n`,
)

// Start-up: a run so small that the simulation costs nothing, to separate fixed from per-item cost.
const startup = median(
  simulate(["--items", "1", "--producers", "1"], recordingPath("startup")),
  removing(recordingPath("startup")),
)

const sizes = (process.env.BENCH_SIZES ?? "1000,10000,100000,1000000").split(",").map(Number)
const perItem = new Map<number, number>()
console.log(row(["lecture async, items", "wall", "items/s", "events/s", "us/item, marginal", "peak RSS"]))
console.log(row(["---:", "---:", "---:", "---:", "---:", "---:"]))
let largest = { items: 0, file: "", wallSeconds: 0, rss: undefined as number | undefined }
// Cost per item as the slope from the previous size (from start-up for the first): fixed costs cancel.
let previous = { items: 1, wallSeconds: startup.wallSeconds }
for (const items of sizes) {
  const file = recordingPath(`lecture-${items}`)
  const measured = median(simulate(["--mode", "async", "--items", String(items / 2)], file), removing(file))
  const events = countEvents(file)
  const marginal = ((measured.wallSeconds - previous.wallSeconds) / (items - previous.items)) * 1e6
  previous = { items, wallSeconds: measured.wallSeconds }
  perItem.set(items, marginal)
  console.log(
    row([
      thousands(items),
      seconds(measured.wallSeconds),
      thousands(items / measured.wallSeconds),
      thousands(events / measured.wallSeconds),
      marginal.toFixed(2),
      megabytes(measured.peakRssMegabytes),
    ]),
  )
  if (items >= largest.items)
    largest = { items, file, wallSeconds: measured.wallSeconds, rss: measured.peakRssMegabytes }
}

const demoFile = recordingPath("demo")
const demo = median(
  simulate(["--mode", "async", "--items", "250000", "--produce", "0ms", "--process", "0ms"], demoFile),
  removing(demoFile),
)
const lectureFile = recordingPath("lecture-command")
const lecture = median(
  ["npm", "run", "--silent", "simulate", "--", "--mode", "async", "--out", lectureFile],
  removing(lectureFile),
)
const replay = median([...scriptCommand("replay"), largest.file, "--quiet"])

console.log()
console.log(row(["other case", "wall", "peak RSS"]))
console.log(row(["---", "---:", "---:"]))
console.log(
  row(["start-up (simulate, 1 item)", seconds(startup.wallSeconds), megabytes(startup.peakRssMegabytes)]),
)
console.log(
  row([
    "event-loop demo, 2 x 250,000, pauses 0 s",
    seconds(demo.wallSeconds),
    megabytes(demo.peakRssMegabytes),
  ]),
)
console.log(
  row([
    "npm run simulate -- --mode async (the lecture)",
    seconds(lecture.wallSeconds),
    megabytes(lecture.peakRssMegabytes),
  ]),
)
console.log(
  row([
    `replay --quiet of the ${thousands(largest.items)}-item recording`,
    seconds(replay.wallSeconds),
    megabytes(replay.peakRssMegabytes),
  ]),
)

const flatness = (() => {
  // Slopes into 10^5 and 10^6: the cost per item from 10^4 on.
  const measuredSizes = [...perItem.keys()].filter((items) => items > 10_000)
  const costs = measuredSizes.map((items) => perItem.get(items) ?? 0)
  return costs.length < 2 ? undefined : Math.max(...costs) / Math.min(...costs) - 1
})()

const verdict = (ok: boolean | undefined) => (ok === undefined ? "not measured" : ok ? "met" : "NOT met")
console.log()
console.log(row(["target", "measured", ""]))
console.log(row(["---", "---:", "---"]))
console.log(
  row([
    "1,000,000 items in <= 2.5 s",
    largest.items === 1_000_000 ? seconds(largest.wallSeconds) : "n/a",
    verdict(largest.items === 1_000_000 ? largest.wallSeconds <= 2.5 : undefined),
  ]),
)
console.log(
  row([
    "cost per item flat within 30% from 10^4 to 10^6 (slopes)",
    flatness === undefined ? "n/a" : `${(flatness * 100).toFixed(0)}% apart`,
    verdict(flatness === undefined ? undefined : flatness <= 0.3),
  ]),
)
console.log(row(["event-loop demo in <= 1 s", seconds(demo.wallSeconds), verdict(demo.wallSeconds <= 1)]))
console.log(
  row([
    "peak RSS at 10^6 items <= 300 MB",
    largest.items === 1_000_000 ? megabytes(largest.rss) : "n/a",
    verdict(largest.items === 1_000_000 && largest.rss !== undefined ? largest.rss <= 300 : undefined),
  ]),
)
console.log(
  row(["lecture command <= 0.6 s", seconds(lecture.wallSeconds), verdict(lecture.wallSeconds <= 0.6)]),
)
console.log(
  row([
    "replay --quiet of 10^6 items <= 3 s",
    largest.items === 1_000_000 ? seconds(replay.wallSeconds) : "n/a",
    verdict(largest.items === 1_000_000 ? replay.wallSeconds <= 3 : undefined),
  ]),
)
fs.rmSync(workDirectory, { recursive: true, force: true })
