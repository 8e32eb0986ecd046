import { describe, expect, it } from "@effect/vitest"
import { DurationSamples } from "../../src/stats/samples.ts"

describe("duration samples", () => {
  it("keep every value, growing as needed, and switch to eight bytes for long durations", () => {
    const samples = new DurationSamples()
    const values = Array.from({ length: 5_000 }, (_, index) => index * 1_000)
    for (const value of values) samples.push(value)
    expect(samples.toArray()).toBeInstanceOf(Int32Array)
    samples.push(3_600_000_000) // an hour: beyond four bytes
    expect(samples.toArray()).toBeInstanceOf(Float64Array)
    expect(Array.from(samples.toArray())).toEqual([...values, 3_600_000_000])
    expect(samples.length).toBe(5_001)
  })

  it("keep millions in chunks, in order, whether they widen early or late", () => {
    for (const widenAt of [10, 3_000_000]) {
      const samples = new DurationSamples()
      const total = 2_500_000
      for (let index = 0; index < total; index++) samples.push(index === widenAt ? 2 ** 32 : index)
      const all = samples.toArray()
      expect(all).toBeInstanceOf(widenAt < total ? Float64Array : Int32Array)
      expect(all.length).toBe(total)
      expect([all[0], all[1_048_575], all[1_048_576], all[total - 1]]).toEqual([
        0,
        1_048_575,
        1_048_576,
        total - 1,
      ])
      if (widenAt < total) expect(all[widenAt]).toBe(2 ** 32)
    }
  })
})
