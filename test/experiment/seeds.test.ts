import { describe, expect, it } from "@effect/vitest"
import {
  checkReplications,
  maxBaseSeed,
  maxReplications,
  replicationSeed,
  replicationSeeds,
} from "../../src/core/sweep/seeds.ts"

describe("replication seeds", () => {
  it("are the base seed followed by the replication number: baseSeed * 1,000,000 + r", () => {
    expect(replicationSeeds(1, 3)).toEqual([1_000_001, 1_000_002, 1_000_003])
    expect(replicationSeeds(0, 2)).toEqual([1, 2])
    expect(replicationSeed(7, 20)).toBe(7_000_020)
  })

  it("never repeat between sweeps of different base seeds", () => {
    const seen = new Set<number>()
    for (let base = 0; base < 50; base++) {
      for (const seed of replicationSeeds(base, 200)) {
        expect(seen.has(seed)).toBe(false)
        seen.add(seed)
      }
    }
    // The last replication of one base stays below the first of the next.
    expect(replicationSeed(3, maxReplications)).toBeLessThan(replicationSeed(4, 1))
  })

  it("stay safe integers up to the largest base seed, which is checked", () => {
    expect(Number.isSafeInteger(replicationSeed(maxBaseSeed, maxReplications))).toBe(true)
    expect(checkReplications(maxBaseSeed, maxReplications)).toBeUndefined()
    expect(checkReplications(maxBaseSeed + 1, 2)?.message).toMatch(/^--seed must be a whole number from 0 to/)
    expect(checkReplications(1, 1)?.message).toMatch(/^--replications must be a whole number from 2/)
    expect(checkReplications(1, maxReplications + 1)).toBeDefined()
    expect(checkReplications(1, 2.5)).toBeDefined()
  })
})
