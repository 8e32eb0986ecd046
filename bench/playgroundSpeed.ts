/**
 * The playground's run against Node's: the same scenario (10^5 items by default) through the same
 * engine and the same sinks (the recording's text, the page's data, the trace), once in the page's
 * Web Worker in headless Chromium and once in this Node process, in turn, several times; prints the
 * medians and their ratio. Asserts nothing. `npm run bench -- playground` runs it (with the drawing
 * case, playgroundDraw.ts); alone: `node --import tsx bench/playgroundSpeed.ts [ITEMS]`. Without
 * Chromium it answers nothing, and the bench says the case was skipped.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
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

export const chromiumPath = "/usr/bin/chromium"
export const haveChromium = (): boolean => fs.existsSync(chromiumPath)

const scenarioOf = (items: number): ScenarioInput => ({
  mode: "async",
  producers: 1,
  items,
  produce: "exp(10ms)",
  process: "exp(8ms)",
})

const nodeRunMillis = async (input: ScenarioInput, seed: number): Promise<number> => {
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

export const median = (values: ReadonlyArray<number>) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

export interface PlaygroundSpeed {
  readonly items: number
  readonly chromium: string
  /** Each round's run, in milliseconds: in the page's worker, and in this Node process. */
  readonly pageMillis: ReadonlyArray<number>
  readonly nodeMillis: ReadonlyArray<number>
}

/** `repeats` rounds, each a run in the page then the same run in Node; undefined without Chromium. */
export const measurePlaygroundSpeed = async (
  items: number,
  repeats: number,
): Promise<PlaygroundSpeed | undefined> => {
  if (!haveChromium()) return undefined
  const input = scenarioOf(items)
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "prodcon-playground-bench-"))
  const file = path.join(folder, "playground.html")
  fs.writeFileSync(file, await renderPlaygroundPage())
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--headless"],
  })
  try {
    const page = await browser.newPage()
    await page.goto(pathToFileURL(file).href)
    await page.waitForSelector("body[data-ready=true]")
    const pageMillis: Array<number> = []
    const nodeMillis: Array<number> = []
    for (let round = 1; round <= repeats; round++) {
      await page.evaluate(
        `document.body.dataset.ready = "false"; location.hash = ${JSON.stringify(`#scenario=${encodeURIComponent(JSON.stringify({ ...input, seed: round }))}`)}`,
      )
      await page.waitForSelector("body[data-ready=true]", { timeout: 600_000 })
      const status = (await page.locator("[data-role=status]").textContent()) ?? ""
      pageMillis.push(Number(/in ([\d.]+) s$/.exec(status)?.[1]) * 1000)
      nodeMillis.push(await nodeRunMillis(input, round))
    }
    return { items, chromium: browser.version(), pageMillis, nodeMillis }
  } finally {
    await browser.close()
    fs.rmSync(folder, { recursive: true, force: true })
  }
}

const secondsList = (values: ReadonlyArray<number>) => values.map((t) => (t / 1000).toFixed(2)).join(", ")

/** The figures as the bench prints them: both medians and their ratio. */
export const printPlaygroundSpeed = (speed: PlaygroundSpeed): void => {
  const inPage = median(speed.pageMillis)
  const inNode = median(speed.nodeMillis)
  console.log(
    `playground run of ${speed.items.toLocaleString("en-US")} items (median of ${speed.pageMillis.length}, in turn):`,
  )
  console.log(
    `  page (Chromium ${speed.chromium}, Web Worker): ${(inPage / 1000).toFixed(2)} s  [${secondsList(speed.pageMillis)}]`,
  )
  console.log(
    `  Node ${process.version}, same sinks:            ${(inNode / 1000).toFixed(2)} s  [${secondsList(speed.nodeMillis)}]`,
  )
  console.log(`  page / Node: ${(inPage / inNode).toFixed(2)} (target: within 1.5)`)
}

if (import.meta.main ?? process.argv[1] === fileURLToPath(import.meta.url)) {
  const speed = await measurePlaygroundSpeed(
    Number(process.argv[2] ?? 100_000),
    Number(process.env.BENCH_REPEATS ?? 3),
  )
  if (speed === undefined) console.log(`playground speed: skipped, ${chromiumPath} is missing`)
  else printPlaygroundSpeed(speed)
}
