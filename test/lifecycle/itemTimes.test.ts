import { describe, expect, it } from "@effect/vitest"
import { ItemTimes } from "../../src/core/lifecycle/itemTimes.ts"

describe("the creation times of the items in the run", () => {
  it("are kept for live items only, however many items the run makes", () => {
    const times = new ItemTimes()
    // Ten thousand items, each gone three items later: the window slides, the ring stays small.
    for (let item = 1; item <= 10_000; item++) {
      times.set(item, item * 10)
      if (item > 3) times.delete(item - 3)
    }
    expect(times.get(9_998)).toBe(99_980)
    expect(times.get(10_000)).toBe(100_000)
    expect(times.get(9_997)).toBeUndefined()
    expect(times.get(5)).toBeUndefined()
  })

  it("grow while the oldest item stays, and keep it", () => {
    const times = new ItemTimes()
    times.set(1, 7)
    for (let item = 2; item <= 100_000; item++) {
      times.set(item, item)
      times.delete(item)
    }
    expect(times.get(1)).toBe(7)
    expect(times.get(50_000)).toBeUndefined()
    times.delete(1)
    expect(times.get(1)).toBeUndefined()
  })

  it("take ids in any order and at any distance, as an untrusted recording numbers them", () => {
    const times = new ItemTimes()
    const ids = [5, 3, 1e12, 2 ** 53 - 1, 4, 0, 1e12 + 1]
    for (const [index, id] of ids.entries()) times.set(id, index)
    for (const [index, id] of ids.entries()) expect(times.get(id)).toBe(index)
    for (const id of ids) times.delete(id)
    for (const id of ids) expect(times.get(id)).toBeUndefined()
  })
})
