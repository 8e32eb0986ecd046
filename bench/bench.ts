/**
 * `npm run bench`: performance figures of the commands as users run them (a new process each time,
 * through the same launcher as the npm scripts, recordings written to disk): the lecture's async
 * scenario at growing sizes, the course's event-loop demo, the lecture command itself, and the
 * replay of the largest recording; and, in the same invocation, the references they are measured
 * against (references.ts): a bare JavaScript event loop doing the same 10^6-item run, and CPython's
 * asyncio on the event-loop demo. Prints tables and how each figure compares with its target;
 * asserts nothing. Each case runs five times and reports the median. `npm run bench -- sweep` runs
 * only the sweep's speed case; `npm run bench -- playground` only the playground's (a 10^5-item run
 * in the page against Node, and drawing a finished 10^6-item run against the run page), which is
 * skipped, with a line, where Chromium is missing.
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import {
  type Case,
  type Compared,
  countEvents,
  inTurn,
  type Measurement,
  type Ratio,
  type Series,
  series,
} from "./measure.ts"
import { measurePlaygroundDraw, printPlaygroundDraw } from "./playgroundDraw.ts"
import { chromiumPath, measurePlaygroundSpeed, printPlaygroundSpeed } from "./playgroundSpeed.ts"
import { asyncioDemo, bareLoopNotWriting, bareLoopWriting, pythonVersion } from "./references.ts"
import {
  type AgainstSingle,
  compressionCases,
  type PipelineFigures,
  pipelineCases,
  pipelineFlags,
  type SweepSpeedFigures,
  shareCases,
  sweepSpeedCases,
  tenMillionCases,
  waitingConsumerFlags,
} from "./scaleCases.ts"

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
const repeats = Number(process.env.BENCH_REPEATS ?? 5)
const median = (measured: Case) => series(measured, repeats, projectRoot).median

const recordingPath = (name: string) => path.join(workDirectory, `${name}.json`)
const simulate = (flags: ReadonlyArray<string>, out: string) => [
  ...scriptCommand("simulate"),
  ...flags,
  "--quiet",
  "--out",
  out,
]
const removing = (file: string) => () => fs.rmSync(file, { force: true })
/** A simulate run that writes `file`, removed before each run so that every run makes a new file. */
const writing = (flags: ReadonlyArray<string>, file: string): Case => ({
  command: simulate(flags, file),
  before: removing(file),
})
const lectureFlags = (items: number) => ["--mode", "async", "--items", String(items / 2)]
/** The size the ratios are taken at. */
const ratioItems = 1_000_000

const row = (cells: ReadonlyArray<string>) => `| ${cells.join(" | ")} |`
const thousands = (value: number) => Math.round(value).toLocaleString("en-US")
const seconds = (value: number) => `${value.toFixed(2)} s`
const megabytes = (value: number | undefined) => (value === undefined ? "n/a" : `${value.toFixed(0)} MB`)

const context = {
  scriptCommand,
  repeats,
  projectRoot,
  path: (name: string) => path.join(workDirectory, name),
}
const cases = ["sweep", "shares", "pipeline", "playground"]
const onlyCase = process.argv[2]
if (onlyCase !== undefined && !cases.includes(onlyCase)) {
  console.error(`npm run bench: no case ${JSON.stringify(onlyCase)} (there is: ${cases.join(", ")})`)
  process.exit(2)
}
const verdict = (ok: boolean | undefined) => (ok === undefined ? "not measured" : ok ? "met" : "NOT met")
const ratioRange = (ratio: Ratio) =>
  `${ratio.median.toFixed(2)}x (${ratio.lowest.toFixed(2)}x to ${ratio.highest.toFixed(2)}x)`

/** Sharding's cost: 3 shares one after another over the sweep whole, in wall time (the target's) and CPU. */
const sharesRow = (sharded: Compared): [string, string, boolean] => [
  "sweep as 3 shares, one after another <= 1.2x the whole sweep (wall; CPU after it)",
  `${ratioRange(sharded.ratio)}; CPU ${sharded.cpuRatio === undefined ? "n/a" : ratioRange(sharded.cpuRatio)}`,
  sharded.ratio.median <= 1.2,
]

