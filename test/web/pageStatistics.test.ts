/** The statistics object a run's page embeds: the --json one, with a long per-consumer list cut to its extremes. */
import { describe, expect, it } from "@effect/vitest"
import { mostLanesPerRole } from "../../src/core/pageData/actorLanes.ts"
import { pageStatistics } from "../../src/core/pageData/pageStatistics.ts"
import { foldRun } from "./pageRuns.ts"

describe("the page's statistics", () => {
  it("are the --json object itself for a run with a lane per consumer", async () => {
    const { statistics } = await foldRun({ mode: "async", consumers: mostLanesPerRole, items: 3 })
    expect(pageStatistics(statistics)).toBe(statistics)
  })

  it("keep only the least and the most busy of many consumers, and every other figure as it is", async () => {
    const { statistics } = await foldRun({ mode: "async", producers: 4, consumers: 40, items: 5 })
    const shown = pageStatistics(statistics)
    const all = Object.entries(statistics.utilization.byConsumer)
    const least = Math.min(...all.map(([, fraction]) => fraction))
    const most = Math.max(...all.map(([, fraction]) => fraction))
    expect(Object.values(shown.utilization.byConsumer)).toEqual([least, most])
    expect(Object.keys(shown.utilization.byConsumer)).toEqual([
      all.find(([, fraction]) => fraction === least)?.[0],
      [...all].reverse().find(([, fraction]) => fraction === most)?.[0],
    ])
    expect({ ...shown, utilization: undefined }).toEqual({ ...statistics, utilization: undefined })
    expect(shown.utilization.consumers).toBe(statistics.utilization.consumers)
  })
})
