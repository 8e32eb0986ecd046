/** The HTML player as a file: one self-contained page, nothing fetched, no recorded string as markup. */
import { describe, expect, it } from "@effect/vitest"
import { renderPage, scriptSafeJson } from "../../src/page/files/renderPage.ts"
import { foldEvents, foldRun, pageRunOf } from "./pageRuns.ts"

const hostile = "</script><img src=x onerror=alert(1)><!--"

const embedded = (page: string): unknown => {
  const json = /<script type="application\/json" id="prodcon-data">([\s\S]*?)<\/script>/.exec(page)?.[1]
  return JSON.parse(json ?? "null")
}

describe("the page file", () => {
  it("writes JSON that no string can break out of", () => {
    const text = scriptSafeJson({ name: hostile })
    expect(text).not.toContain("<")
    expect(JSON.parse(text)).toEqual({ name: hostile })
  })

  it("is one self-contained document: inline script and style, a policy that forbids every request", async () => {
    const run = await foldRun({ mode: "async" })
    const page = await renderPage([pageRunOf(run)])
    expect(page.startsWith("<!doctype html>")).toBe(true)
    expect(page.match(/<script/g)).toHaveLength(2)
    expect(page.match(/<\/script>/g)).toHaveLength(2)
    expect(page.match(/<style>/g)).toHaveLength(1)
    expect(page).not.toMatch(/<link|<img|<iframe|\ssrc=|\shref=|@import|url\(\s*['"]?https?:/i)
    expect(page).toMatch(
      /Content-Security-Policy" content="default-src 'none'; script-src 'sha256-[^']+'; style-src 'sha256-[^']+'; img-src 'none'/,
    )
    expect(embedded(page)).toEqual({ runs: [JSON.parse(JSON.stringify(pageRunOf(run)))] })
  })

  it("embeds a hostile recording's strings as data only", async () => {
    // Actor names come from the scenario's counts, so the free string a recording can carry is its generator.
    const run = await foldRun({ mode: "async", items: 2 })
    const header = { ...run.header, generator: hostile }
    const page = await renderPage([pageRunOf(foldEvents(header, run.events, run.end))])
    expect(page).not.toContain("<img")
    expect(page).not.toContain(hostile)
    expect(page.match(/<\/script>/g)).toHaveLength(2)
    const runs = (
      embedded(page) as {
        runs: Array<{ header: { generator: string }; data: { actors: Array<{ name: string }> } }>
      }
    ).runs
    expect(runs[0]?.header.generator).toBe(hostile)
    expect(runs[0]?.data.actors.map((actor) => actor.name)).toEqual([
      "producer-1",
      "producer-2",
      "consumer-1",
    ])
  })
})
