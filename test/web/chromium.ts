/**
 * Headless Chromium for the pages' browser tests: Debian's `chromium` driven by playwright-core.
 * Opens a page from file://, recording every request it makes and every error or dialog, and
 * waits until the page says it is drawn (`<body data-ready="true">`).
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { pathToFileURL } from "node:url"
import { afterAll, beforeAll } from "@effect/vitest"
import { type Browser, chromium, type Page } from "playwright-core"
import { testLimitMillis } from "../support/timeLimits.ts"

export const chromiumPath = "/usr/bin/chromium"
export const haveChromium = fs.existsSync(chromiumPath)
if (!haveChromium) {
  console.warn(
    `Skipping the browser tests: ${chromiumPath} is missing (apt-get install -y chromium; .ci/run does it).`,
  )
}

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--no-sandbox",
      "--headless",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
    ],
  })

/**
 * One Chromium for the tests of the describe block it is called in: launched before them, closed
 * after them, when the pages they wrote to `folder` go too (screenshots stay, for a person to look
 * at) and `afterwards` runs. Answers the browser, for the tests to open their pages in.
 */
export const chromiumForTests = (folder: string, afterwards?: () => void): (() => Browser) => {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    for (const file of fs.readdirSync(folder)) if (file.endsWith(".html")) fs.rmSync(path.join(folder, file))
    afterwards?.()
  })
  return () => {
    if (browser === undefined) throw new Error("Chromium has not been launched for these tests")
    return browser
  }
}

export interface OpenedPage {
  readonly page: Page
  readonly url: string
  readonly requests: Array<string>
  readonly problems: Array<string>
  readonly drawMillis: number
}

export const openPage = async (
  browser: Browser,
  file: string,
  options: {
    readonly hash?: string
    readonly width?: number
    readonly height?: number
    readonly colorScheme?: "light" | "dark"
  } = {},
): Promise<OpenedPage> => {
  const page = await browser.newPage({
    viewport: { width: options.width ?? 1500, height: options.height ?? 1000 },
    colorScheme: options.colorScheme ?? "dark",
  })
  const requests: Array<string> = []
  const problems: Array<string> = []
  page.on("request", (request) => requests.push(request.url()))
  page.on("pageerror", (error) => problems.push(`error: ${error.message}`))
  page.on("dialog", (dialog) => {
    problems.push(`dialog: ${dialog.message()}`)
    void dialog.dismiss()
  })
  const url = pathToFileURL(file).href
  const started = performance.now()
  await page.goto(`${url}${options.hash ?? ""}`)
  await page.waitForSelector("body[data-ready=true]", { timeout: testLimitMillis })
  return { page, url, requests, problems, drawMillis: performance.now() - started }
}

/**
 * Resolves once the page has drawn another frame and run what that frame queued, rather than after
 * a fixed time: what it drew is then in the document (where a name turned into markup would show
 * as an element).
 */
export const afterNextFrame = (page: Page): Promise<unknown> =>
  page.evaluate("new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)))")
