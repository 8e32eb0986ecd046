/**
 * Figures of the trace sink (prints them, asserts nothing): the size of the lecture's trace, and the
 * 1,000,000-item lecture run (2 producers x 500,000) run as simulate runs it (fast virtual clock,
 * statistics fold) three ways: without a trace, traced into a sink that only counts the text, and
 * traced into a file. The difference between the first two is the trace's own cost; the third adds
 * writing the file.
 *
 *     node --max-semi-space-size=8 --import tsx bench/trace.ts     (Node 22.18+: without --import tsx)
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { runToStatistics } from "../src/core/run.ts"
import { resolveScenario, type Scenario, type ScenarioInput } from "../src/core/scenario/scenario.ts"
import { eventSink } from "../src/core/sinks/sink.ts"
import { traceSink } from "../src/core/trace/traceDocument.ts"

const scenarioOf = (input: ScenarioInput): Scenario => {
  const scenario = resolveScenario(input)
  if (Result.isFailure(scenario)) throw new Error(scenario.failure.message)
  return scenario.success
}

/**
 * Runs the scenario as simulate does (runToStatistics: the statistics fold, then the sinks) with
 * `write` as the trace's output, or no trace; wall and CPU seconds, and the run's events.
 */
const run = (scenario: Scenario, write: ((chunk: string) => void) | undefined) => {
  let events = 0
  const counter = eventSink(() => {
    events++
  })
  const sinks = write === undefined ? { counter } : { counter, trace: traceSink(write) }
  const started = process.hrtime.bigint()
  const cpuBefore = process.cpuUsage()
  return Effect.runPromise(runToStatistics(scenario, sinks)).then(() => {
    const cpu = process.cpuUsage(cpuBefore)
    return {
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      events,
    }
  })
}

/** An output that only counts the characters of the trace. */
const counting = () => {
  const counter = {
    chars: 0,
    write: (chunk: string) => {
      counter.chars += chunk.length
    },
  }
  return counter
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`
const perItem = (bytes: number, items: number) => `${(bytes / items).toFixed(0)} bytes/item`

const lecture = scenarioOf({ mode: "async" })
const lectureText = counting()
await run(lecture, lectureText.write)
console.log(`lecture async (40 items): ${lectureText.chars} bytes, ${perItem(lectureText.chars, 40)}`)

const items = 1_000_000
const large = scenarioOf({ mode: "async", items: items / 2 })
await run(scenarioOf({ mode: "async", items: 10_000 }), counting().write) // warm-up

interface Timing {
  readonly seconds: number
  readonly cpuSeconds: number
}
/** Wall time moves with the other work on a shared machine; CPU time is the steadier figure. */
const timing = (measured: Timing, baseline?: Timing) =>
  `${measured.seconds.toFixed(2)} s wall, ${measured.cpuSeconds.toFixed(2)} s CPU` +
  (baseline === undefined ? "" : ` (trace: +${(measured.cpuSeconds - baseline.cpuSeconds).toFixed(2)} s CPU)`)

const bare = await run(large, undefined)
console.log(`10^6 items, no trace:        ${timing(bare)}, ${bare.events.toLocaleString("en")} events`)

const counted = counting()
const traced = await run(large, counted.write)
console.log(
  `10^6 items, trace text only: ${timing(traced, bare)}, ${mb(counted.chars)}, ${perItem(counted.chars, items)}`,
)

const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "prodcon-trace-")), "run.trace.json")
const descriptor = fs.openSync(file, "w")
const toFile = await run(large, (chunk) => {
  fs.writeSync(descriptor, chunk)
})
fs.closeSync(descriptor)
const bytes = fs.statSync(file).size
console.log(`10^6 items, trace to a file: ${timing(toFile, bare)}, ${mb(bytes)}, ${perItem(bytes, items)}`)
fs.rmSync(path.dirname(file), { recursive: true })
console.log(`peak RSS of this process: ${mb(process.resourceUsage().maxRSS * 1024)}`)
