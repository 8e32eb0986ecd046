/**
 * The sweep's page in a real browser (headless Chromium, as for the run's page): opened from
 * file://, it requests nothing, draws a chart per metric with every configuration's mean and
 * confidence bar, the targets' verdicts by shape and word, the answer and the table of figures, and
 * shows a merged share's hostile strings as text. Screenshots go to a temporary folder, or to
 * $PAGE_SCREENSHOTS (`PAGE_SCREENSHOTS=docs npx vitest run test/web/sweepPage.e2e.test.ts` makes
 * the README's docs/sweep-page.png).
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { Browser, Page } from "playwright-core"
import { perWorkerText } from "../../src/core/scenario/loadText.ts"
import { describeFixedScenario, formatEstimate } from "../../src/core/sweep/figures.ts"
import { type SweepOptions, sweepIdentity } from "../../src/core/sweep/plan.ts"
import { runReplication } from "../../src/core/sweep/replicationRun.ts"
import { runSweep } from "../../src/core/sweep/runner.ts"
import { type SweepPageDocument, sweepPageDocument } from "../../src/core/sweep/sweepDocument.ts"
import { generator } from "../../src/core/version.ts"
import { renderSweepPage } from "../../src/page/files/renderPage.ts"
import { chartOrder, verdictMarks } from "../../src/page/sweep/metricChart.ts"
import { plannedOrThrow } from "../experiment/support.ts"
import { longTestLimitMillis } from "../support/timeLimits.ts"
import { afterNextFrame, chromiumForTests, haveChromium, openPage } from "./chromium.ts"

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "prodcon-sweep-page-"))
const screenshots = process.env.PAGE_SCREENSHOTS ?? folder

/** The README's sizing question: how many consumers keep the p99 wait under 500 ms? */
const sizing = (vary: ReadonlyArray<string>): SweepOptions => ({
  scenario: { producers: 1, items: 2000, produce: "exp(100ms)", process: "lognormal(250ms,150ms)" },
  vary,
  replications: 10,
  warmup: "60s",
  targets: ["latency.p99<=500ms"],
})

const documentOf = async (options: SweepOptions): Promise<SweepPageDocument> => {
  const plan = plannedOrThrow(options)
  const result = await Effect.runPromise(runSweep(plan, runReplication))
  return sweepPageDocument(result, sweepIdentity(plan), generator)
}

