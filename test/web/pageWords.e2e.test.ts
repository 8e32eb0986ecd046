/**
 * What the run's page says, for a student rather than for the command line: its panes' titles, its
 * figures rounded to what a reader can take in with the exact value on hover, the engine's internal
 * settings folded away, and the counts at a playhead that stands on an event. In headless Chromium.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import type { Browser } from "playwright-core"
import type { PageRun } from "../../src/core/pageData/pageRun.ts"
import { renderPage } from "../../src/page/files/renderPage.ts"
import { chromiumForTests, haveChromium, type OpenedPage, openPage } from "./chromium.ts"
import { foldRun, pageRunOf } from "./pageRuns.ts"

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "prodcon-words-"))

describe.skipIf(!haveChromium)("the run page's words, in headless Chromium", () => {
  const browser = chromiumForTests(folder, () => fs.rmSync(folder, { recursive: true, force: true }))

  const open = async (name: string, runs: ReadonlyArray<PageRun>, hash = ""): Promise<OpenedPage> => {
    const file = path.join(folder, name)
    fs.writeFileSync(file, await renderPage(runs))
    return openPage(browser(), file, { hash })
  }

  const lecture = foldRun({ mode: "async" })

  it("titles the lines pane for what it is, rounds figures beside the pictures with the exact value on hover, and keeps the table exact", async () => {
    const run = await lecture
    const { page, problems } = await open("words.html", [pageRunOf(run)], "#t=5.2")
    expect(problems).toEqual([])
    expect(await page.locator(".side h3").first().textContent()).toBe("What the program printed so far")
    expect(await page.getAttribute("[data-role=lines]", "aria-label")).toBe("what the program printed so far")
    expect(run.statistics.latency.p50).toBe(0.800745)
    const p50 = page.locator("svg.histogram text.percentile-label").first()
    expect(await p50.evaluate((label) => label.firstChild?.textContent)).toBe("p50 0.801 s")
    expect(await p50.locator("title").textContent()).toBe("latency.p50 = 0.800745 s (800,745 µs)")
    expect(await page.getAttribute(".run-head h2", "title")).toBe("completed at 21.1221 s (21,122,100 µs)")
    const waiting = page.locator("[data-role=queue] ol.waiting li")
    expect(await waiting.first().textContent()).toBe("value 36 from producer-2, waiting 500 ms")
    expect(await waiting.first().getAttribute("title")).toBe("waiting 0.499755 s (499,755 µs)")
    expect(await page.textContent("[data-role=statistics] tr[data-path='latency.p50'] td.value")).toBe(
      "0.800745",
    )
    await page.close()
  })

  it("folds the engine's own settings (handoff, pollInterval, generator) under details", async () => {
    const { page, problems } = await open("settings.html", [pageRunOf(await lecture)])
    expect(problems).toEqual([])
    const names = (selector: string) => page.locator(selector).allTextContents()
    expect(await names(".run-head details.engine-settings dt")).toEqual([
      "handoff",
      "pollInterval",
      "generator",
    ])
    const shown = await names(".run-head .settings > dl dt")
    expect(shown).toContain("producers")
    expect(shown.filter((name) => ["handoff", "pollInterval", "generator"].includes(name))).toEqual([])
    expect(await page.locator(".run-head details.engine-settings").getAttribute("open")).toBeNull()
    await page.close()
  })

  it("counts an item made exactly at the playhead: at 0 s each producer has made its first", async () => {
    const run = await lecture
    expect(run.events.filter((event) => event.at === 0 && event.type === "produced")).toHaveLength(2)
    const { page, problems } = await open("at-zero.html", [pageRunOf(run)], "#t=0")
    expect(problems).toEqual([])
    const holding = await page.locator("[data-role=queue] ul.holding li").allTextContents()
    expect(holding.slice(0, 2)).toEqual(["producer-1 made 1 of 20", "producer-2 made 1 of 20"])
    // The consumer picked the first item up at 0 s too: one waits.
    expect(await page.textContent("[data-role=queue] .queue-title")).toBe("Queue: 1 waiting (oldest first)")
    const lines = await page.locator("[data-role=lines] > *").allTextContents()
    expect(lines.filter((line) => line.trim() === "-- generated item 1")).toHaveLength(2)
    await page.close()
  })
})
