import { describe, expect, it } from "@effect/vitest"
import { DurationSamples } from "../../src/core/stats/samples.ts"
import { summarizeMicros } from "../../src/core/stats/summary.ts"

/** Every value kept, in one array, and the kinds of array they are kept in. */
const contents = (samples: DurationSamples) => {
  const { chunks } = samples.chunks()
  return {
    values: chunks.flatMap((chunk) => Array.from(chunk)),
    kinds: new Set(chunks.map((chunk) => chunk.constructor)),
  }
}

describe("duration samples", () => {
  it("keep every value, growing as needed, and switch to eight bytes for long durations", () => {
    const samples = new DurationSamples()
    const values = Array.from({ length: 5_000 }, (_, index) => index * 1_000)
    for (const value of values) samples.push(value)
    expect(contents(samples).kinds).toEqual(new Set([Int32Array]))
    samples.push(3_600_000_000) // an hour: beyond four bytes
    expect(contents(samples)).toEqual({ values: [...values, 3_600_000_000], kinds: new Set([Float64Array]) })
    expect(samples.length).toBe(5_001)
  })

  it("keep millions in chunks, in order, whether they widen early or late", () => {
    for (const widenAt of [10, 3_000_000]) {
      const samples = new DurationSamples()
      const total = 2_500_000
      for (let index = 0; index < total; index++) samples.push(index === widenAt ? 2 ** 32 : index)
      const { chunks } = samples.chunks()
      expect(chunks.map((chunk) => chunk.length)).toEqual([1_048_576, 1_048_576, 402_848])
      for (const chunk of chunks) expect(chunk).toBeInstanceOf(widenAt < total ? Float64Array : Int32Array)
      const at = (index: number) => chunks[index >>> 20]?.[index & 0xfffff]
      expect([at(0), at(1_048_575), at(1_048_576), at(total - 1)]).toEqual([
        0,
        1_048_575,
        1_048_576,
        total - 1,
      ])
      if (widenAt < total) expect(at(widenAt)).toBe(2 ** 32)
    }
  })

  it("summarise millions where they lie, as the same values in one array would be", () => {
    let seed = 7
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }
    for (const spread of [1e6, 3]) {
      const values = Array.from({ length: 2_300_000 }, () => Math.floor(random() * spread))
      const samples = new DurationSamples()
      for (const value of values) samples.push(value)
      expect(samples.chunks().chunks.length).toBe(3)
      // summarizeMicros copies the values into one array; the samples' summary reorders their chunks.
      expect(samples.summarizeInPlace()).toEqual(summarizeMicros(values))
    }
  })
})