const printShares = (sharded: Compared) => {
  console.log()
  console.log(row(["shares target", "measured", ""]))
  console.log(row(["---", "---:", "---"]))
  const [name, measured, met] = sharesRow(sharded)
  console.log(row([name, measured, verdict(met)]))
  console.log(
    row([
      "the sweep whole (median), 2 workers",
      `${seconds(sharded.reference.median.wallSeconds)} wall, ${sharded.reference.median.cpuSeconds?.toFixed(1) ?? "n/a"} s CPU`,
      "",
    ]),
  )
}

/** The sweep's speed: its figures, the reference's, and the two targets. */
const printSweepSpeed = (figures: SweepSpeedFigures) => {
  const many = `${figures.runners} runners`
  console.log()
  console.log(row(["sweep (4 configurations)", "1 runner", many, `gain (1 over ${figures.runners})`]))
  console.log(row(["---", "---:", "---:", "---:"]))
  for (const [name, speed] of [
    ["small", figures.small],
    ["large", figures.large],
  ] as const)
    console.log(
      row([
        `${name}: ${speed.runs} runs of ${thousands(speed.eventsPerRun)} events`,
        seconds(speed.one.wallSeconds),
        seconds(speed.many.wallSeconds),
        ratioRange(speed.gain),
      ]),
    )
  console.log(
    row([
      "two plain CPU-bound processes side by side, against one (the reference)",
      seconds(figures.referenceOne.wallSeconds),
      "",
      ratioRange(figures.reference),
    ]),
  )
  console.log()
  console.log(row(["sweep target", "measured", ""]))
  console.log(row(["---", "---:", "---"]))
  console.log(
    row([
      `small sweep on ${many} no slower than on 1 (gain >= 0.95x: the machine's noise)`,
      ratioRange(figures.small.gain),
      verdict(figures.small.gain.median >= 0.95),
    ]),
  )
  console.log(
    row([
      "large sweep's gain >= 0.8 of the reference's (ratio of ratios, turn by turn)",
      ratioRange(figures.largeOverReference),
      verdict(figures.largeOverReference.median >= 0.8),
    ]),
  )
}

/** The playground's cases, in headless Chromium; one line instead where there is no Chromium. */
const playgroundCases = async () => {
  console.log()
  const speed = await measurePlaygroundSpeed(100_000, Math.min(repeats, 3))
  if (speed === undefined) {
    console.log(`playground: skipped, ${chromiumPath} is missing (apt-get install -y chromium)`)
    return
  }
  printPlaygroundSpeed(speed)
  const draw = await measurePlaygroundDraw(3, 3)
  if (draw !== undefined) {
    console.log()
    printPlaygroundDraw(draw)
  }
}

console.log(
  `prodcon-sim bench: ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, Node ${process.version}, ${pythonVersion ?? "no python3"}`,
)
console.log(
  `Whole commands, process start to exit, median of ${repeats}; recordings written to ${os.tmpdir()}.`,
)
// The machine is shared: its load says how far to trust the seconds (ratios taken in turn suffer less).
const loadBefore = os
  .loadavg()
  .map((load) => load.toFixed(2))
  .join(", ")
console.log(`Load average (1, 5, 15 minutes) at the start: ${loadBefore}.\n`)

/** A bench of one case ends with the load it ran under, and leaves nothing behind. */
const endOneCase = (): never => {
  console.log(
    `\nLoad average before and after: ${loadBefore}; ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(", ")}.`,
  )
  fs.rmSync(workDirectory, { recursive: true, force: true })
  return process.exit(0)
}

if (onlyCase === "playground") {
  await playgroundCases()
  endOneCase()
}

if (onlyCase === "sweep" || onlyCase === "shares") {
  if (onlyCase === "sweep") printSweepSpeed(sweepSpeedCases(context, os.availableParallelism()))
  printShares(shareCases(context))
  endOneCase()
}

// Start-up: a run so small that the simulation costs nothing, to separate fixed from per-item cost.
const startup = median(writing(["--items", "1", "--producers", "1"], recordingPath("startup")))

