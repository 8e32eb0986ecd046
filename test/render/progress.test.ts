import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { makeProgress, progressSink } from "../../src/render/progress.ts"
import { runHeader } from "../../src/run/run.ts"
import { StatisticsFold } from "../../src/stats/statistics.ts"
import { resolveOrThrow } from "../support/runs.ts"

const harness = (isTTY: boolean) => {
  let wall = 0
  let written = ""
  const progress = makeProgress({
    isTTY,
    write: (text) => {
      written += text
    },
    wallMillis: () => wall,
  })
  return {
    progress,
    advanceWall: (millis: number) => {
      wall += millis
    },
    written: () => written,
  }
}

describe("the progress line", () => {
  it("appears only after a second, at most every 100 ms, and is erased at the end", () => {
    const { progress, advanceWall, written } = harness(true)
    advanceWall(900)
    progress.update(5_000_000, 1_000, 1_000_000)
    expect(written()).toBe("")
    advanceWall(200)
    progress.update(250_000_000, 500_000, 1_000_000)
    expect(written()).toBe("\rsimulating: 500,000 of 1,000,000 items (50%), virtual time 250.00 s")
    advanceWall(50)
    progress.update(260_000_000, 510_000, 1_000_000)
    expect(written().split("\r")).toHaveLength(2)
    advanceWall(100)
    progress.update(300_000_000, 600_000, 1_000_000)
    expect(written().endsWith("\rsimulating: 600,000 of 1,000,000 items (60%), virtual time 300.00 s")).toBe(
      true,
    )
    progress.done()
    const erased = written().split("\r")
    expect(erased.at(-2)).toMatch(/^ +$/)
    expect(erased.at(-1)).toBe("")
  })

  it("stays silent when stderr is not a terminal", () => {
    const { progress, advanceWall, written } = harness(false)
    advanceWall(5_000)
    progress.update(1, 1, 1_000_000)
    progress.done()
    expect(written()).toBe("")
  })
})

describe("the progress sink", () => {
  it("looks at the clock every 4,096 events, with the fold's count of items and the event's time", () => {
    const updates: Array<readonly [number, number, number]> = []
    let finished = 0
    const statistics = new StatisticsFold()
    const progress = progressSink(statistics, {
      update: (virtualMicros, produced, total) => updates.push([virtualMicros, produced, total]),
      done: () => finished++,
    })
    const header = runHeader(resolveOrThrow({ producers: 2, items: 5_000 }))
    statistics.start(header)
    progress.start(header)
    for (let item = 1; item <= 8_192; item++) {
      const event = { at: item * 10, type: "produced", actor: "producer-1", item, value: 1, index: item }
      statistics.event(event)
      progress.event(event)
    }
    expect(updates).toEqual([
      [40_960, 4_096, 10_000],
      [81_920, 8_192, 10_000],
    ])
    Effect.runSync(progress.end({ at: 81_920, reason: "completed" }))
    expect(finished).toBe(1)
  })
})
