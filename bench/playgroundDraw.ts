/**
 * Drawing a finished run of 10^6 items (the lecture's async scenario at 2 x 500,000) in the
 * playground against the run page, in headless Chromium: the time from the run's data being there to
 * `body[data-ready="true"]` (the run page: from its file's last byte, so its data's parsing counts;
 * the playground: from the worker's answer reaching the page), and the page's JS heap afterwards
 * (after a garbage collection, through the DevTools protocol), with the browser's resident memory
 * (every Chromium process, from ps). The playground then makes more runs of the same size, to weigh
 * what its history keeps per run. Asserts nothing.
 */
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { pathToFileURL } from "node:url"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { chromium, type Page } from "playwright-core"
import { RunPlatform } from "../src/core/engine/runPlatform.ts"
import { makePageDataSink } from "../src/core/pageData/pageDataSink.ts"
import type { PageRun } from "../src/core/pageData/pageRun.ts"
import { runHeader, runToStatistics } from "../src/core/run.ts"
import { resolveScenario, type ScenarioInput } from "../src/core/scenario/scenario.ts"
import { renderPage, renderPlaygroundPage } from "../src/page/files/renderPage.ts"
import { keptRuns } from "../src/page/playground/runHistory.ts"
import { nodePlatform } from "../src/run/nodePlatform.ts"
import { chromiumPath, haveChromium, median } from "./playgroundSpeed.ts"

const millionItems: ScenarioInput = { mode: "async", items: 500_000 }

/** Marks when the page is drawn, and (in the playground) when a worker's finished run arrives. */
const timingScript = `
  window.__readyAt = undefined
  window.__dataAt = undefined
  new MutationObserver(() => {
    if (document.body?.dataset.ready === "true") window.__readyAt ??= performance.now()
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-ready"] })
  const PageWorker = window.Worker
  window.Worker = class extends PageWorker {
    constructor(...args) {
      super(...args)
      this.addEventListener("message", (event) => {
        if (event.data?.kind === "done") window.__dataAt = performance.now()
      })
    }
  }
`

export interface DrawFigures {
  readonly millis: number
  readonly heapMegabytes: number
  readonly browserRssMegabytes: number
}

export interface PlaygroundDraw {
  readonly runPage: ReadonlyArray<DrawFigures>
  readonly runPageBytes: number
  /** One entry per playground run, in order: its history holds the last `kept` of them. */
  readonly playground: ReadonlyArray<DrawFigures>
  readonly kept: number
}

const megabytes = (bytes: number) => bytes / (1024 * 1024)