/** The pipeline's cost per event beside the single queue's, and the target on their ratio. */
const printPipeline = (figures: PipelineFigures) => {
  const micros = (value: number | undefined) => (value === undefined ? "n/a" : value.toFixed(3))
  console.log()
  // Quoted where a shell would need it, so that the line can be run as it is.
  const shellWord = (word: string) => (/^[\w.,=:-]+$/.test(word) ? word : JSON.stringify(word))
  console.log(`3-stage pipeline: simulate ${pipelineFlags.map(shellWord).join(" ")} --items ${ratioItems}`)
  console.log()
  console.log(
    row([
      `${thousands(ratioItems)} items, recording written`,
      "wall",
      "events",
      "us/event, wall (after start-up)",
      "us/event, CPU",
      "peak RSS",
    ]),
  )
  console.log(row(["---", "---:", "---:", "---:", "---:", "---:"]))
  for (const [name, measured] of [
    ["single queue (lecture async)", figures.busy.single],
    [`single queue, consumer waiting (${waitingConsumerFlags.join(" ")}: 60% busy)`, figures.waiting.single],
    ["3-stage pipeline", figures.pipeline],
  ] as const)
    console.log(
      row([
        name,
        seconds(measured.run.wallSeconds),
        thousands(measured.events),
        micros(measured.wallMicros),
        micros(measured.cpuMicros),
        megabytes(measured.run.peakRssMegabytes),
      ]),
    )
  const ratios = (against: AgainstSingle) =>
    `${ratioRange(against.ratio)}; CPU ${against.cpuRatio === undefined ? "n/a" : ratioRange(against.cpuRatio)}`
  console.log()
  console.log(
    row([
      "pipeline's cost per event <= 1.2x the single queue's",
      ratios(figures.busy),
      verdict(figures.busy.ratio.median <= 1.2),
    ]),
  )
  // Not a target: where the difference comes from. A pipeline's workers wait for most items, and
  // the lecture's consumer never does; against a consumer that waits too, this is the pipeline's own cost.
  console.log(row(["the same against the single queue whose consumer waits", ratios(figures.waiting), ""]))
}

if (onlyCase === "pipeline") {
  printPipeline(pipelineCases(context, ratioItems, startup))
  endOneCase()
}

