/**
 * The playground in headless Chromium, opened from file://: a run in the page gives the very bytes
 * `simulate` writes when given the page's own "command line" (on scenarios of every mode, bounded
 * queues with each whenFull, timeouts); a `#scenario=` link fills the controls and runs; Cancel
 * stops a long run; a bad value is refused with the command line's message; two runs show on one
 * time axis; nothing is requested. Screenshots at a laptop's and a phone's width go to a temporary
 * folder, or to $PAGE_SCREENSHOTS (`PAGE_SCREENSHOTS=docs` makes the README's).
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

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "prodcon-playground-"))
const screenshots = process.env.PAGE_SCREENSHOTS ?? folder

/** Scenarios checked byte for byte: every mode, bounded queues with each whenFull, timeouts. */
export const byteForByteScenarios: ReadonlyArray<ScenarioInput> = [
  {},
  { mode: "sync" },
  { mode: "threads" },
  { mode: "trio" },
  { mode: "async", items: 30, consumers: 2, seed: 7 },
  { mode: "async", capacity: 2, whenFull: "suspend" },
  { mode: "async", capacity: 2, whenFull: "drop", process: "1s" },
  { mode: "async", capacity: 2, whenFull: "slide", process: "1s" },
  { mode: "threads", capacity: 3, whenFull: "drop", consumers: 2 },
  { mode: "threads", capacity: 1, whenFull: "suspend", seed: 3 },
  { mode: "trio", capacity: 1, whenFull: "slide" },
  { mode: "trio", timeout: null, items: 10 },
  { mode: "sync", capacity: 3, whenFull: "drop" },
  { mode: "sync", capacity: 3, whenFull: "slide", producers: 2 },
  { mode: "async", timeout: "4s" },
  { mode: "threads", timeout: "2.5s", seed: 11 },
  { mode: "trio", timeout: "1s", consumers: 3 },
  { mode: "async", produce: "exp(200ms)", process: "exp(300ms)", items: 50, seed: 42 },
  { mode: "async", produce: "poisson(4/s)", process: "lognormal(250ms,100ms)", items: 40, consumers: 2 },
  { mode: "threads", produce: "uniform(10ms,90ms)", process: "50ms", producers: 5, items: 12 },
  {
    mode: "async",
    producers: 3,
    consumers: 4,
    capacity: 5,
    whenFull: "drop",
    produce: "exp(50ms)",
    timeout: "3s",
  },
  { mode: "sync", items: 100, produce: "1ms", process: "2ms", seed: 0 },
]

/** Pipelines checked byte for byte: retries and a bounded queue; weighted branches, drop and slide. */
export const pipelineByteForByteScenarios: ReadonlyArray<ScenarioInput> = [
  {
    producers: 1,
    items: 40,
    produce: "exp(100ms)",
    stages: [
      { name: "receive", workers: 1, process: "exp(50ms)" },
      { name: "parse", workers: 2, process: "exp(150ms)" },
      { name: "store", process: "exp(80ms)", capacity: 2, fail: 0.2, retries: 2, backoff: "exp(50ms)" },
    ],
  },
  {
    producers: 2,
    items: 30,
    seed: 5,
    stages: [
      {
        name: "split",
        process: "exp(20ms)",
        next: [
          { stage: "a", weight: 3 },
          { stage: "b", weight: 1 },
        ],
      },
      { name: "a", workers: 2, process: "exp(300ms)", capacity: 2, whenFull: "drop", next: null },
      { name: "b", process: "exp(400ms)", capacity: 1, whenFull: "slide" },
    ],
  },
]

