/** What a comparison page's subtitle says about its runs: the settings that differ, never "the same" when they are not. */
import { describe, expect, it } from "@effect/vitest"
import { comparisonSubtitle, scenarioDifferences } from "../../src/page/player/comparison.ts"
import { headerOf } from "./pageRuns.ts"

describe("the comparison's subtitle", () => {
  it("names what differs between the course's modes: sync ran 1 producer, async 2", () => {
    const headers = [headerOf({ mode: "sync" }), headerOf({ mode: "async" })]
    expect(scenarioDifferences(headers)).toEqual([
      { name: "producers", values: ["1", "2"] },
      { name: "start", values: ["production-first", "together"] },
    ])
    expect(comparisonSubtitle(headers)).toBe(
      "sync vs async on one time axis with one playhead: they differ in producers (sync 1, async 2), start (sync production-first, async together); everything else is the same",
    )
  })

  it("says the scenario and seed are the same only when they are", () => {
    const headers = [headerOf({ mode: "async" }), headerOf({ mode: "async" })]
    expect(scenarioDifferences(headers)).toEqual([])
    expect(comparisonSubtitle(headers)).toBe(
      "async vs async: the same scenario and seed in each mode, on one time axis with one playhead",
    )
  })

  it("lists every difference, the seed and the engine's settings included", () => {
    const headers = [headerOf({ mode: "async", seed: 1 }), headerOf({ mode: "threads", seed: 2 })]
    expect(scenarioDifferences(headers).map(({ name }) => name)).toEqual(
      expect.arrayContaining(["seed", "handoff"]),
    )
    expect(comparisonSubtitle(headers)).toContain("seed (async 1, threads 2)")
  })
})
