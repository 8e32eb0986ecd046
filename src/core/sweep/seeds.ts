/**
 * Seeds of replications. Replication r (1-based) of every configuration runs with the same seed,
 * so configurations are compared on the same arrivals and service draws (common random numbers)
 * and their differences can be paired.
 *
 *     seed(baseSeed, r) = baseSeed * 1,000,000 + r
 *
 * Decimal, so a row's seeds read as the base seed followed by the replication number (base 7:
 * 7000001, 7000002, ...) and any replication can be re-run with `simulate --seed`. Sweeps with
 * different base seeds never share a seed (up to a million replications), so `--seed 2` is a new,
 * independent sweep rather than the first one shifted by a replication. Each actor's stream is
 * then hashed from "<seed>/<actor>" by the engine, so neighbouring seeds give unrelated draws.
 */
import { type UsageError, usageError } from "../../errors.ts"

const seedStride = 1_000_000

export const maxReplications = seedStride

/** The largest base seed whose every replication seed is still a safe integer. */
export const maxBaseSeed = Math.floor((Number.MAX_SAFE_INTEGER - seedStride) / seedStride)

export const replicationSeed = (baseSeed: number, replication: number): number =>
  baseSeed * seedStride + replication

/** The seeds of replications 1..replications. */
export const replicationSeeds = (baseSeed: number, replications: number): ReadonlyArray<number> =>
  Array.from({ length: replications }, (_, index) => replicationSeed(baseSeed, index + 1))

/** Refuses what the formula cannot serve: fewer than two replications gives no interval. */
export const checkReplications = (baseSeed: number, replications: number): UsageError | undefined => {
  if (!Number.isSafeInteger(replications) || replications < 2 || replications > maxReplications) {
    return usageError(
      `--replications must be a whole number from 2 (an interval needs two) to ${maxReplications} (got ${replications})`,
    )
  }
  if (!Number.isSafeInteger(baseSeed) || baseSeed < 0 || baseSeed > maxBaseSeed) {
    return usageError(
      `--seed must be a whole number from 0 to ${maxBaseSeed} in a sweep, whose replication seeds are seed * 1000000 + r (got ${baseSeed})`,
    )
  }
  return undefined
}
