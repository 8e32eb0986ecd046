import { describe, expect, it } from "@effect/vitest"
import { DurationSamples } from "../../src/stats/samples.ts"

describe("duration samples", () => {
  it("keep every value, growing as needed, and switch to eight bytes for long durations", () => {
    const samples = new DurationSamples()
    const values = Array.from({ length: 5_000 }, (_, index) => index * 1_000)
    for (const value of values) samples.push(value)
    expect(samples.view()).toBeInstanceOf(Int32Array)
    samples.push(3_600_000_000) // an hour: beyond four bytes
    expect(samples.view()).toBeInstanceOf(Float64Array)
    expect(Array.from(samples.view())).toEqual([...values, 3_600_000_000])
    expect(samples.length).toBe(5_001)
  })
})
