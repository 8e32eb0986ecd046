/**
 * The pages' layout at the widths people open them at: a phone (390 px), a tablet (768), a
 * projector (1024), a laptop (1280) and a desktop (1920). At each, no pane's box intersects another's
 * and the page is no wider than the window. Screenshots at the phone, projector and laptop widths go
 * to a temporary folder (or $PAGE_SCREENSHOTS), for a person to look at. And the theme: light or dark
 * as the system prefers, a switch to choose, light on paper.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { Browser, Page } from "playwright-core"
import { sweepIdentity } from "../../src/core/sweep/plan.ts"
import { runReplication } from "../../src/core/sweep/replicationRun.ts"
import { runSweep } from "../../src/core/sweep/runner.ts"
import { sweepPageDocument } from "../../src/core/sweep/sweepDocument.ts"
import { generator } from "../../src/core/version.ts"
import { renderPage, renderSweepPage } from "../../src/page/files/renderPage.ts"
import { plannedOrThrow } from "../experiment/support.ts"
import { chromiumForTests, haveChromium, openPage } from "./chromium.ts"
import { foldRun, pageRunOf } from "./pageRuns.ts"

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "prodcon-layout-"))
const screenshots = process.env.PAGE_SCREENSHOTS ?? folder

const widths = [390, 768, 1024, 1280, 1920] as const
const photographed = new Set<number>([390, 1024, 1280])

/** The panes of each run section, and the page's own bands, that must never overlap. */
const runPanes = [
  ".page-head",
  ".controls",
  ".legend-box",
  ".run-head",
  ".notice",
  ".timeline-box",
  "[data-role=statistics]",
  ".side h3",
  "[data-role=lines]",
  "[data-role=queue]",
  "svg.histogram",
]
const sweepPanes = [
  ".sweep-head .page-head",
  "[data-role=answer]",
  ".description",
  "[data-role=chart]",
  ".figures-box",
  ".legend-box",
]

interface Found {
  readonly pageWidth: number
  readonly windowWidth: number
  readonly outside: ReadonlyArray<string>
  readonly overlaps: ReadonlyArray<string>
  readonly panes: number
}

interface Box {
  readonly name: string
  readonly left: number
  readonly right: number
  readonly top: number
  readonly bottom: number
}

/** Every pane's box (of every section), the pairs that intersect, and those reaching past the window. */
const layoutOf = async (page: Page, selectors: ReadonlyArray<string>): Promise<Found> => {
  const boxes: Array<Box> = []
  for (const selector of selectors) {
    const rects = await page
      .locator(selector)
      .evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().toJSON()))
    for (const [index, rect] of rects.entries()) {
      const { left, right, top, bottom } = rect as Omit<Box, "name">
      boxes.push({ name: `${selector}#${index}`, left, right, top, bottom })
    }
  }
  const overlaps: Array<string> = []
  for (const [index, a] of boxes.entries()) {
    for (const b of boxes.slice(index + 1)) {
      // Boxes that only touch (within a pixel) do not overlap.
      const across = Math.min(a.right, b.right) - Math.max(a.left, b.left)
      const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)
      if (across > 1 && down > 1) overlaps.push(`${a.name} with ${b.name}`)
    }
  }
  const windowWidth = Number(await page.evaluate("window.innerWidth"))
  return {
    pageWidth: Number(await page.evaluate("document.documentElement.scrollWidth")),
    windowWidth,
    outside: boxes.filter((box) => box.left < -1 || box.right > windowWidth + 1).map(({ name }) => name),
    overlaps,
    panes: boxes.length,
  }
}

describe.skipIf(!haveChromium)(
  "the pages' layout at phone, tablet, projector, laptop and desktop widths",
  () => {
    const browser = chromiumForTests(folder, () => console.log(`Screenshots of the layouts: ${screenshots}`))

    const write = async (name: string, html: string): Promise<string> => {
      const file = path.join(folder, name)
      fs.writeFileSync(file, html)
      return file
    }

    const expectLaidOut = async (file: string, name: string, selectors: ReadonlyArray<string>, hash = "") => {
      for (const width of widths) {
        const { page, problems } = await openPage(browser(), file, { width, height: 900, hash })
        const found = await layoutOf(page, selectors)
        if (photographed.has(width))
          await page.screenshot({ path: path.join(screenshots, `${name}-${width}.png`), fullPage: true })
        await page.close()
        expect(problems).toEqual([])
        expect({ width, ...found, panes: found.panes > selectors.length }).toEqual({
          width,
          pageWidth: width,
          windowWidth: width,
          outside: [],
          overlaps: [],
          panes: true,
        })
      }
    }

    it("lays out the run's page without overlap, no wider than the window", async () => {
      const run = await foldRun({ mode: "async" })
      const file = await write("run.html", await renderPage([pageRunOf(run)]))
      await expectLaidOut(file, "layout-run", runPanes, "#t=5.2")
    }, 180_000)

    it("lays out the comparison page without overlap, no wider than the window", async () => {
      const runs = [await foldRun({ mode: "sync" }), await foldRun({ mode: "async" })]
      const file = await write("compare.html", await renderPage(runs.map(pageRunOf)))
      await expectLaidOut(file, "layout-compare", runPanes, "#t=8")
    }, 180_000)

    it("follows the system's light or dark preference, switches theme on request, and prints light", async () => {
      const file = await write(
        "theme.html",
        await renderPage([pageRunOf(await foldRun({ mode: "async", items: 3 }))]),
      )
      /** The ground's lightness, 0 (black) to 255 (white). */
      const ground = async (page: Page) => {
        const color = String(await page.evaluate("getComputedStyle(document.body).backgroundColor"))
        const [red = 0, green = 0, blue = 0] = (color.match(/[0-9.]+/g) ?? []).map(Number)
        return (red + green + blue) / 3
      }
      const inLight = await openPage(browser(), file, { colorScheme: "light" })
      expect(await ground(inLight.page)).toBeGreaterThan(200)
      await inLight.page.screenshot({ path: path.join(screenshots, "theme-light.png"), fullPage: true })
      const inDark = await openPage(browser(), file, { colorScheme: "dark" })
      expect(await ground(inDark.page)).toBeLessThan(60)
      await inDark.page.emulateMedia({ media: "print" })
      expect(await ground(inDark.page)).toBeGreaterThan(200)
      await inDark.page.emulateMedia({ media: "screen" })
      const switchTheme = inDark.page.locator("[data-role=theme]")
      await switchTheme.click()
      expect(await switchTheme.getAttribute("data-theme")).toBe("light")
      expect(await ground(inDark.page)).toBeGreaterThan(200)
      await switchTheme.click()
      expect(await switchTheme.getAttribute("data-theme")).toBe("dark")
      expect(await ground(inDark.page)).toBeLessThan(60)
      expect([...inLight.problems, ...inDark.problems]).toEqual([])
      await inLight.page.close()
      await inDark.page.close()
    })

    it("lays out the sweep's page without overlap, no wider than the window", async () => {
      const plan = plannedOrThrow({
        scenario: { producers: 1, items: 500, produce: "exp(100ms)", process: "lognormal(250ms,150ms)" },
        vary: ["consumers=2,3,4", "capacity=5,20,none"],
        replications: 3,
        targets: ["latency.p99<=500ms"],
      })
      const result = await Effect.runPromise(runSweep(plan, runReplication))
      const file = await write(
        "sweep.html",
        await renderSweepPage(sweepPageDocument(result, sweepIdentity(plan), generator)),
      )
      await expectLaidOut(file, "layout-sweep", sweepPanes)
    }, 180_000)
  },
)
