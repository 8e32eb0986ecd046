/** Merged bins hold exactly what bins of the final width, filled directly, would hold. */
import { describe, expect, it } from "@effect/vitest"
import { DoublingBins } from "../../src/core/pageData/doublingBins.ts"

/** A small seeded generator, so the test is the same every time. */
const randomInts = (seed: number) => {
  let state = seed
  return (below: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state % below
  }
}

describe("doubling bins", () => {
  it("merge pairwise into exactly the bins of the final width", () => {
    const next = randomInts(7)
    const bins = new DoublingBins(16)
    const sum = bins.addField("sum")
    const low = bins.addField("min")
    const high = bins.addField("max")
    const area = bins.addField("sum")
    const spans: Array<readonly [number, number, number]> = []
    let from = 0
    for (let count = 0; count < 300; count++) {
      from += next(40)
      const to = from + 1 + next(90)
      const level = next(10)
      spans.push([from, to, level])
      bins.addSpan(sum, from, to, level)
      bins.holdLevel(low, high, area, from, to, level)
    }
    const width = bins.width
    const expectedSum = new Array<number>(bins.count).fill(0)
    const expectedLow = new Array<number>(bins.count).fill(Number.POSITIVE_INFINITY)
    const expectedHigh = new Array<number>(bins.count).fill(Number.NEGATIVE_INFINITY)
    for (const [spanFrom, spanTo, level] of spans) {
      for (let position = spanFrom; position < spanTo; position++) {
        const bin = Math.floor(position / width)
        expectedSum[bin] = (expectedSum[bin] as number) + level
        expectedLow[bin] = Math.min(expectedLow[bin] as number, level)
        expectedHigh[bin] = Math.max(expectedHigh[bin] as number, level)
      }
    }
    expect(bins.count).toBeLessThanOrEqual(16)
    expect(bins.count * width).toBeGreaterThanOrEqual(from)
    expect(bins.sums(sum)).toEqual(expectedSum)
    expect(bins.sums(area)).toEqual(expectedSum)
    expect(bins.values(low)).toEqual(expectedLow.map((value) => (Number.isFinite(value) ? value : null)))
    expect(bins.values(high)).toEqual(expectedHigh.map((value) => (Number.isFinite(value) ? value : null)))
  })

  it("counts single positions, widening only as far as needed", () => {
    const bins = new DoublingBins(4)
    const counts = bins.addField("sum")
    for (const position of [0, 1, 2, 3]) bins.add(counts, position, 1)
    expect(bins.width).toBe(1)
    bins.add(counts, 9, 1)
    expect(bins.width).toBe(4)
    expect(bins.sums(counts)).toEqual([4, 0, 1])
  })
})