describe.skipIf(!haveChromium)(
  "the sweep's page in headless Chromium",
  { timeout: longTestLimitMillis },
  () => {
    const browser = chromiumForTests(folder, () =>
      console.log(
        `Screenshots of the sweep's page: ${screenshots}${screenshots === folder ? "" : ` and ${folder}`}`,
      ),
    )
    const oneParameter = documentOf(sizing(["consumers=2,3,4,5"]))
    const twoParameters = documentOf(sizing(["consumers=2,3,4", "capacity=5,20,none"]))

    const write = async (name: string, document: SweepPageDocument): Promise<string> => {
      const file = path.join(folder, name)
      fs.writeFileSync(file, await renderSweepPage(document))
      return file
    }

    const texts = (page: Page, selector: string) => page.locator(selector).allTextContents()

    /** What every sweep page must show of its document, whatever its layout. */
    const expectDrawn = async (page: Page, document: SweepPageDocument) => {
      const { rows } = document.result
      expect(await page.textContent("[data-role=answer]")).toBe(document.result.answer)
      const charts = page.locator("[data-role=chart]")
      const metrics = await charts.evaluateAll((figures) =>
        figures.map((figure) => figure.getAttribute("data-metric")),
      )
      expect(metrics).toEqual(chartOrder(document))
      for (const metric of metrics) {
        const chart = page.locator(`[data-role=chart][data-metric="${metric}"]`)
        const summaries = rows.map((row) => row.metrics[metric as string])
        const withMean = summaries.filter((summary) => summary?.mean !== null && summary?.mean !== undefined)
        expect(await chart.locator(".point").count()).toBe(withMean.length)
        expect(await chart.locator(".point .ci-bar").count()).toBe(
          withMean.filter((summary) => summary?.halfWidth !== null).length,
        )
      }
      // Each mean stands within its bar, and the bar is as long as the interval says (it is not flat).
      const p99 = page.locator('[data-role=chart][data-metric="latency.p99"]')
      for (const [index, row] of rows.entries()) {
        const point = p99.locator(`.point[data-row="${index}"]`)
        const bar = await point.locator(".ci-bar").boundingBox()
        const mark = await point.locator(".verdict-shape").boundingBox()
        if (bar === null || mark === null) throw new Error(`row ${index} has no bar or no mark`)
        const middle = mark.y + mark.height / 2
        expect(middle).toBeGreaterThanOrEqual(bar.y - 0.5)
        expect(middle).toBeLessThanOrEqual(bar.y + bar.height + 0.5)
        const verdict = row.targets[0]?.verdict
        expect(await point.locator(".verdict-shape").getAttribute("class")).toBe(`verdict-shape ${verdict}`)
      }
      // The verdicts under the axis: a shape and a word for every configuration.
      const cells = p99.locator(".verdict-cell")
      expect(await cells.count()).toBe(rows.length)
      const words = await cells.evaluateAll((groups) =>
        groups.map((group) => [
          Number(group.getAttribute("data-row")),
          group.querySelector("text")?.textContent,
        ]),
      )
      for (const [index, word] of words) {
        const outcome = rows[index as number]?.targets[0]
        expect(word).toBe(verdictMarks[outcome?.verdict ?? "met"].word)
      }
      // The table: a line per configuration, the figures spelled as the terminal table spells them.
      const lines = page.locator("[data-role=figures] tbody tr")
      expect(await lines.count()).toBe(rows.length)
      // The fixed scenario in one sentence: what arrives, how fast on average, what a service takes.
      expect(await page.textContent(".sweep-head")).toContain(describeFixedScenario(document.result.scenario))
      // After the parameters, each configuration's offered load, an unstable one marked and explained.
      const loadColumn = document.varied.length + 1
      expect(await texts(page, `[data-role=figures] tbody tr td:nth-child(${loadColumn})`)).toEqual(
        rows.map((row) => `${perWorkerText(row.load)}${row.load.unstable ? " ! unstable" : ""}`),
      )
      expect(await page.locator("[data-role=unstable]").count()).toBe(
        rows.some((row) => row.load.unstable) ? 1 : 0,
      )
      const p99Column = loadColumn + 1
      expect(await texts(page, `[data-role=figures] tbody tr td:nth-child(${p99Column})`)).toEqual(
        rows.map((row) =>
          formatEstimate(row.metrics["latency.p99"] ?? { mean: null, halfWidth: null, min: null, max: null }),
        ),
      )
      // Drawn to the window's width: nothing sticks out sideways.
      expect(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).toBe(true)
    }

    it("shows a one-parameter sweep from file://, requesting nothing: every point with its bar, the verdicts and the figures", async () => {
      const document = await oneParameter
      const { page, url, requests, problems } = await openPage(browser(), await write("one.html", document), {
        width: 1400,
        height: 900,
      })
      expect(requests).toEqual([url])
      expect(problems).toEqual([])
      expect(await page.title()).toBe("prodcon-sim sweep: consumers")
      await expectDrawn(page, document)
      expect(await texts(page, '[data-metric="latency.p99"] .tick.value')).toEqual(["2", "3", "4", "5"])
      expect(await page.locator(".legend li").count()).toBe(5)
      await page.screenshot({ path: path.join(folder, "sweep-one.png"), fullPage: true })
    }, 120_000)

    it("draws two varied parameters as one series per value of the second", async () => {
      const document = await twoParameters
      const { page, problems } = await openPage(browser(), await write("two.html", document), {
        width: 1400,
        height: 900,
      })
      expect(problems).toEqual([])
      await expectDrawn(page, document)
      expect(await texts(page, '[data-metric="latency.p99"] .tick.value')).toEqual(["2", "3", "4"])
      expect(await texts(page, ".legend li span")).toEqual(
        expect.arrayContaining(["capacity=5", "capacity=20", "capacity=none"]),
      )
      // Three series, each a line through its three points, drawn side by side at each value.
      const p99 = page.locator('[data-role=chart][data-metric="latency.p99"]')
      expect(await p99.locator("path.series-line").count()).toBe(3)
      const xs = await p99
        .locator(".point")
        .evaluateAll((points) =>
          points.map((point) => point.querySelector(".ci-bar")?.getBoundingClientRect().x),
        )
      expect(new Set(xs).size).toBe(9)
      await page.screenshot({ path: path.join(screenshots, "sweep-page.png"), fullPage: true })
    }, 120_000)

    it("shows a merged share's hostile strings as text, never as markup", async () => {
      const hostile = "<img src=x onerror=alert(1)>"
      const document = await oneParameter
      const [first, ...others] = document.result.rows
      if (first === undefined) throw new Error("no rows")
      const tampered: SweepPageDocument = {
        ...document,
        result: {
          ...document.result,
          rows: [{ ...first, parameters: { consumers: hostile } }, ...others],
          answer: hostile,
        },
        varied: [{ name: "consumers", values: [hostile, 3, 4, 5] }],
        scenario: { ...document.scenario, process: hostile },
        generator: hostile,
      }
      const { page, problems } = await openPage(browser(), await write("hostile.html", tampered))
      await afterNextFrame(page)
      expect(problems).toEqual([])
      expect(await page.locator("img").count()).toBe(0)
      expect(await page.textContent("[data-role=answer]")).toBe(hostile)
      expect(await page.textContent(".sweep-head")).toContain(`process${hostile}`)
      expect(await page.textContent("[data-role=figures] tbody tr td")).toBe(hostile)
      expect(await page.locator('[data-metric="latency.p99"] .point title').first().textContent()).toContain(
        hostile,
      )
    }, 120_000)
  },
)
