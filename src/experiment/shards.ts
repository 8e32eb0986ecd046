/**
 * Shares of a sweep for many machines (`--shard K/N`). Share K takes every N-th pair of the flat
 * (configuration, replication) order, starting at the K-th: round robin, so each share gets a
 * similar mix of cheap and costly configurations, and which pairs a share runs depends only on K
 * and N, never on timing.
 */
import { type UsageError, usageError } from "../errors.ts"
import { type Pair, pairAt } from "./replicationResults.ts"

export interface ShardSpec {
  /** K, 1-based. */
  readonly index: number
  /** N. */
  readonly count: number
}

/** Parses "K/N" with 1 <= K <= N. */
export const parseShard = (text: string): ShardSpec | UsageError => {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (match === null || !Number.isSafeInteger(index) || !Number.isSafeInteger(count)) {
    return usageError(`--shard "${text}": expected K/N, e.g. 2/3 for the second of three shares`)
  }
  if (count < 1 || index < 1 || index > count) {
    return usageError(`--shard ${text}: K must be from 1 to N (got ${index}/${count})`)
  }
  return { index, count }
}

/** Does the pair at this flat index belong to the share? */
export const inShard = (shard: ShardSpec, flatIndex: number): boolean =>
  flatIndex % shard.count === shard.index - 1

/** The pairs to run, in flat order: all of them, or the share's. */
export const pairsToRun = (
  configurations: number,
  replications: number,
  shard?: ShardSpec | undefined,
): ReadonlyArray<Pair> => {
  const pairs: Array<Pair> = []
  for (let index = 0; index < configurations * replications; index++) {
    if (shard === undefined || inShard(shard, index)) pairs.push(pairAt(replications, index))
  }
  return pairs
}
