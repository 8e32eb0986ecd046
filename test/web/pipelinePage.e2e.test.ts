/**
 * A pipeline's page in headless Chromium: its stages' headings (an edited recording's name shown
 * as text), one depth track per stage's queue, the stage rows with the bottleneck, and pointing at
 * an item's busy span highlighting its marks in every stage. The screenshot goes to a temporary
 * folder, or to $PAGE_SCREENSHOTS.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import type { Browser, Page } from "playwright-core"
import type { SimEvent } from "../../src/core/engine/events.ts"
import { parseStage } from "../../src/core/scenario/stageText.ts"
import { renderPage } from "../../src/page/files/renderPage.ts"
import { longTestLimitMillis } from "../support/timeLimits.ts"
import { chromiumForTests, haveChromium, openPage } from "./chromium.ts"
import { foldEvents, foldRun, pageRunOf } from "./pageRuns.ts"

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "prodcon-pipeline-page-"))
const screenshots = process.env.PAGE_SCREENSHOTS ?? folder
const hostile = "<img src=x onerror=alert(1)>"

/** Where a busy span of the last stage (`which` of them) lies in full view, at least `wide` pixels wide, and its item. */
const busySpanInView = (page: Page, wide: number, which = "rect.busy.stage-2[data-item]") =>
  page.evaluate(`(() => {
    const timeline = document.querySelector("svg.timeline")
    const plot = timeline.getBoundingClientRect()
    for (const mark of timeline.querySelectorAll(${JSON.stringify(which)})) {
      const box = mark.getBoundingClientRect()
      if (box.width > ${wide} && box.left > plot.left + 140 && box.right < plot.right - 20)
        return { x: box.left + box.width / 2, y: box.top + box.height / 2, item: mark.getAttribute("data-item") }
    }
    return undefined
  })()`) as Promise<{ readonly x: number; readonly y: number; readonly item: string } | undefined>

/** The run with its last stage renamed, as an edited recording could name it. */
const renamed = <T extends { stage?: string | undefined; actor: string }>(
  event: T,
  from: string,
  to: string,
): T => ({
  ...event,
  ...(event.stage === from ? { stage: to } : {}),
  actor: event.actor.startsWith(`${from}-`) ? `${to}${event.actor.slice(from.length)}` : event.actor,
})

describe.skipIf(!haveChromium)(
  "a pipeline's page in headless Chromium",
  { timeout: longTestLimitMillis },
  () => {
    const browser = chromiumForTests(folder)

    it("heads each stage, draws a depth track per queue and highlights a pointed item's path", async () => {
      const run = await foldRun({
        producers: 1,
        items: 300,
        produce: "exp(100ms)",
        stages: [
          "receive:workers=1,process=exp(50ms)",
          "parse:workers=2,process=exp(150ms)",
          "store:workers=1,process=exp(80ms),capacity=2,fail=0.2,retries=1,backoff=exp(50ms)",
        ].map((text) => Result.getOrThrow(parseStage(text))),
      })
      const scenario = {
        ...run.header.scenario,
        stages: (run.header.scenario.stages ?? []).map((stage) =>
          stage.name === "store" ? { ...stage, name: hostile } : stage,
        ),
      }
      const edited = foldEvents(
        { ...run.header, scenario },
        run.events.map((event: SimEvent) => renamed(event, "store", hostile)),
        run.end,
      )
      const file = path.join(folder, "pipeline.html")
      fs.writeFileSync(file, await renderPage([pageRunOf(edited)]))
      const { page, requests, problems } = await openPage(browser(), file)
      expect(await page.locator("body").getAttribute("data-ready")).toBe("true")
      expect(await page.locator("[data-role=stage-heading]").allTextContents()).toEqual([
        "stage 1: receive",
        "stage 2: parse",
        `stage 3: ${hostile}`,
      ])
      expect(await page.locator("img").count()).toBe(0)
      expect(await page.locator("svg.timeline text.lane-label.depth").count()).toBe(3)
      const stageRows = await page.locator("[data-role=stage-statistics]").textContent()
      expect(stageRows).toContain(`bottleneck   ${edited.statistics.bottleneck}`)
      // Zoomed in around the run's middle, an item served in the last stage is pointed at.
      for (let zoom = 0; zoom < 6; zoom++) await page.keyboard.press("ArrowUp")
      const target = await busySpanInView(page, 4)
      if (target === undefined) throw new Error("no busy span of the last stage in view")
      await page.mouse.move(target.x, target.y)
      const timeline = page.locator("svg.timeline")
      expect(await timeline.getAttribute("data-pointed-item")).toBe(target.item)
      expect(await timeline.getAttribute("class")).toContain("pointing")
      const onPath = await page
        .locator(".on-path")
        .evaluateAll((marks) =>
          marks.map((mark) => `${mark.getAttribute("data-item")} ${mark.getAttribute("class")}`),
        )
      for (const stage of ["stage-0", "stage-1", "stage-2"])
        expect(onPath.some((mark) => mark.startsWith(`${target.item} busy `) && mark.includes(stage))).toBe(
          true,
        )
      expect(onPath.every((mark) => mark.startsWith(`${target.item} `))).toBe(true)
      await page.screenshot({ path: path.join(folder, "pipeline-page-pointed.png") })
      await page.mouse.move(5, 5)
      expect(await page.locator(".on-path").count()).toBe(0)
      expect(requests.filter((url) => !url.startsWith("file:"))).toEqual([])
      expect(problems).toEqual([])
    })

    it("draws the README's 3-stage run at a laptop's width (its screenshot: pipeline-page.png)", async () => {
      // The run of `npm run simulate -- --producers 1 --items 2000 --produce "exp(100ms)" --stage ...`.
      const run = await foldRun({
        producers: 1,
        items: 2000,
        produce: "exp(100ms)",
        stages: [
          "receive:workers=1,process=exp(50ms)",
          "parse:workers=2,process=exp(150ms)",
          "store:workers=1,process=exp(80ms),capacity=10,fail=0.1,retries=3,backoff=exp(50ms)",
        ].map((text) => Result.getOrThrow(parseStage(text))),
      })
      const file = path.join(folder, "readme-pipeline.html")
      fs.writeFileSync(file, await renderPage([pageRunOf(run)]))
      const { page, problems } = await openPage(browser(), file, { hash: "#t=60", width: 1366, height: 1000 })
      for (let zoom = 0; zoom < 6; zoom++) await page.keyboard.press("ArrowUp")
      // Pointing at an item served by the last stage shows its path.
      // A failed attempt's item: its path shows the attempt, the retry and the one that succeeded.
      const target = await busySpanInView(page, 8, "rect.busy.failed.stage-2[data-item]")
      if (target !== undefined) await page.mouse.move(target.x, target.y)
      expect(await page.locator("[data-role=stage-heading]").count()).toBe(3)
      await page.screenshot({ path: path.join(screenshots, "pipeline-page.png") })
      expect(problems).toEqual([])
    })
  },
)
