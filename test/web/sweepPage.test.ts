/** The sweep's page as a file: the same shell as the run's page, the result embedded as it is, no string as markup. */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { sweepIdentity } from "../../src/core/sweep/plan.ts"
import { runReplication } from "../../src/core/sweep/replicationRun.ts"
import { resultJson } from "../../src/core/sweep/result.ts"
import { runSweep } from "../../src/core/sweep/runner.ts"
import { type SweepPageDocument, sweepPageDocument } from "../../src/core/sweep/sweepDocument.ts"
import { renderSweepPage } from "../../src/page/files/renderPage.ts"
import { plannedOrThrow, smallSweep } from "../experiment/support.ts"

const hostile = "</script><img src=x onerror=alert(1)><!--"

const embedded = (page: string): SweepPageDocument => {
  const json = /<script type="application\/json" id="prodcon-data">([\s\S]*?)<\/script>/.exec(page)?.[1]
  return JSON.parse(json ?? "null")
}

const smallResult = Effect.gen(function* () {
  const plan = plannedOrThrow(smallSweep)
  const result = yield* runSweep(plan, runReplication)
  return { plan, result, document: sweepPageDocument(result, sweepIdentity(plan), "prodcon-sim@test") }
})

describe("the sweep's page file", () => {
  it.effect("embeds the --json result as it is, beside the sweep's description", () =>
    Effect.gen(function* () {
      const { result, document } = yield* smallResult
      const page = yield* Effect.promise(() => renderSweepPage(document))
      const data = embedded(page)
      expect(data.result).toEqual(JSON.parse(resultJson(result)))
      expect(data.varied).toEqual([
        { name: "consumers", values: [1, 2] },
        { name: "process", values: ["exp(150ms)", "lognormal(150ms,50ms)"] },
      ])
      // The scenario every configuration shares: no varied parameter, no seed.
      expect(data.scenario).toMatchObject({ mode: "async", producers: 1, items: 60, produce: "exp(100ms)" })
      expect(Object.keys(data.scenario)).not.toContain("consumers")
      expect(Object.keys(data.scenario)).not.toContain("seed")
      expect(data.changing).toEqual([])
      expect(data.targets).toEqual([
        { target: "latency.p99<=300ms", metric: "latency.p99", comparison: "<=", bound: 0.3 },
        {
          target: "utilization.consumers>=0.5",
          metric: "utilization.consumers",
          comparison: ">=",
          bound: 0.5,
        },
      ])
      expect(data.metrics).toContainEqual({ name: "latency.p99", unit: "seconds" })
      expect(data.generator).toBe("prodcon-sim@test")
    }),
  )

  it.effect("is one self-contained document, in the run page's shell, with the sweep page's own code", () =>
    Effect.gen(function* () {
      const { document } = yield* smallResult
      const page = yield* Effect.promise(() => renderSweepPage(document))
      expect(page.startsWith("<!doctype html>")).toBe(true)
      expect(page.match(/<script/g)).toHaveLength(2)
      expect(page.match(/<\/script>/g)).toHaveLength(2)
      expect(page.match(/<style>/g)).toHaveLength(1)
      expect(page).not.toMatch(/<link|<img|<iframe|\ssrc=|\shref=|@import|url\(\s*['"]?https?:/i)
      expect(page).toMatch(
        /Content-Security-Policy" content="default-src 'none'; script-src 'sha256-[^']+'; style-src 'sha256-[^']+'; img-src 'none'/,
      )
      expect(page).toContain("prodcon-sim sweep")
      // The sweep page's bundle, not the run player's.
      expect(page).not.toContain("next/previous event")
    }),
  )

  it("names the settings that change with the configuration without being varied (a mode's presets)", () => {
    const plan = plannedOrThrow({
      scenario: { items: 5 },
      vary: ["mode=sync,async"],
      replications: 2,
    })
    const document = sweepPageDocument(
      {
        replications: 2,
        confidence: 0.95,
        warmup: 0,
        baseSeed: 1,
        varied: ["mode"],
        scenario: { settings: {}, changing: [] },
        rows: [],
        answer: "",
        chosen: [],
      },
      sweepIdentity(plan),
      "prodcon-sim@test",
    )
    expect(document.changing).toContain("producers")
    expect(Object.keys(document.scenario)).not.toContain("producers")
    expect(document.scenario).toMatchObject({ items: 5 })
  })

  it.effect("embeds a merged share's hostile strings as data only", () =>
    Effect.gen(function* () {
      const { document } = yield* smallResult
      const [first, ...others] = document.result.rows
      if (first === undefined) throw new Error("no rows")
      const tampered: SweepPageDocument = {
        ...document,
        result: {
          ...document.result,
          rows: [{ ...first, parameters: { ...first.parameters, process: hostile } }, ...others],
          answer: hostile,
        },
        varied: [{ name: "process", values: [hostile, "exp(150ms)"] }],
        scenario: { ...document.scenario, produce: hostile },
        generator: hostile,
      }
      const page = yield* Effect.promise(() => renderSweepPage(tampered))
      expect(page).not.toContain("<img")
      expect(page).not.toContain(hostile)
      expect(page.match(/<\/script>/g)).toHaveLength(2)
      const data = embedded(page)
      expect(data.result.answer).toBe(hostile)
      expect(data.result.rows[0]?.parameters.process).toBe(hostile)
      expect(data.scenario.produce).toBe(hostile)
    }),
  )
})
