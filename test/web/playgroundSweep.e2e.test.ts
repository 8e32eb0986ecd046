/**
 * The playground's sweep panel in headless Chromium, opened from file://: the result it offers is
 * the very bytes `npm run sweep -- ... --json` prints for the command line it shows (two varied
 * settings, targets with a warm-up, a bounded queue, a setting both in the form and varied); bad
 * values are refused in the command line's words; Cancel stops a sweep and the page stays usable.
 * Screenshots at a laptop's, a phone's and a projector's width (large text on) go to a temporary
 * folder, or to $PAGE_SCREENSHOTS.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { Browser, Page } from "playwright-core"
import type { ScenarioInput } from "../../src/core/scenario/scenario.ts"
import { renderPlaygroundPage } from "../../src/page/files/renderPage.ts"
import { runCliCaptured } from "../support/cli.ts"
import { longTestLimitMillis } from "../support/timeLimits.ts"
import { chromiumForTests, haveChromium, type OpenedPage, openPage } from "./chromium.ts"
import { ownRequests, shellWords } from "./playgroundSupport.ts"

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "prodcon-playground-sweep-"))
const screenshots = process.env.PAGE_SCREENSHOTS ?? folder

interface SweepInput {
  readonly scenario: ScenarioInput
  readonly vary: readonly [string, string?]
  readonly replications?: string
  readonly warmup?: string
  readonly targets?: ReadonlyArray<string>
}

/** Sweeps checked byte for byte, each with the command line the page must show for it. */
const byteForByteSweeps: ReadonlyArray<readonly [SweepInput, string]> = [
  [
    { scenario: {}, vary: ["consumers=1,2", "capacity=none,2"], replications: "4" },
    "npm run sweep -- --vary consumers=1,2 --vary capacity=none,2 --replications 4 --json",
  ],
  [
    {
      scenario: { mode: "threads", items: 10 },
      vary: ["consumers=1,2,3"],
      replications: "5",
      warmup: "1s",
      targets: ["latency.p99<=1s", "utilization.consumers >= 0.5"],
    },
    "npm run sweep -- --mode threads --items 10 --vary consumers=1,2,3 --replications 5 --warmup 1s --target 'latency.p99<=1s' --target 'utilization.consumers >= 0.5' --json",
  ],
  [
    {
      scenario: { mode: "async", capacity: 2, whenFull: "drop", consumers: 2, seed: 9 },
      vary: ["process=exp(300ms),exp(900ms)"],
      replications: "3",
      targets: ["dropRate<0.1"],
    },
    "npm run sweep -- --mode async --consumers 2 --capacity 2 --when-full drop --seed 9 --vary 'process=exp(300ms),exp(900ms)' --replications 3 --target 'dropRate<0.1' --json",
  ],
  [
    // The form's consumers give way to the varied ones, where the command line refuses both.
    { scenario: { consumers: 3, items: 6 }, vary: ["consumers=1,2"], replications: "2" },
    "npm run sweep -- --items 6 --vary consumers=1,2 --replications 2 --json",
  ],
]

const link = (input: ScenarioInput) => `#scenario=${encodeURIComponent(JSON.stringify(input))}`

/** Waits until the page settles again after `act` (a sweep drawn, or refused). */
const settled = async (page: Page, act: () => Promise<unknown>) => {
  await page.evaluate('document.body.dataset.ready = "false"')
  await act()
  await page.waitForSelector("body[data-ready=true]", { timeout: longTestLimitMillis })
}

const fillSweep = async (page: Page, sweep: Omit<SweepInput, "scenario">) => {
  if ((await page.locator("[data-role=sweep-panel][open]").count()) === 0)
    await page.click("[data-role=sweep-panel] summary")
  await page.fill("[data-role=vary-1]", sweep.vary[0])
  await page.fill("[data-role=vary-2]", sweep.vary[1] ?? "")
  await page.fill("[data-role=replications]", sweep.replications ?? "")
  await page.fill("[data-role=warmup]", sweep.warmup ?? "")
  await page.fill("[data-role=targets]", (sweep.targets ?? []).join("\n"))
}

