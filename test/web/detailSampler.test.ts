/** Detail windows of a long run: bounded, spread over the run, exact, each with its true starting state. */
import { describe, expect, it } from "@effect/vitest"
import type { SimEvent } from "../../src/core/engine/events.ts"
import { decodeWindow } from "../../src/core/pageData/detailEvents.ts"
import { eventTypeCode } from "../../src/core/pageData/pageData.ts"
import { RunState } from "../../src/core/pageData/runState.ts"
import { defined, foldEvents, foldRun, headerOf } from "./pageRuns.ts"

const budget = { chunkEvents: 50, keptChunks: 4, snapshotItems: 3 }
const plain = ({ at, type, actor, item, value }: SimEvent) => ({ at, type, actor, item, value })

describe("the detail sampler", () => {
  const longRun = foldRun(
    {
      mode: "async",
      items: 600,
      capacity: 3,
      whenFull: "suspend",
      produce: "exp(400ms)",
      process: "exp(450ms)",
    },
    { detail: budget },
  )

  it("keeps a bounded number of events, spread from the start to the end of the run", async () => {
    const { data, end, events } = await longRun
    const { windows, heldEvents, runEvents } = data.detail
    expect(runEvents).toBe(events.length)
    expect(heldEvents).toBeLessThanOrEqual((budget.keptChunks + 3) * 2 * budget.chunkEvents)
    expect(heldEvents).toBeLessThan(runEvents / 2)
    expect(windows[0]?.from).toBe(0)
    expect(windows[windows.length - 1]?.until).toBe(end.at + 1)
    for (const [index, window] of windows.entries()) {
      if (index > 0) expect(window.from).toBeGreaterThanOrEqual(defined(windows[index - 1]).until)
    }
    // Evenly spread: some window starts in each third of the run.
    for (const third of [0, 1, 2]) {
      expect(windows.some((w) => w.from >= (third * end.at) / 3 && w.from < ((third + 1) * end.at) / 3)).toBe(
        true,
      )
    }
  })

  it("holds exactly the run's events in each window, starting from the run's true state there", async () => {
    const { data, events } = await longRun
    const state = new RunState()
    const actorIndex = new Map(data.actors.map((actor, index) => [actor.name, index]))
    let next = 0
    for (const window of data.detail.windows) {
      while (next < events.length && defined(events[next]).at < window.from) {
        const event = defined(events[next++])
        state.apply(
          event.at,
          eventTypeCode(event.type),
          defined(actorIndex.get(event.actor)),
          defined(event.item),
          event.value,
        )
      }
      expect(window.start).toEqual(state.snapshot(budget.snapshotItems))
      const inside = events.filter((event) => event.at >= window.from && event.at < window.until)
      expect(decodeWindow(window, data.actors).map(plain)).toEqual(inside.map(plain))
    }
  })

  it("splits an instant only when it alone holds more than twice a chunk, still bounded and exact", () => {
    const header = headerOf({ mode: "async", items: 2000 })
    const events: Array<SimEvent> = []
    for (let item = 1; item <= 2000; item++) {
      events.push({ at: 0, type: "produced", actor: "producer-1", item, value: item, index: item })
    }
    const run = foldEvents(header, events, { at: 0, reason: "completed" }, { detail: budget })
    const { windows, heldEvents } = run.data.detail
    expect(heldEvents).toBeLessThanOrEqual((budget.keptChunks + 3) * 2 * budget.chunkEvents)
    // Each window is a stretch of consecutive events; the first and the last event are held.
    for (const window of windows) {
      const items = decodeWindow(window, run.data.actors).map((event) => event.item)
      expect(items).toEqual(
        events.slice(defined(items[0]) - 1, defined(items[0]) - 1 + items.length).map((event) => event.item),
      )
    }
    expect(decodeWindow(defined(windows[0]), run.data.actors)[0]?.item).toBe(1)
    expect(decodeWindow(defined(windows[windows.length - 1]), run.data.actors).at(-1)?.item).toBe(2000)
  })
})
