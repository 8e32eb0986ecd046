/**
 * The HTML player in a real browser: Debian's headless Chromium, driven by playwright-core. It opens
 * pages from file://, checks that nothing is requested, that lanes, counts and the statistics table
 * match the run, that the keyboard plays, steps and seeks with the lines pane showing what
 * `replay --until` prints, that a 10^6-item page draws (its time is logged), and that a hostile
 * actor name shows as text. Screenshots go to a temporary folder, or to $PAGE_SCREENSHOTS
 * (`PAGE_SCREENSHOTS=docs npx vitest run test/web/page.e2e.test.ts` makes the README's).
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import type { Browser, Page } from "playwright-core"
import type { PageRun } from "../../src/core/pageData/pageRun.ts"
import { renderPage } from "../../src/page/files/renderPage.ts"
import { parseTimeHash } from "../../src/page/player/playhead.ts"
import { statisticsRows } from "../../src/page/player/statisticsRows.ts"
import { longTestLimitMillis } from "../support/timeLimits.ts"
import { afterNextFrame, chromiumForTests, haveChromium, type OpenedPage, openPage } from "./chromium.ts"
import { foldMillionItemRun } from "./millionItemRun.ts"
import { type FoldedRun, foldEvents, foldRun, pageRunOf, terminalLines } from "./pageRuns.ts"

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "prodcon-page-"))
const screenshots = process.env.PAGE_SCREENSHOTS ?? folder

describe.skipIf(!haveChromium)(
  "the HTML player in headless Chromium",
  { timeout: longTestLimitMillis },
  () => {
    const browser = chromiumForTests(folder, () =>
      console.log(`Screenshots of the page: ${screenshots}${screenshots === folder ? "" : ` and ${folder}`}`),
    )
    const pages: Array<Page> = []

    const write = async (name: string, runs: ReadonlyArray<PageRun>): Promise<string> => {
      const file = path.join(folder, name)
      fs.writeFileSync(file, await renderPage(runs))
      return file
    }

    const open = async (file: string, hash = ""): Promise<OpenedPage> => {
      const opened = await openPage(browser(), file, { hash })
      pages.push(opened.page)
      return opened
    }

    const paneLines = (page: Page, index = 0) =>
      page.locator("[data-role=lines]").nth(index).locator(":scope > *").allTextContents()

    /** Resolves when the time readout, watched for changes, shows a time past `micros`. */
    const untilReadoutPasses = (page: Page, micros: number) =>
      page.evaluate(`new Promise((resolve) => {
      const readout = document.querySelector("[data-role=time]")
      const passed = () => parseFloat(readout.textContent.slice(4).replaceAll(",", "")) > ${micros / 1e6}
      if (passed()) return resolve()
      new MutationObserver((_, observer) => {
        if (passed()) observer.disconnect() || resolve()
      }).observe(readout, { childList: true, characterData: true, subtree: true })
    })`)

    const playhead = async (page: Page): Promise<number> => {
      const at = parseTimeHash(String(await page.evaluate("location.hash")))
      if (at === undefined) throw new Error("the page did not write #t=")
      return at
    }

    /** The lines `replay --until` prints just past the page's playhead (the whole replay at the end). */
    const expectedLines = (run: FoldedRun, at: number) =>
      at >= run.end.at ? terminalLines(run) : terminalLines(run, at + 1)

    const lecture = foldRun({ mode: "async" })

    it("opens the lecture run from file://, requests nothing, and shows its lanes, marks and statistics", async () => {
      const run = await lecture
      const { page, url, requests, problems } = await open(
        await write("async.html", [pageRunOf(run)]),
        "#t=5.2",
      )
      expect(requests).toEqual([url])
      expect(problems).toEqual([])
      const lanes = await page.locator("svg.timeline .lane-label title").allTextContents()
      expect(lanes).toEqual(["producer-1", "producer-2", "waits", "consumer-1", "queue depth"])
      const count = (selector: string) => page.locator(selector).count()
      expect(await count("svg.timeline rect.busy")).toBe(run.statistics.consumed)
      expect(await count("svg.timeline path.stamp")).toBe(run.statistics.produced)
      expect(await count("svg.timeline rect.wait")).toBe(run.statistics.produced)
      expect(await page.textContent("[data-role=notice]")).toBe(
        "Every event drawn: the page holds all 120 events of this run.",
      )
      const cells = (selector: string) =>
        page.locator(`[data-role=statistics] tbody tr ${selector}`).allTextContents()
      const [paths, values, units] = await Promise.all([cells("th"), cells("td.value"), cells("td.unit")])
      const table = paths.map((rowPath, index) => ({
        path: rowPath,
        value: values[index],
        unit: units[index],
      }))
      expect(table).toEqual(statisticsRows(run.statistics))
      // Every name on one line, the longest (utilization.byConsumer.consumer-1) included: a wrapped
      // name ran into its value.
      const nameHeights = await page
        .locator("[data-role=statistics] tbody th")
        .evaluateAll((names) => names.map((name) => name.getBoundingClientRect().height))
      expect(new Set(nameHeights).size).toBe(1)
      expect(await page.textContent(".run-head h2")).toBe("async · seed 1 · completed at 21.122 s")
      expect(await paneLines(page)).toEqual(terminalLines(run, 5_200_001))
      await page.screenshot({ path: path.join(screenshots, "page-async.png"), fullPage: true })
    })

    it("plays, steps and seeks with the keyboard and the mouse, the lines pane always what replay --until prints", async () => {
      const run = await lecture
      const { page, problems } = await open(await write("async-keys.html", [pageRunOf(run)]), "#t=5.2")
      const check = async () => {
        const at = await playhead(page)
        expect(await paneLines(page)).toEqual(expectedLines(run, at))
        return at
      }
      await page.keyboard.press(".")
      const stepped = await check()
      const nextInstant = run.events.find((event) => event.at > 5_200_000)?.at ?? -1
      expect(stepped).toBe(nextInstant)
      await page.keyboard.press(".")
      await page.keyboard.press(".")
      const further = await check()
      await page.keyboard.press(",")
      expect(await check()).toBeLessThan(further)
      await page.keyboard.press("ArrowRight")
      expect(await check()).toBeGreaterThan(stepped)
      await page.keyboard.press("+")
      await page.keyboard.press("+")
      expect(await page.inputValue("[data-role=speed]")).toBe("5")
      await page.keyboard.press("-")
      expect(await page.inputValue("[data-role=speed]")).toBe("2")
      const before = await playhead(page)
      await page.keyboard.press(" ")
      // Played until its time readout (to the millisecond) is past 0.4 s on, however slow the frames.
      await untilReadoutPasses(page, before + 401_000)
      await page.keyboard.press(" ")
      expect(await check()).toBeGreaterThan(before + 400_000)
      // A click on the lanes seeks to the time under the pointer.
      const box = await page.locator("svg.timeline").boundingBox()
      if (box === null) throw new Error("no timeline")
      await page.mouse.click(box.x + box.width * 0.8, box.y + 60)
      expect(await check()).toBeGreaterThan(14_000_000)
      await page.keyboard.press("End")
      expect(await check()).toBe(run.end.at)
      expect(problems).toEqual([])
    })

    it("zooms and pans with the keys, the wheel and a drag on the time axis", async () => {
      const { page, problems } = await open(
        await write("async-zoom.html", [pageRunOf(await lecture)]),
        "#t=10",
      )
      const ticks = () => page.locator("svg.timeline text.tick").allTextContents()
      const whole = await ticks()
      await page.keyboard.press("ArrowUp")
      await page.keyboard.press("ArrowUp")
      const zoomed = await ticks()
      expect(zoomed).not.toEqual(whole)
      const box = await page.locator("svg.timeline").boundingBox()
      if (box === null) throw new Error("no timeline")
      // A drag to the left along the axis shows later times.
      await page.mouse.move(box.x + box.width * 0.6, box.y + 10)
      await page.mouse.down()
      await page.mouse.move(box.x + box.width * 0.4, box.y + 10, { steps: 4 })
      await page.mouse.up()
      const panned = await ticks()
      expect(Number.parseFloat(panned[0] ?? "")).toBeGreaterThan(Number.parseFloat(zoomed[0] ?? ""))
      await page.mouse.move(box.x + box.width * 0.5, box.y + 80)
      await page.mouse.wheel(0, -300)
      expect(await ticks()).not.toEqual(panned)
      await page.keyboard.press("f")
      expect(await ticks()).toEqual(whole)
      expect(problems).toEqual([])
    })

    it("compares runs stacked on one time axis, with one playhead", async () => {
      const runs = [await foldRun({ mode: "sync" }), await lecture]
      const { page, problems } = await open(await write("compare.html", runs.map(pageRunOf)), "#t=8")
      const sections = page.locator("section.run")
      expect([
        await sections.nth(0).getAttribute("data-mode"),
        await sections.nth(1).getAttribute("data-mode"),
      ]).toEqual(["sync", "async"])
      const axis = async (nth: number) => {
        const ticks = page.locator("svg.timeline").nth(nth).locator("text.tick")
        const xs = await Promise.all(
          Array.from({ length: await ticks.count() }, (_, i) => ticks.nth(i).getAttribute("x")),
        )
        return { xs, labels: await ticks.allTextContents() }
      }
      const ticks = [await axis(0), await axis(1)]
      expect(ticks[1]).toEqual(ticks[0])
      const head = (nth: number) => page.locator("svg.timeline .playhead").nth(nth).getAttribute("transform")
      const heads = [await head(0), await head(1)]
      expect(new Set(heads).size).toBe(1)
      for (const [index, run] of runs.entries())
        expect(await paneLines(page, index)).toEqual(terminalLines(run, 8_000_001))
      expect(problems).toEqual([])
      await page.screenshot({ path: path.join(screenshots, "page-compare.png"), fullPage: true })
    })

    it("past a shorter run's end, shows that run as it ended, its times stopped there", async () => {
      const [sync, trio] = [
        await foldRun({ mode: "sync", items: 5 }),
        await foldRun({ mode: "trio", items: 5 }),
      ]
      expect(trio.end).toEqual({ at: 5_000_000, reason: "timeout" })
      expect(sync.end.at).toBeGreaterThan(7_000_000)
      const file = await write("ended.html", [pageRunOf(sync), pageRunOf(trio)])
      const trioPane = async (seconds: number) => {
        const { page, problems } = await open(file, `#t=${seconds}`)
        expect(problems).toEqual([])
        const pane = page.locator("[data-role=queue]").nth(1)
        return {
          title: await pane.locator(".queue-title").textContent(),
          holding: await pane.locator("ul.holding li").allTextContents(),
        }
      }
      const atEnd = await trioPane(5)
      const later = await trioPane(7)
      // The consumer was cut off mid-item: 2 s later it has not been processing it 2 s longer.
      expect(later.holding).toEqual(atEnd.holding)
      expect(later.holding.some((line) => line.includes("processing value 25"))).toBe(true)
      expect(later.title).toBe("Queue: 0 waiting, as the run ended (timeout) at 5.000 s")
    })

    it("names the item a blocked producer holds in its box, and puts no drop's label across a stamp", async () => {
      const blocked = await foldRun({ mode: "async", capacity: 2, process: "1500ms", items: 8 })
      const dropping = await foldRun({ mode: "async", capacity: 3, whenFull: "drop", process: "1s" })
      const { page, problems } = await open(
        await write("labels.html", [pageRunOf(blocked), pageRunOf(dropping)]),
      )
      expect(problems).toEqual([])
      const first = page.locator(".run").nth(0)
      // The stamp's #n lay under the box's "blocked": the box carries it now.
      const boxes = await first.locator("svg.timeline text.label-on-dark").allTextContents()
      expect(boxes.filter((text) => /^#\d+ blocked$/.test(text)).length).toBeGreaterThan(4)
      const second = page.locator(".run").nth(1)
      const boxesOf = (selector: string) =>
        second
          .locator(selector)
          .evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().toJSON()))
      const [labels, stamps] = await Promise.all([
        boxesOf("svg.timeline text.drop-text"),
        boxesOf("svg.timeline path.stamp"),
      ])
      const crossing = labels.filter((label) =>
        stamps.some(
          (stamp) =>
            stamp.left < label.right &&
            label.left < stamp.right &&
            stamp.top < label.bottom &&
            label.top < stamp.bottom,
        ),
      )
      expect(crossing).toEqual([])
    })

    it("draws the histogram of a run where no item waited: a readable axis and a visible bar at 0", async () => {
      const run = await foldRun({ mode: "async", producers: 2, items: 5, consumers: 6, process: "100ms" })
      expect(run.statistics.latency.max).toBe(0)
      const { page, problems } = await open(await write("no-wait.html", [pageRunOf(run)]))
      expect(problems).toEqual([])
      const chart = page.locator("svg.histogram")
      // Ticks over a millisecond (the axis was one microsecond wide), the last one inside the chart.
      expect(await chart.locator("text.tick").allTextContents()).toEqual([
        "0.0000 s",
        "0.0005 s",
        "0.0010 s",
        "10",
        "0",
      ])
      const [chartBox, lastTick, bar] = await Promise.all([
        chart.boundingBox(),
        chart.locator("text.tick").nth(2).boundingBox(),
        chart.locator("path.histogram-bar").boundingBox(),
      ])
      expect(
        lastTick !== null && chartBox !== null && lastTick.x + lastTick.width <= chartBox.x + chartBox.width,
      ).toBe(true)
      expect(bar?.width).toBeGreaterThanOrEqual(3)
    })

    it("shows a hostile generator as text, never as markup", async () => {
      const hostile = "<img src=x onerror=alert(1)>"
      const run = await foldRun({ mode: "async", items: 3 })
      // The mode is one of four literals and actor names come from the scenario's counts (a recording
      // with others is refused); the generator is a free string.
      const renamed = foldEvents({ ...run.header, generator: hostile }, run.events, run.end)
      const { page, problems } = await open(await write("hostile.html", [pageRunOf(renamed)]), "#t=1")
      await afterNextFrame(page)
      expect(problems).toEqual([])
      expect(await page.locator("img").count()).toBe(0)
      expect(await page.textContent(".run-head")).toContain(hostile)
      expect(await page.title()).toBe("prodcon-sim: async")
    })

    it("draws thousands of actors as lanes of many, says what each aggregates, and lists no actor one by one", async () => {
      const run = await foldRun({
        mode: "async",
        producers: 1600,
        consumers: 800,
        items: 2,
        capacity: 200,
        process: "1s",
      })
      const { page, problems } = await openPage(
        browser(),
        await write("many-actors.html", [pageRunOf(run)]),
        {
          width: 1280,
        },
      )
      pages.push(page)
      expect(problems).toEqual([])
      const labels = page.locator("svg.timeline .lane-label")
      // The label's own text (its tooltip, a child, holds the members' names).
      const shown = await labels.evaluateAll((texts) => texts.map((text) => text.firstChild?.textContent))
      expect(shown.slice(0, 2)).toEqual(["100 producers", "100 producers"])
      expect((await labels.locator("title").allTextContents()).slice(0, 1)).toEqual([
        "producer-1 … producer-100",
      ])
      expect(await labels.count()).toBe(2 * 16 + 2)
      expect(await page.textContent("[data-role=notice]")).toMatch(
        /^Aggregates: 2,400 actors in 32 lanes, each lane of many drawing its members' mean busy or blocked share .* The page holds all 18,600 events: the lines and the queue beside list them\.$/,
      )
      // Drawn from the columns: the consumers' mean busy share and the producers' blocked share, no single box.
      expect(await page.locator("svg.timeline path.consumer-fill").count()).toBe(16)
      expect(await page.locator("svg.timeline path[fill*=blocked]").count()).toBe(16)
      expect(await page.locator("svg.timeline rect.busy").count()).toBe(0)
      expect(await page.textContent("[data-role=queue]")).toContain("100 producers, made ")
      expect(await page.textContent("[data-role=statistics] caption")).toBe(
        "Statistics (the --json object of this run; of the 800 consumers' utilization, the least and the most busy)",
      )
      expect(await page.locator("[data-role=statistics] tbody th").count()).toBeLessThan(50)
      await page.screenshot({ path: path.join(screenshots, "page-many-actors.png"), fullPage: true })
    }, 120_000)

    it("shows a bidi override in a generator as its escape, not as text turned around", async () => {
      const run = await foldRun({ mode: "async", items: 1 })
      const reversed = foldEvents({ ...run.header, generator: "prodcon\u202egpj.exe" }, run.events, run.end)
      const { page, problems } = await open(await write("bidi.html", [pageRunOf(reversed)]))
      expect(problems).toEqual([])
      const head = (await page.textContent(".run-head")) ?? ""
      expect(head).toContain("prodcon\\u{202e}gpj.exe")
      expect(head).not.toContain("\u202e")
    })

    it("draws a 1,000,000-item run from a page under 10 MB, in aggregates, and logs how long that took", async () => {
      const run = await foldMillionItemRun()
      const file = await write("million.html", [run])
      const bytes = fs.statSync(file).size
      const { page, problems, drawMillis } = await open(file)
      const inPage = await page.evaluate("Math.round(performance.now())")
      console.log(
        `10^6-item page: ${(bytes / 1e6).toFixed(2)} MB, drawn ${Math.round(drawMillis)} ms after navigation started (${inPage} ms of page time), ${run.data.detail.heldEvents} of ${run.data.detail.runEvents} events held`,
      )
      expect(bytes).toBeLessThan(10_000_000)
      expect(problems).toEqual([])
      expect(await page.textContent("[data-role=notice]")).toMatch(/^Aggregates: /)
      await page.screenshot({ path: path.join(folder, "page-million.png") })
      // Zoomed into a stretch the page holds, it draws that stretch event by event, and its lines.
      const held = run.data.detail.windows[1]
      if (held === undefined) throw new Error("the page holds no second stretch")
      await page.evaluate(`location.hash = "#t=${Math.round((held.from + held.until) / 2) / 1e6}"`)
      for (let zoom = 0; zoom < 14; zoom++) await page.keyboard.press("ArrowUp")
      expect(await page.textContent("[data-role=notice]")).toBe("Every event in view drawn.")
      const lines = await page.locator("[data-role=lines] > *").allTextContents()
      expect(lines[0]).toMatch(/^\(the lines before .* are not held in this page\)$/)
      expect(lines.at(-1)).toMatch(/^Until /)
      expect(await page.locator("svg.timeline rect.busy").count()).toBeGreaterThan(10)
      await page.screenshot({ path: path.join(folder, "page-million-zoomed.png") })
    }, 120_000)
  },
)
