/** Many actors share lanes: the page's size stays bounded whatever the actor count, and its sums stay true. */
import { describe, expect, it } from "@effect/vitest"
import { consumerName, producerName, type SimEvent } from "../../src/core/engine/events.ts"
import { ActorRoster } from "../../src/core/lifecycle/actorRoster.ts"
import { ActorLanes, mostLanesPerRole } from "../../src/core/pageData/actorLanes.ts"
import { renderPage } from "../../src/page/files/renderPage.ts"
import { foldEvents, foldRun, headerOf } from "./pageRuns.ts"

const sum = (values: ReadonlyArray<number>) => values.reduce((total, value) => total + value, 0)

/** Each producer makes one item over 2 s, a consumer of its own takes it at once and works 1 s on it. */
const oneItemEach = (pairs: number): Array<SimEvent> => {
  const events: Array<SimEvent> = []
  for (let index = 1; index <= pairs; index++) {
    const at = Math.floor((index * 2_000_000) / pairs)
    events.push({ at, type: "produced", actor: producerName(index), item: index, value: index, index: 1 })
    events.push({ at, type: "dequeued", actor: consumerName(index), item: index, value: index })
  }
  for (let index = 1; index <= pairs; index++) {
    const at = Math.floor((index * 2_000_000) / pairs) + 1_000_000
    events.push({ at, type: "processed", actor: consumerName(index), item: index, value: index })
  }
  return events
}

describe("lanes of many actors", () => {
  it("gives each actor its own lane up to the limit, and beyond splits a role into that many lanes of neighbours", () => {
    const lanes = new ActorLanes(new ActorRoster({ producers: 3, consumers: 100 }))
    const actors = lanes.pageActors()
    expect(actors.slice(0, 3)).toEqual([
      { name: "producer-1", role: "producer" },
      { name: "producer-2", role: "producer" },
      { name: "producer-3", role: "producer" },
    ])
    const consumerLanes = actors.slice(3)
    expect(consumerLanes.length).toBeLessThanOrEqual(mostLanesPerRole)
    expect(consumerLanes[0]).toEqual({ name: "consumer-1 … consumer-7", role: "consumer", members: 7 })
    expect(sum(consumerLanes.map((lane) => lane.members ?? 1))).toBe(100)
    expect([lanes.laneOf(2), lanes.laneOf(3), lanes.laneOf(9), lanes.laneOf(10)]).toEqual([2, 3, 3, 4])
    expect(lanes.laneOf(3 + 99)).toBe(actors.length - 1)
  })

  it("adds a lane's members up: busy time, items and done counts agree with the statistics", async () => {
    const run = await foldRun({ mode: "async", producers: 40, consumers: 50, items: 3, capacity: 5 })
    const { actors, columns, detail } = run.data
    expect(actors.length).toBeLessThanOrEqual(2 * mostLanesPerRole)
    const lanesOf = (role: string) => actors.flatMap((actor, index) => (actor.role === role ? [index] : []))
    const membersOf = (role: string) => sum(lanesOf(role).map((lane) => actors[lane]?.members ?? 1))
    expect([membersOf("producer"), membersOf("consumer")]).toEqual([40, 50])
    const busy = sum(lanesOf("consumer").map((lane) => sum(columns.spanMicros[lane] ?? [])))
    const utilization = busy / (run.statistics.elapsed * 1e6 * 50)
    expect(Math.abs(utilization - run.statistics.utilization.consumers)).toBeLessThan(1e-6)
    const items = (role: string) => sum(lanesOf(role).map((lane) => sum(columns.itemCount[lane] ?? [])))
    expect([items("producer"), items("consumer")]).toEqual([run.statistics.produced, run.statistics.consumed])
    // The events name lanes, and the starting states hold no item for a lane of many.
    for (const window of detail.windows) {
      expect(window.start.holding.every((held) => held === null)).toBe(true)
      expect(window.start.done.length === 0 || window.start.done.length === actors.length).toBe(true)
    }
  })

  it("keeps the page under 4 MB whatever the actor count, up to the 100,000 allowed", async () => {
    for (const pairs of [2_500, 50_000]) {
      const header = headerOf({ mode: "async", producers: pairs, consumers: pairs, items: 1 })
      const { end, data, statistics } = foldEvents(header, oneItemEach(pairs), {
        at: 3_000_000,
        reason: "completed",
      })
      const page = await renderPage([{ header, end, data, statistics }])
      expect(data.actors).toHaveLength(2 * mostLanesPerRole)
      expect(page.length).toBeLessThan(4_000_000)
    }
  }, 120_000)
})