/** The recording and the trace `simulate` writes, run with the words of the page's command line. */
const simulateFiles = async (commandLine: string, name: string, withTrace = true) => {
  const words = shellWords(commandLine)
  expect(words.slice(0, 4)).toEqual(["npm", "run", "simulate", "--"])
  const out = path.join(folder, `${name}.json`)
  const trace = path.join(folder, `${name}-trace.json`)
  const html = path.join(folder, `${name}.html`)
  const result = await Effect.runPromise(
    runCliCaptured(
      [
        "simulate",
        ...words.slice(4),
        "--quiet",
        "--out",
        out,
        ...(withTrace ? ["--trace", trace] : []),
        "--html",
        html,
      ],
      {
        directory: folder,
      },
    ),
  )
  expect(result.stderr).toBe("")
  expect(result.code).toBe(0)
  return {
    recording: fs.readFileSync(out),
    trace: withTrace ? fs.readFileSync(trace) : undefined,
    page: fs.readFileSync(html),
  }
}

describe.skipIf(!haveChromium)(
  "the playground in headless Chromium",
  { timeout: longTestLimitMillis },
  () => {
    const file = path.join(folder, "playground.html")
    const pages: Array<Page> = []

    beforeAll(async () => {
      fs.writeFileSync(file, await renderPlaygroundPage())
    })
    const browser = chromiumForTests(folder, () =>
      console.log(`Screenshots of the playground: ${screenshots}`),
    )

    const open = async (hash = "", width = 1280): Promise<OpenedPage> => {
      const opened = await openPage(browser(), file, { hash, width, height: 900 })
      pages.push(opened.page)
      return opened
    }

    const link = (input: ScenarioInput) => `#scenario=${encodeURIComponent(JSON.stringify(input))}`

    /**
     * What a click on the link saves. Headless Chromium on a quiet machine sometimes starts no
     * download for a click that comes soon after another one's (the click lands, no download event
     * follows; seen on Node 24's faster test runs, never under load): the link is clicked again then,
     * up to three times, and the bytes it saves are what the test checks.
     */
    const downloaded = async (page: Page, role = "download-recording"): Promise<Buffer> => {
      for (let attempt = 1; ; attempt++) {
        try {
          const [download] = await Promise.all([
            page.waitForEvent("download", { timeout: 10_000 }),
            page.click(`[data-role=${role}]`),
          ])
          return fs.readFileSync(await download.path())
        } catch (error) {
          if (attempt === 3) throw error
        }
      }
    }

    /** Waits for the next run to be drawn, after `act` starts it. */
    const runDrawn = async (page: Page, act: () => Promise<unknown>) => {
      await page.evaluate('document.body.dataset.ready = "false"')
      await act()
      await page.waitForSelector("body[data-ready=true]")
    }

    it("offers the very bytes simulate writes (recording, trace and the run's page) for the command line it shows, on scenarios of every mode, bounded queues with each whenFull and timeouts", async () => {
      expect(byteForByteScenarios.length).toBeGreaterThanOrEqual(20)
      const opened = await open()
      const { page } = opened
      for (const [index, input] of byteForByteScenarios.entries()) {
        await runDrawn(page, () => page.evaluate(`location.hash = ${JSON.stringify(link(input))}`))
        expect(await page.locator("[data-role=problem]").textContent(), JSON.stringify(input)).toBe("")
        const commandLine = (await page.locator("[data-role=cli]").textContent()) ?? ""
        const fromPage = await downloaded(page)
        const fromCli = await simulateFiles(commandLine, `cli-${index}`)
        expect(fromPage.equals(fromCli.recording), `${commandLine}: the page's recording differs`).toBe(true)
        const trace = await downloaded(page, "download-trace")
        expect(
          trace.equals(fromCli.trace ?? Buffer.alloc(0)),
          `${commandLine}: the page's trace differs`,
        ).toBe(true)
        const runPage = await downloaded(page, "download-page")
        expect(runPage.equals(fromCli.page), `${commandLine}: the run's page differs`).toBe(true)
      }
      expect(ownRequests(opened)).toEqual([])
      expect(opened.problems).toEqual([])
    })

    it("runs and draws pipelines, offering the very recording and run page simulate writes for its command line", async () => {
      const opened = await open()
      const { page } = opened
      for (const [index, input] of pipelineByteForByteScenarios.entries()) {
        await runDrawn(page, () => page.evaluate(`location.hash = ${JSON.stringify(link(input))}`))
        expect(await page.locator("[data-role=problem]").textContent(), JSON.stringify(input)).toBe("")
        expect(await page.locator("[data-stage]").count()).toBe(input.stages?.length)
        const commandLine = (await page.locator("[data-role=cli]").textContent()) ?? ""
        expect(commandLine).toContain(" --stage ")
        const fromCli = await simulateFiles(commandLine, `pipeline-${index}`, false)
        const fromPage = await downloaded(page)
        expect(fromPage.equals(fromCli.recording), `${commandLine}: the page's recording differs`).toBe(true)
        const runPage = await downloaded(page, "download-page")
        expect(runPage.equals(fromCli.page), `${commandLine}: the run's page differs`).toBe(true)
        expect(await page.locator("[data-role=stage-heading]").count()).toBe(input.stages?.length)
      }
      // A stage added in the controls is read by the command line's parser, and refused in its words.
      await page.click("[data-role=add-stage]")
      await page.locator("[data-stage]").last().fill("index:workerz=2")
      await page.click("[data-role=run]")
      const cli = await Effect.runPromise(
        runCliCaptured(["simulate", "--stage", "index:workerz=2", "--no-record"]),
      )
      expect(cli.code).toBe(2)
      expect(`prodcon: ${await page.locator("[data-role=problem]").textContent()}\n`).toBe(cli.stderr)
      // Moved and removed: the stages keep the order the rows show.
      const rows = () =>
        page
          .locator("[data-stage]")
          .evaluateAll((fields) => fields.map((field) => (field as { value: string }).value))
      await page.locator("[data-role=stage-up]").nth(3).click()
      await page.locator("[data-role=stage-up]").nth(2).click()
      await page.locator("[data-role=stage-down]").nth(0).click()
      expect((await rows()).map((text) => text.split(":")[0])).toEqual(["index", "split", "a", "b"])
      await page.locator("[data-role=remove-stage]").nth(0).click()
      await page.locator("[data-role=remove-stage]").nth(2).click()
      expect(await rows()).toEqual([
        "split:process=exp(20ms),next=a:3|b:1",
        "a:workers=2,process=exp(300ms),capacity=2,when-full=drop,next=none",
      ])
      expect(ownRequests(opened)).toEqual([])
      expect(opened.problems).toEqual([])
    })

    it("fills the controls from a #scenario= link and runs it, and says its own scenario in the address", async () => {
      const input: ScenarioInput = { mode: "threads", consumers: 2, capacity: 4, whenFull: "drop", seed: 5 }
      const opened = await open(link(input))
      const { page } = opened
      expect(await page.locator("[data-setting=mode]").inputValue()).toBe("threads")
      expect(await page.locator("[data-setting=consumers]").inputValue()).toBe("2")
      expect(await page.locator("[data-setting=whenFull]").inputValue()).toBe("drop")
      expect(await page.locator("[data-role=cli]").textContent()).toBe(
        "npm run simulate -- --mode threads --consumers 2 --capacity 4 --when-full drop --seed 5",
      )
      const table = (await page.locator("[data-role=statistics]").first().textContent()) ?? ""
      expect(table).toContain("threads")
      // Changed in the controls and run again: the address now holds the new scenario.
      await page.fill("[data-setting=consumers]", "3")
      await runDrawn(page, () => page.click("[data-role=run]"))
      const hash = String(await page.evaluate("location.hash"))
      expect(JSON.parse(decodeURIComponent(hash.slice("#scenario=".length)))).toEqual({
        ...input,
        consumers: 3,
      })
      expect(ownRequests(opened)).toEqual([])
    })

    it("draws a finished run before its worker makes the recording's and the trace's files, then offers them", async () => {
      const { page } = await open()
      // What the page holds at the moment it says the run is drawn: making the files (hundreds of
      // megabytes for a long run) while drawing slowed the drawing.
      await page.evaluate(`
        window.linksWhenDrawn = undefined
        new MutationObserver(() => {
          if (document.body.dataset.ready === "true")
            window.linksWhenDrawn ??= document.querySelectorAll("[data-role^=download-]").length
        }).observe(document.body, { attributes: true, attributeFilter: ["data-ready"] })
      `)
      await runDrawn(page, () =>
        page.evaluate(`location.hash = ${JSON.stringify(link({ mode: "async", items: 20 }))}`),
      )
      await page.waitForFunction("window.linksWhenDrawn !== undefined")
      expect(await page.evaluate("window.linksWhenDrawn")).toBe(0)
      expect((await downloaded(page)).toString("utf8")).toContain('"generator"')
      expect((await downloaded(page, "download-trace")).length).toBeGreaterThan(0)
    })

    it("refuses a bad value with the command line's own one-line message, and runs nothing", async () => {
      const { page } = await open()
      const cli = await Effect.runPromise(runCliCaptured(["simulate", "--items", "0", "--no-record"]))
      expect(cli.code).toBe(2)
      await page.fill("[data-setting=items]", "0")
      await page.click("[data-role=run]")
      const message = await page.locator("[data-role=problem]").textContent()
      expect(`prodcon: ${message}\n`).toBe(cli.stderr)
      expect(await page.locator("[data-role=download-recording]").count()).toBe(0)
      await page.fill("[data-setting=items]", "5")
      await page.fill("[data-setting=produce]", "uniform(2s,1s)")
      await page.click("[data-role=run]")
      const distribution = await Effect.runPromise(
        runCliCaptured(["simulate", "--items", "5", "--produce", "uniform(2s,1s)", "--no-record"]),
      )
      expect(`prodcon: ${await page.locator("[data-role=problem]").textContent()}\n`).toBe(
        distribution.stderr,
      )
    })

    it("takes typed text in its fields and Space on its buttons after a run is drawn: the player's keys are for the player", async () => {
      const { page } = await open(link({ items: 3 }))
      await page.click("[data-setting=produce]")
      await page.keyboard.type("uniform(0.5s, 1.5s)")
      expect(await page.locator("[data-setting=produce]").inputValue()).toBe("uniform(0.5s, 1.5s)")
      // Space on the focused Run button runs, as on any button.
      await page.fill("[data-setting=produce]", "")
      await page.fill("[data-setting=items]", "4")
      await page.focus("[data-role=run]")
      await runDrawn(page, () => page.keyboard.press(" "))
      expect(await page.locator("[data-role=status]").textContent()).toMatch(/^run 2: completed/)
    })

    it("has a large-text switch for a projector, that keeps the page within the window", async () => {
      const { page } = await open(link({ items: 4 }), 1024)
      const height = async () => (await page.locator("[data-role=run]").boundingBox())?.height ?? 0
      const before = await height()
      await page.check("[data-role=large-text]")
      expect(await height()).toBeGreaterThan(before * 1.3)
      // The timelines are redrawn to the zoomed width once the resize settles.
      await expect.poll(() => page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(1024)
    })

    it("runs on the real clock when asked, and says so", async () => {
      const { page } = await open(link({ clock: "live", items: 3, produce: "20ms", process: "10ms" }))
      expect(await page.locator("[data-role=status]").textContent()).toMatch(
        /^run 1: completed at 0\.\d{3} s of the real clock, in /,
      )
    })

    it("refuses text that is no whole number in the command line's words", async () => {
      const { page } = await open()
      for (const [key, flag, text] of [
        ["items", "--items", "abc"],
        ["seed", "--seed", "1.5"],
        ["consumers", "--consumers", "99999999999999999"],
      ] as const) {
        const cli = await Effect.runPromise(runCliCaptured(["simulate", flag, text, "--no-record"]))
        expect(cli.code).toBe(2)
        await page.fill(`[data-setting=${key}]`, text)
        await page.click("[data-role=run]")
        const message = await page.locator("[data-role=problem]").textContent()
        expect(`prodcon simulate: ${message} (see --help)\n`).toBe(cli.stderr)
        await page.fill(`[data-setting=${key}]`, "")
      }
    })

    it("refuses a pipeline the command line refuses, in its one line, and runs nothing", async () => {
      const stages = [
        { name: "parse", workers: 2, process: "100ms" },
        { name: "parse", process: "50ms" },
      ]
      const opened = await open(`#scenario=${encodeURIComponent(JSON.stringify({ mode: "async", stages }))}`)
      const message = await opened.page.locator("[data-role=problem]").textContent()
      const cli = await Effect.runPromise(
        runCliCaptured([
          "simulate",
          "--stage",
          "parse:workers=2,process=100ms",
          "--stage",
          "parse:process=50ms",
          "--no-record",
        ]),
      )
      expect(cli.code).toBe(2)
      expect(`prodcon: ${message}\n`).toBe(cli.stderr)
      expect(await opened.page.locator("[data-role=download-recording]").count()).toBe(0)
      expect(opened.problems).toEqual([])
    })

    it("refuses a link that holds no scenario in one line, and runs nothing", async () => {
      const opened = await open(`#scenario=${encodeURIComponent('{"mode":"sync","consumer":2}')}`)
      const message = await opened.page.locator("[data-role=problem]").textContent()
      expect(message).toMatch(/^the link's scenario: consumer: unknown key \(known: mode, /)
      expect(await opened.page.locator("[data-role=download-recording]").count()).toBe(0)
      expect(opened.problems).toEqual([])
    })

    it("cancels a long run, and the page stays usable", async () => {
      const { page } = await open()
      await page.fill("[data-setting=items]", "2000000")
      await page.fill("[data-setting=producers]", "1")
      await page.fill("[data-setting=process]", "1ms")
      await page.fill("[data-setting=produce]", "1ms")
      await page.click("[data-role=run]")
      await page.waitForSelector("[data-role=cancel]:not([disabled])")
      // The progress line moves while the worker runs: the page is not blocked.
      await page.locator("[data-role=status]", { hasText: /of 2,000,000 items/ }).waitFor()
      await page.click("[data-role=cancel]")
      expect(await page.locator("[data-role=status]").textContent()).toBe("cancelled")
      expect(await page.locator("[data-role=run]").isEnabled()).toBe(true)
      await page.fill("[data-setting=items]", "3")
      await runDrawn(page, () => page.click("[data-role=run]"))
      expect(await page.locator("[data-role=status]").textContent()).toMatch(/^run 1: completed/)
    })

    it("shows two runs on one time axis, as --compare's page does; looked at at 1280 and 390 px", async () => {
      for (const width of [1280, 390]) {
        const opened = await open(link({ mode: "async", items: 8 }), width)
        const { page } = opened
        await page.fill("[data-setting=consumers]", "2")
        await runDrawn(page, () => page.click("[data-role=run]"))
        await runDrawn(page, () => page.selectOption("[data-role=compare]", "1"))
        expect(await page.locator("[data-role=statistics]").count()).toBe(2)
        const subtitle = (await page.locator(".subtitle").first().textContent()) ?? ""
        expect(subtitle).toMatch(/async/)
        // The page is never wider than the window.
        expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(width)
        await page.screenshot({
          path: path.join(screenshots, width === 1280 ? "playground.png" : `playground-${width}.png`),
        })
        expect(ownRequests(opened)).toEqual([])
        expect(opened.problems).toEqual([])
      }
    })
  },
)
