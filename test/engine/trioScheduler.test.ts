/** Trio's run loop as an Effect scheduler: batches, each run in or against the order tasks became ready. */
import { describe, expect, it } from "@effect/vitest"
import type * as Scheduler from "effect/Scheduler"
import { trioScheduler } from "../../src/core/engine/trioScheduler.ts"

describe("trioScheduler", () => {
  /** A parent scheduler whose tasks wait in a list, run by hand. */
  const parentWithList = () => {
    const tasks: Array<() => void> = []
    const parent: Scheduler.Scheduler = {
      executionMode: "async",
      shouldYield: () => false,
      makeDispatcher: () => ({ scheduleTask: (task) => tasks.push(task), flush: () => {} }),
    }
    const runNext = () => tasks.shift()?.()
    return { parent, tasks, runNext }
  }

  it("runs a batch newest first, or oldest first when the coin is under 1/2", () => {
    for (const [coin, expected] of [
      [0.7, ["c", "b", "a"]],
      [0.2, ["a", "b", "c"]],
    ] as const) {
      const { parent, tasks, runNext } = parentWithList()
      const dispatcher = trioScheduler(parent, () => coin).makeDispatcher()
      const ran: Array<string> = []
      for (const name of ["a", "b", "c"]) dispatcher.scheduleTask(() => ran.push(name), 0)
      expect(tasks).toHaveLength(1)
      runNext()
      expect(ran).toEqual(expected)
    }
  })

  it("keeps the tasks made ready during a batch for the next one, and flips no coin for one task", () => {
    const { parent, tasks, runNext } = parentWithList()
    let coins = 0
    const dispatcher = trioScheduler(parent, () => {
      coins++
      return 0.9
    }).makeDispatcher()
    const ran: Array<string> = []
    dispatcher.scheduleTask(() => {
      ran.push("a")
      dispatcher.scheduleTask(() => ran.push("a2"), 0)
    }, 0)
    dispatcher.scheduleTask(() => ran.push("b"), 0)
    runNext()
    expect(ran).toEqual(["b", "a"])
    expect(tasks).toHaveLength(1)
    runNext()
    expect(ran).toEqual(["b", "a", "a2"])
    expect(coins).toBe(1)
  })
})