/** Resident memory of this bench's browser (this process's Chromium child) and every process under it. */
const browserRss = (): number => {
  const table = execFileSync("ps", ["-A", "-o", "pid=,ppid=,rss=,comm="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .map(([pid, parent, rss, command]) => [Number(pid), Number(parent), Number(rss), command] as const)
  const root = table.find(([, parent, , command]) => parent === process.pid && command === "chromium")?.[0]
  if (root === undefined) return Number.NaN
  const inTree = new Set([root])
  for (let grew = true; grew; ) {
    grew = false
    for (const [pid, parent] of table)
      if (inTree.has(parent) && !inTree.has(pid)) {
        inTree.add(pid)
        grew = true
      }
  }
  return table.filter(([pid]) => inTree.has(pid)).reduce((sum, [, , rss]) => sum + rss / 1024, 0)
}

const heapAfterCollection = async (page: Page): Promise<number> => {
  const session = await page.context().newCDPSession(page)
  await session.send("HeapProfiler.collectGarbage")
  const { usedSize } = await session.send("Runtime.getHeapUsage")
  await session.detach()
  return megabytes(usedSize)
}

const millionItemRun = async (): Promise<PageRun> => {
  const scenario = resolveScenario(millionItems)
  if (Result.isFailure(scenario)) throw new Error(scenario.failure.message)
  const run = await Effect.runPromise(
    runToStatistics(scenario.success, { page: makePageDataSink() }).pipe(
      Effect.provideService(RunPlatform, nodePlatform),
    ),
  )
  return { header: runHeader(scenario.success), end: run.end, data: run.page, statistics: run.statistics }
}

const readyTimes = (page: Page) =>
  page.evaluate(
    `({ readyAt: window.__readyAt, dataAt: window.__dataAt, loadedAt: performance.getEntriesByType("navigation")[0].responseEnd })`,
  ) as Promise<{ readyAt: number; dataAt: number | undefined; loadedAt: number }>

/** `repeats` openings of the run page, then `runs` runs in one playground page; undefined without Chromium. */
export const measurePlaygroundDraw = async (
  repeats: number,
  runs: number,
): Promise<PlaygroundDraw | undefined> => {
  if (!haveChromium()) return undefined
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "prodcon-playground-draw-"))
  const runPageFile = path.join(folder, "run.html")
  fs.writeFileSync(runPageFile, await renderPage([await millionItemRun()]))
  const playgroundFile = path.join(folder, "playground.html")
  fs.writeFileSync(playgroundFile, await renderPlaygroundPage())
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--headless"],
  })
  const limit = { timeout: 600_000 }
  try {
    const runPage: Array<DrawFigures> = []
    for (let round = 0; round < repeats; round++) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
      await page.addInitScript(timingScript)
      await page.goto(pathToFileURL(runPageFile).href)
      await page.waitForSelector("body[data-ready=true]", limit)
      const { readyAt, loadedAt } = await readyTimes(page)
      runPage.push({
        millis: readyAt - loadedAt,
        heapMegabytes: await heapAfterCollection(page),
        browserRssMegabytes: browserRss(),
      })
      await page.close()
    }
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    await page.addInitScript(timingScript)
    await page.goto(pathToFileURL(playgroundFile).href)
    await page.waitForSelector("body[data-ready=true]", limit)
    const playground: Array<DrawFigures> = []
    for (let run = 1; run <= runs; run++) {
      const link = `#scenario=${encodeURIComponent(JSON.stringify({ ...millionItems, seed: run }))}`
      await page.evaluate(
        `window.__readyAt = undefined; document.body.dataset.ready = "false"; location.hash = ${JSON.stringify(link)}`,
      )
      await page.waitForSelector("body[data-ready=true]", limit)
      const { readyAt, dataAt } = await readyTimes(page)
      playground.push({
        millis: readyAt - (dataAt ?? Number.NaN),
        heapMegabytes: await heapAfterCollection(page),
        browserRssMegabytes: browserRss(),
      })
    }
    return { runPage, runPageBytes: fs.statSync(runPageFile).size, playground, kept: keptRuns }
  } finally {
    await browser.close()
    fs.rmSync(folder, { recursive: true, force: true })
  }
}

const list = (values: ReadonlyArray<number>, digits = 0) =>
  values.map((value) => value.toFixed(digits)).join(", ")

export const printPlaygroundDraw = (draw: PlaygroundDraw): void => {
  const [first] = draw.playground
  const full = draw.playground.at(-1)
  if (first === undefined || full === undefined) return
  const runPageMillis = median(draw.runPage.map(({ millis }) => millis))
  const playgroundMillis = median(draw.playground.map(({ millis }) => millis))
  const runPageHeap = median(draw.runPage.map(({ heapMegabytes }) => heapMegabytes))
  // What each kept run adds to the heap, from the first run to the last (within a history not full).
  const perKeptRun =
    (full.heapMegabytes - first.heapMegabytes) / Math.max(1, Math.min(draw.kept, draw.playground.length) - 1)
  console.log("drawing a finished 10^6-item run (2 x 500,000 items, async), data to body[data-ready]:")
  console.log(
    `  run page (${(draw.runPageBytes / 1e6).toFixed(1)} MB file): ${runPageMillis.toFixed(0)} ms [${list(draw.runPage.map(({ millis }) => millis))}], JS heap ${runPageHeap.toFixed(1)} MB, browser RSS ${list(draw.runPage.map(({ browserRssMegabytes }) => browserRssMegabytes))} MB`,
  )
  console.log(
    `  playground: ${playgroundMillis.toFixed(0)} ms [${list(draw.playground.map(({ millis }) => millis))}] (page / run page ${(playgroundMillis / runPageMillis).toFixed(2)})`,
  )
  console.log(
    `  playground JS heap after runs 1..${draw.playground.length}: ${list(
      draw.playground.map(({ heapMegabytes }) => heapMegabytes),
      1,
    )} MB (keeps the last ${draw.kept}; about ${perKeptRun.toFixed(1)} MB each), browser RSS ${list(
      draw.playground.map(({ browserRssMegabytes }) => browserRssMegabytes),
    )} MB`,
  )
}