/** How many verdict words overlap another cell's shape, in the page. */
const verdictClashes = `(() => {
  const cells = [...document.querySelectorAll(".sweep-area .verdict-cell")].map((cell) => ({
    word: cell.querySelector("text")?.getBoundingClientRect(),
    shape: [...cell.children].find((child) => child.tagName !== "title" && child.tagName !== "text")?.getBoundingClientRect(),
  }))
  let clashes = 0
  for (const a of cells)
    for (const b of cells)
      if (a !== b && a.word && b.shape && a.word.left < b.shape.right && b.shape.left < a.word.right && a.word.top < b.shape.bottom && b.shape.top < a.word.bottom)
        clashes++
  return clashes
})()`

const downloaded = async (page: Page): Promise<Buffer> => {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click("[data-role=download-sweep]"),
  ])
  return fs.readFileSync(await download.path())
}

describe.skipIf(!haveChromium)(
  "the playground's sweep in headless Chromium",
  { timeout: longTestLimitMillis },
  () => {
    const file = path.join(folder, "playground.html")

    beforeAll(async () => {
      fs.writeFileSync(file, await renderPlaygroundPage())
    })
    const browser = chromiumForTests(folder, () =>
      console.log(`Screenshots of the playground's sweep: ${screenshots}`),
    )

    const open = (hash = "", width = 1366): Promise<OpenedPage> =>
      openPage(browser(), file, { hash, width, height: 900 })

    it("offers the very bytes npm run sweep -- ... --json prints for the command line it shows: two varied settings, targets with a warm-up, a bounded queue", async () => {
      for (const [index, [sweep, expectedLine]] of byteForByteSweeps.entries()) {
        const opened = await open(link(sweep.scenario))
        const { page } = opened
        await fillSweep(page, sweep)
        await settled(page, () => page.click("[data-role=run-sweep]"))
        expect(await page.locator("[data-role=sweep-problem]").textContent(), expectedLine).toBe("")
        const commandLine = (await page.locator("[data-role=sweep-cli]").textContent()) ?? ""
        expect(commandLine).toBe(expectedLine)
        const words = shellWords(commandLine)
        const cli = await Effect.runPromise(
          runCliCaptured(["sweep", ...words.slice(4)], { directory: folder }),
        )
        expect(cli.code, cli.stderr).toBe(0)
        const fromPage = await downloaded(page)
        expect(fromPage.toString("utf8"), `${commandLine}: the page's result differs`).toBe(cli.stdout)
        // Drawn with the sweep page's charts, answer and table of figures.
        const rows = JSON.parse(cli.stdout).rows.length
        expect(await page.locator(".sweep-area .chart").count()).toBeGreaterThan(0)
        expect(await page.locator(".sweep-area .figures tbody tr").count()).toBe(rows)
        expect(await page.locator(".sweep-area [data-role=answer]").textContent()).toBe(
          JSON.parse(cli.stdout).answer,
        )
        if (index === 0) {
          // As many workers as the machine has cores, never more than the runs.
          const cores = Number(await page.evaluate("navigator.hardwareConcurrency"))
          expect(await page.locator("[data-role=sweep-status]").textContent()).toMatch(
            new RegExp(`^sweep: 16 runs in [\\d.]+ s on ${Math.min(Math.max(cores, 1), 16)} workers?$`),
          )
        }
        expect(ownRequests(opened)).toEqual([])
        expect(opened.problems).toEqual([])
        await page.close()
      }
    })

    it("refuses a bad --vary, --replications, --warmup or --target, and a live clock, with the command line's one-line message", async () => {
      const { page } = await open()
      const cases: ReadonlyArray<readonly [Omit<SweepInput, "scenario">, ReadonlyArray<string>]> = [
        [{ vary: ["consumers=1,x"] }, ["--vary", "consumers=1,x"]],
        [{ vary: ["consumer=1,2"] }, ["--vary", "consumer=1,2"]],
        [
          { vary: ["consumers=1,2"], replications: "abc" },
          ["--vary", "consumers=1,2", "--replications", "abc"],
        ],
        [{ vary: ["consumers=1,2"], warmup: "soon" }, ["--vary", "consumers=1,2", "--warmup", "soon"]],
        [
          { vary: ["consumers=1,2"], targets: ["latency.p99<=zz"] },
          ["--vary", "consumers=1,2", "--target", "latency.p99<=zz"],
        ],
      ]
      for (const [sweep, flags] of cases) {
        const cli = await Effect.runPromise(runCliCaptured(["sweep", ...flags]))
        expect(cli.code).toBe(2)
        await fillSweep(page, sweep)
        await settled(page, () => page.click("[data-role=run-sweep]"))
        const message = (await page.locator("[data-role=sweep-problem]").textContent()) ?? ""
        expect([`prodcon: ${message}\n`, `prodcon sweep: ${message} (see --help)\n`]).toContain(cli.stderr)
        expect(await page.locator("[data-role=download-sweep]").count()).toBe(0)
      }
      await page.selectOption("[data-setting=clock]", "live")
      const live = await Effect.runPromise(
        runCliCaptured(["sweep", "--clock", "live", "--vary", "consumers=1,2"]),
      )
      await fillSweep(page, { vary: ["consumers=1,2"] })
      await settled(page, () => page.click("[data-role=run-sweep]"))
      expect(`prodcon: ${await page.locator("[data-role=sweep-problem]").textContent()}\n`).toBe(live.stderr)
    })

    it("cancels a long sweep, and the page stays usable", async () => {
      const { page } = await open()
      await page.fill("[data-setting=items]", "200000")
      await page.fill("[data-setting=producers]", "1")
      await page.fill("[data-setting=produce]", "1ms")
      await page.fill("[data-setting=process]", "1ms")
      await fillSweep(page, { vary: ["consumers=1,2"], replications: "20" })
      await page.click("[data-role=run-sweep]")
      await page.waitForSelector("[data-role=cancel-sweep]:not([disabled])")
      await page.click("[data-role=cancel-sweep]")
      expect(await page.locator("[data-role=sweep-status]").textContent()).toBe("sweep cancelled")
      expect(await page.locator("[data-role=run-sweep]").isEnabled()).toBe(true)
      expect(await page.locator("[data-role=download-sweep]").count()).toBe(0)
      await page.fill("[data-setting=items]", "5")
      await fillSweep(page, { vary: ["consumers=1,2"], replications: "2" })
      await settled(page, () => page.click("[data-role=run-sweep]"))
      expect(await page.locator("[data-role=sweep-status]").textContent()).toMatch(/^sweep: 4 runs in /)
      expect(await page.locator("[data-role=download-sweep]").count()).toBe(1)
    })

    it("fits a laptop's, a phone's and a projector's width (large text on); screenshots taken", async () => {
      const sweep: SweepInput = {
        scenario: { items: 10 },
        vary: ["consumers=1,2,3", "capacity=none,2"],
        replications: "3",
        targets: ["latency.p99<=1s"],
      }
      for (const [width, name, large] of [
        [1366, "playground-sweep.png", false],
        [390, "playground-sweep-390.png", false],
        [1920, "playground-sweep-1920-large.png", true],
      ] as const) {
        const opened = await open(link(sweep.scenario), width)
        const { page } = opened
        if (large) await page.check("[data-role=large-text]")
        await fillSweep(page, sweep)
        await settled(page, () => page.click("[data-role=run-sweep]"))
        await page.locator("[data-role=sweep-panel]").scrollIntoViewIfNeeded()
        // The charts are redrawn to a zoomed width once the resize settles.
        await expect
          .poll(() => page.evaluate("document.documentElement.scrollWidth"))
          .toBeLessThanOrEqual(width)
        // No verdict's word runs into the next value's shape (on a phone the words give way to shapes).
        expect(await page.evaluate(verdictClashes)).toBe(0)
        await page.screenshot({ path: path.join(screenshots, name), fullPage: true })
        expect(opened.problems).toEqual([])
        await page.close()
      }
    })
  },
)
