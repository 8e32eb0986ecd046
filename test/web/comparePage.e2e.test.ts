/**
 * The comparison page tells the truth, in headless Chromium: its subtitle says what differs between
 * the runs, and the runs share the queue depth's and the latency histogram's scales (a switch frees
 * them), so that 20 waiting items do not look like 4.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import type { Browser, Page } from "playwright-core"
import { renderPage } from "../../src/page/files/renderPage.ts"
import { chromiumForTests, haveChromium, openPage } from "./chromium.ts"
import { foldRun, pageRunOf } from "./pageRuns.ts"

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "prodcon-compare-"))

describe.skipIf(!haveChromium)("the comparison page in headless Chromium", () => {
  const browser = chromiumForTests(folder, () => fs.rmSync(folder, { recursive: true, force: true }))

  /** Each run's depth scale (the depth lane's words) and its histogram's tick labels. */
  const scales = async (page: Page) => {
    const sections = page.locator("section.run")
    return Promise.all(
      [0, 1].map(async (index) => ({
        depth: await sections.nth(index).locator("svg.timeline text.lane-role").last().textContent(),
        histogram: await sections.nth(index).locator("svg.histogram text.tick").allTextContents(),
      })),
    )
  }

  it("says what differs between sync and async, and draws both on the same scales unless freed", async () => {
    const [sync, async] = [await foldRun({ mode: "sync" }), await foldRun({ mode: "async" })]
    expect([sync.statistics.queue.maxDepth, async.statistics.queue.maxDepth]).toEqual([20, 4])
    const file = path.join(folder, "compare.html")
    fs.writeFileSync(file, await renderPage([pageRunOf(sync), pageRunOf(async)]))
    const { page, problems } = await openPage(browser(), file, { hash: "#t=8" })
    expect(problems).toEqual([])
    const subtitle = await page.textContent(".page-head .subtitle")
    expect(subtitle).toContain("they differ in producers (sync 1, async 2)")
    expect(subtitle).not.toContain("the same scenario")
    const shared = await scales(page)
    expect(shared.map(({ depth }) => depth)).toEqual(["0 – 20 items", "0 – 20 items"])
    expect(shared[1]?.histogram).toEqual(shared[0]?.histogram)
    await page.locator("[data-role=shared-scales]").click()
    const own = await scales(page)
    expect(own.map(({ depth }) => depth)).toEqual(["0 – 20 items", "0 – 4 items"])
    expect(own[1]?.histogram).not.toEqual(own[0]?.histogram)
    await page.close()
  })

  it("shows a single run on its own scales, with no switch", async () => {
    const file = path.join(folder, "single.html")
    fs.writeFileSync(file, await renderPage([pageRunOf(await foldRun({ mode: "async" }))]))
    const { page, problems } = await openPage(browser(), file)
    expect(problems).toEqual([])
    expect(await page.locator("[data-role=shared-scales]").count()).toBe(0)
    expect(await page.locator("svg.timeline text.lane-role").last().textContent()).toBe("0 – 4 items")
    await page.close()
  })
})
