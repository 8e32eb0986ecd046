/**
 * The playground's run against Node's: the same scenario (10^5 items by default) through the same
 * engine and the same sinks (the recording's text, the page's data, the trace), once in the page's
 * Web Worker in headless Chromium and once in this Node process, in turn, several times; prints the
 * medians and their ratio. Asserts nothing. `node --import tsx bench/playgroundSpeed.ts [ITEMS]`.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { pathToFileURL } from "node:url"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { chromium } from "playwright-core"
import { RunPlatform } from "../src/core/engine/runPlatform.ts"
import { makePageDataSink } from "../src/core/pageData/pageDataSink.ts"
import type { PageRun } from "../src/core/pageData/pageRun.ts"
import { pageRunSink } from "../src/core/pageData/pageRunSink.ts"
import { recordingTextSink } from "../src/core/recording/recordingText.ts"
import { runToStatistics } from "../src/core/run.ts"
import { resolveScenario, type ScenarioInput } from "../src/core/scenario/scenario.ts"
import { traceSink } from "../src/core/trace/traceDocument.ts"
import { renderPlaygroundPage } from "../src/page/files/renderPage.ts"
import { nodePlatform } from "../src/run/nodePlatform.ts"

const items = Number(process.argv[2] ?? 100_000)
const repeats = Number(process.env.BENCH_REPEATS ?? 3)
const input: ScenarioInput = { mode: "async", producers: 1, items, produce: "exp(10ms)", process: "exp(8ms)" }

const nodeRunMillis = async (seed: number): Promise<number> => {
  const scenario = resolveScenario({ ...input, seed })
  if (Result.isFailure(scenario)) throw new Error(scenario.failure.message)
  const runs: Array<PageRun> = []
  const trace: Array<string> = []
  const startedAt = performance.now()
  await Effect.runPromise(
    runToStatistics(scenario.success, {
      recording: recordingTextSink(),
      page: pageRunSink(runs, makePageDataSink),
      trace: traceSink((chunk) => trace.push(chunk)),
    }).pipe(Effect.provideService(RunPlatform, nodePlatform)),
  )
  return performance.now() - startedAt
}

const median = (values: ReadonlyArray<number>) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

const main = async () => {
  const file = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), "prodcon-playground-bench-")),
    "playground.html",
  )
  fs.writeFileSync(file, await renderPlaygroundPage())
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless"],
  })
  const page = await browser.newPage()
  await page.goto(pathToFileURL(file).href)
  await page.waitForSelector("body[data-ready=true]")
  const pageTimes: Array<number> = []
  const nodeTimes: Array<number> = []
  for (let round = 1; round <= repeats; round++) {
    await page.evaluate(
      `document.body.dataset.ready = "false"; location.hash = ${JSON.stringify(`#scenario=${encodeURIComponent(JSON.stringify({ ...input, seed: round }))}`)}`,
    )
    await page.waitForSelector("body[data-ready=true]", { timeout: 600_000 })
    const status = (await page.locator("[data-role=status]").textContent()) ?? ""
    const seconds = Number(/in ([\d.]+) s$/.exec(status)?.[1])
    pageTimes.push(seconds * 1000)
    nodeTimes.push(await nodeRunMillis(round))
  }
  await browser.close()
  const inPage = median(pageTimes)
  const inNode = median(nodeTimes)
  console.log(`playground run of ${items.toLocaleString("en-US")} items (median of ${repeats}):`)
  console.log(
    `  page (Chromium ${browser.version()}, Web Worker): ${(inPage / 1000).toFixed(2)} s  [${pageTimes.map((t) => (t / 1000).toFixed(2)).join(", ")}]`,
  )
  console.log(
    `  Node ${process.version}, same sinks:            ${(inNode / 1000).toFixed(2)} s  [${nodeTimes.map((t) => (t / 1000).toFixed(2)).join(", ")}]`,
  )
  console.log(`  page / Node: ${(inPage / inNode).toFixed(2)}`)
}

await main()