const sizes = (process.env.BENCH_SIZES ?? "1000,10000,100000,1000000").split(",").map(Number)
const perItem = new Map<number, number>()
console.log(row(["lecture async, items", "wall", "items/s", "events/s", "us/item, marginal", "peak RSS"]))
console.log(row(["---:", "---:", "---:", "---:", "---:", "---:"]))
let largest = { items: 0, file: "", wallSeconds: 0, rss: undefined as number | undefined }
// Cost per item as the slope from the previous size (from start-up for the first): fixed costs cancel.
let previous = { items: 1, wallSeconds: startup.wallSeconds }
// At 10^6 items the product runs in turn with the bare loop writing the same recording, its lines
// encoded as bytes (the reference of the target) and built as strings.
let againstBareLoop: Compared | undefined
let againstTextLines: Compared | undefined
for (const items of sizes) {
  const file = recordingPath(`lecture-${items}`)
  const product = writing(lectureFlags(items), file)
  let measured: Measurement
  if (items === ratioItems) {
    const referenceFile = recordingPath(`reference-${items}`)
    const reference = (lines: "bytes" | "text") => ({
      command: bareLoopWriting(items, referenceFile, lines),
      before: removing(referenceFile),
    })
    const runs = inTurn(product, [reference("bytes"), reference("text")], repeats, projectRoot)
    fs.rmSync(referenceFile, { force: true })
    measured = runs.product.median
    ;[againstBareLoop, againstTextLines] = runs.compared
  } else {
    measured = median(product)
  }
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
const demoCase = writing(
  ["--mode", "async", "--items", "250000", "--produce", "0ms", "--process", "0ms"],
  demoFile,
)
// With python3 there, the demo runs in turn with CPython's asyncio running the same demo.
const demoRuns =
  pythonVersion === undefined ? undefined : inTurn(demoCase, [{ command: asyncioDemo }], repeats, projectRoot)
const againstAsyncio = demoRuns?.compared[0]
const demo = demoRuns?.product.median ?? median(demoCase)
const lectureFile = recordingPath("lecture-command")
const lecture = median({
  command: ["npm", "run", "--silent", "simulate", "--", "--mode", "async", "--out", lectureFile],
  before: removing(lectureFile),
})
const replay = median({ command: [...scriptCommand("replay"), largest.file, "--quiet"] })

// The reference for --no-record: the same bare loop, writing nothing. The product's own --no-record
// is measured against it once simulate accepts the flag.
const withoutRecording = series({ command: bareLoopNotWriting(ratioItems) }, repeats, projectRoot)
const simulateNoRecord = (items: number) => [
  ...scriptCommand("simulate"),
  ...lectureFlags(items),
  "--no-record",
  "--quiet",
]
const [node = "node", ...probe] = simulateNoRecord(2)
const acceptsNoRecord = spawnSync(node, probe, { cwd: projectRoot, stdio: "ignore" }).status === 0
const againstNoRecord = acceptsNoRecord
  ? inTurn(
      { command: simulateNoRecord(ratioItems) },
      [{ command: bareLoopNotWriting(ratioItems) }],
      repeats,
      projectRoot,
    ).compared[0]
  : undefined

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

const spread = (measured: Series) =>
  `${seconds(measured.fastest.wallSeconds)} to ${seconds(measured.slowest.wallSeconds)}`
const references: Array<[string, Series | undefined]> = [
  [`bare JS loop, ${thousands(ratioItems)} items, writing the same recording`, againstBareLoop?.reference],
  [`the same, each line built as a string`, againstTextLines?.reference],
  [`bare JS loop, ${thousands(ratioItems)} items, writing nothing (checksum)`, withoutRecording],
  [`CPython asyncio, event-loop demo (${pythonVersion ?? "no python3"})`, againstAsyncio?.reference],
]
console.log()
console.log(row(["reference, same invocation", "wall", "fastest to slowest", "peak RSS"]))
console.log(row(["---", "---:", "---:", "---:"]))
for (const [name, measured] of references) {
  console.log(
    row(
      measured === undefined
        ? [name, "n/a", "", ""]
        : [
            name,
            seconds(measured.median.wallSeconds),
            spread(measured),
            megabytes(measured.median.peakRssMegabytes),
          ],
    ),
  )
}

const flatness = (() => {
  // Slopes into 10^5 and 10^6: the cost per item from 10^4 on.
  const measuredSizes = [...perItem.keys()].filter((items) => items > 10_000)
  const costs = measuredSizes.map((items) => perItem.get(items) ?? 0)
  return costs.length < 2 ? undefined : Math.max(...costs) / Math.min(...costs) - 1
})()

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

/** A ratio as the target rows show it: the median pair's and the range, of wall time, then CPU time. */
const ratioText = (compared: Compared | undefined, missing: string) =>
  compared === undefined
    ? missing
    : `${ratioRange(compared.ratio)}; CPU ${compared.cpuRatio === undefined ? "n/a" : ratioRange(compared.cpuRatio)}`
console.log(
  row([
    `${thousands(ratioItems)} items <= 1.3x the bare JS loop writing the same JSON lines (built as strings)`,
    ratioText(againstTextLines, "n/a (10^6 not among the sizes)"),
    verdict(againstTextLines === undefined ? undefined : againstTextLines.ratio.median <= 1.3),
  ]),
)
console.log(
  row([
    `${thousands(ratioItems)} items vs the same loop encoding its lines into a reused byte buffer (no target)`,
    ratioText(againstBareLoop, "n/a (10^6 not among the sizes)"),
    "",
  ]),
)
console.log(
  row([
    `--no-record at ${thousands(ratioItems)} items <= 1.3x the bare JS loop writing nothing`,
    ratioText(againstNoRecord, "n/a (simulate has no --no-record yet)"),
    verdict(againstNoRecord === undefined ? undefined : againstNoRecord.ratio.median <= 1.3),
  ]),
)
console.log(
  row([
    "event-loop demo <= 0.35x CPython asyncio on the same demo",
    ratioText(againstAsyncio, "n/a (no python3)"),
    verdict(againstAsyncio === undefined ? undefined : againstAsyncio.ratio.median <= 0.35),
  ]),
)
// Scale: compressed recordings, 10^7 items, and the sweep's speed.
const compression = compressionCases(context, ratioItems)
const tenMillion = tenMillionCases(context)
const sweepSpeed = sweepSpeedCases(context, os.availableParallelism())
const sharded = shareCases(context)
const pipeline = pipelineCases(context, ratioItems, startup)
const perItemMicros = (measured: Measurement, items: number) =>
  ((measured.wallSeconds - startup.wallSeconds) / items) * 1e6
console.log()
console.log(row(["scale case", "wall", "us/item (after start-up)", "peak RSS", "file"]))
console.log(row(["---", "---:", "---:", "---:", "---:"]))
const fileSize = (bytes: number | undefined) =>
  bytes === undefined ? "" : `${(bytes / (1024 * 1024)).toFixed(1)} MB`
const scaleRow = (
  name: string,
  measured: Measurement | undefined,
  items: number | undefined,
  bytes?: number,
) =>
  console.log(
    row(
      measured === undefined
        ? [name, "n/a (no zstd in this Node)", "", "", ""]
        : [
            name,
            seconds(measured.wallSeconds),
            items === undefined ? "" : perItemMicros(measured, items).toFixed(2),
            megabytes(measured.peakRssMegabytes),
            fileSize(bytes),
          ],
    ),
  )
scaleRow(
  `${thousands(ratioItems)} items, plain recording`,
  compression.plain,
  ratioItems,
  compression.plainBytes,
)
scaleRow(`${thousands(ratioItems)} items, .zst`, compression.zstd?.run, ratioItems, compression.zstd?.bytes)
scaleRow(`${thousands(ratioItems)} items, .gz`, compression.gzip.run, ratioItems, compression.gzip.bytes)
scaleRow("10,000,000 items, --no-record", tenMillion.noRecord, 10_000_000)
scaleRow("10,000,000 items, .zst recording", tenMillion.zstd, 10_000_000)

const compressedText = (run: { ratio: Ratio; cpuRatio: Ratio | undefined } | undefined) =>
  run === undefined
    ? "n/a (no zstd in this Node)"
    : `${ratioRange(run.ratio)}; CPU ${run.cpuRatio === undefined ? "n/a" : ratioRange(run.cpuRatio)}`
const zstdFlat =
  compression.zstd === undefined || tenMillion.zstd === undefined
    ? undefined
    : perItemMicros(tenMillion.zstd, 10_000_000) / perItemMicros(compression.zstd.run, ratioItems) - 1
const targets: Array<[string, string, boolean | undefined]> = [
  [
    `.zst run of ${thousands(ratioItems)} items <= 1.15x the plain run`,
    compressedText(compression.zstd),
    compression.zstd === undefined ? undefined : compression.zstd.ratio.median <= 1.15,
  ],
  [
    "its file <= 40 MB",
    fileSize(compression.zstd?.bytes) || "n/a",
    compression.zstd === undefined ? undefined : compression.zstd.bytes <= 40 * 1024 * 1024,
  ],
  [
    "replay of the .zst <= 1.2x the plain replay",
    ratioText(compression.replayZstd, "n/a (no zstd in this Node)"),
    compression.replayZstd === undefined ? undefined : compression.replayZstd.ratio.median <= 1.2,
  ],
  [
    "10^7 items, --no-record: peak RSS <= 400 MB",
    megabytes(tenMillion.noRecord.peakRssMegabytes),
    tenMillion.noRecord.peakRssMegabytes === undefined
      ? undefined
      : tenMillion.noRecord.peakRssMegabytes <= 400,
  ],
  [
    "10^7 items, .zst: peak RSS <= 400 MB",
    megabytes(tenMillion.zstd?.peakRssMegabytes),
    tenMillion.zstd?.peakRssMegabytes === undefined ? undefined : tenMillion.zstd.peakRssMegabytes <= 400,
  ],
  [
    "10^7 items, .zst: cost per item within 20% of the 10^6 .zst run's",
    zstdFlat === undefined ? "n/a" : `${(zstdFlat * 100).toFixed(0)}% apart`,
    zstdFlat === undefined ? undefined : Math.abs(zstdFlat) <= 0.2,
  ],
  sharesRow(sharded),
]
console.log()
console.log(row(["scale target", "measured", ""]))
console.log(row(["---", "---:", "---"]))
for (const [name, measured, met] of targets) console.log(row([name, measured, verdict(met)]))
console.log(
  row([
    `.gz run (no target; file ${fileSize(compression.gzip.bytes)})`,
    compressedText(compression.gzip),
    "",
  ]),
)
printSweepSpeed(sweepSpeed)
printPipeline(pipeline)
await playgroundCases()

console.log(
  "\nRatios: the product's time over the reference's, run in turn, wall time (what the targets use) and CPU time",
)
console.log(
  "(user + system, which other processes on a shared machine inflate less); median pair, and the range.",
)
fs.rmSync(workDirectory, { recursive: true, force: true })
