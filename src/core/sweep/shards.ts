/**
 * Shares of a sweep for many machines (`--shard K/N`). Share K takes every N-th pair of the flat
 * (configuration, replication) order, starting at the K-th: round robin, so each share gets a
 * similar mix of cheap and costly configurations, and which pairs a share runs depends only on K
 * and N, never on timing.
 */

import * as Result from "effect/Result"
import { type UsageError, usageError } from "../../errors.ts"
import { quoteUntrusted } from "../recording/quoteUntrusted.ts"
import { type Pair, pairAt } from "./replicationResults.ts"

export interface ShardSpec {
  /** K, 1-based. */
  readonly index: number
  /** N. */
  readonly count: number
}

/**
 * The variables batch systems give each task its number by, and how a number becomes K: a
 * Kubernetes Indexed Job counts from 0, a Slurm array from its --array's first value, GNU parallel
 * from 1 (and keeps the number when it retries a job).
 */
const taskNumberSources: ReadonlyArray<{
  readonly variable: string
  readonly shareIndex: (value: number, env: Environment) => number | string
}> = [
  { variable: "JOB_COMPLETION_INDEX", shareIndex: (value) => value + 1 },
  {
    variable: "SLURM_ARRAY_TASK_ID",
    shareIndex: (value, env) => {
      const first = wholeNumber(env.SLURM_ARRAY_TASK_MIN)
      if (first === undefined) return "SLURM_ARRAY_TASK_ID is set without a whole SLURM_ARRAY_TASK_MIN"
      return value - first + 1
    },
  },
  { variable: "PARALLEL_SEQ", shareIndex: (value) => value },
]

export type Environment = Readonly<Record<string, string | undefined>>

const wholeNumber = (text: string | undefined): number | undefined => {
  if (text === undefined || !/^\s*\d{1,15}\s*$/.test(text)) return undefined
  return Number(text)
}

/** K for `--shard auto/N`, from the one batch system whose variables are set. */
const shareIndexFromEnvironment = (count: number, env: Environment): Result.Result<number, UsageError> => {
  const fail = (problem: string) => Result.fail(usageError(`--shard auto/${count}: ${problem}`))
  const found: Array<{ variable: string; index: number }> = []
  for (const { variable, shareIndex } of taskNumberSources) {
    const text = env[variable]
    if (text === undefined || text === "") continue
    const value = wholeNumber(text)
    if (value === undefined) return fail(`${variable} is ${quoteUntrusted(text)}, not a whole number`)
    const index = shareIndex(value, env)
    if (typeof index === "string") return fail(index)
    found.push({ variable, index })
  }
  const [first, ...others] = found
  if (first === undefined) {
    return fail(
      `no task number found: set by a Kubernetes Indexed Job (JOB_COMPLETION_INDEX), a Slurm array (SLURM_ARRAY_TASK_ID) or GNU parallel (PARALLEL_SEQ); or give K/N`,
    )
  }
  const other = others.find(({ index }) => index !== first.index)
  if (other !== undefined) {
    return fail(
      `${first.variable} makes this share ${first.index} but ${other.variable} makes it ${other.index}: unset the one that is not this task's`,
    )
  }
  const slurmCount = wholeNumber(env.SLURM_ARRAY_TASK_COUNT)
  if (
    found.some(({ variable }) => variable === "SLURM_ARRAY_TASK_ID") &&
    slurmCount !== undefined &&
    slurmCount !== count
  ) {
    return fail(`the Slurm array has ${slurmCount} tasks, not ${count}`)
  }
  if (first.index < 1 || first.index > count) {
    return fail(`${first.variable} makes this share ${first.index}, not one from 1 to ${count}`)
  }
  return Result.succeed(first.index)
}

/** Parses "K/N" with 1 <= K <= N, or "auto/N" with K from the batch system's variables in `env`. */
export const parseShard = (text: string, env: Environment = {}): Result.Result<ShardSpec, UsageError> => {
  const match = /^\s*(\d+|auto)\s*\/\s*(\d+)\s*$/.exec(text)
  const count = Number(match?.[2])
  if (match === null || !Number.isSafeInteger(count)) {
    return Result.fail(
      usageError(`--shard "${text}": expected K/N, e.g. 2/3 for the second of three shares, or auto/N`),
    )
  }
  const found = match[1] === "auto" ? shareIndexFromEnvironment(count, env) : Result.succeed(Number(match[1]))
  if (Result.isFailure(found)) return Result.fail(found.failure)
  const index = found.success
  if (!Number.isSafeInteger(index) || count < 1 || index < 1 || index > count) {
    return Result.fail(usageError(`--shard ${text}: K must be from 1 to N (got ${index}/${count})`))
  }
  return Result.succeed({ index, count })
}

/** Refuses more shares than runs: a share with nothing to run is a typo in N. */
export const checkShareCount = (shard: ShardSpec, runs: number): UsageError | undefined =>
  shard.count > runs
    ? usageError(
        `--shard ${shard.index}/${shard.count}: the sweep has ${runs} runs, so at most ${runs} shares`,
      )
    : undefined

/** The file a share goes to in `--out-dir`, and that `--merge DIR` reads. */
export const shareFileName = (shard: ShardSpec): string => `share-${shard.index}-of-${shard.count}.json`

/** Tells a share's file from anything else in a folder. */
export const isShareFileName = (name: string): boolean => /^share-\d+-of-\d+\.json$/.test(name)

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
