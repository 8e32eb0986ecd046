/**
 * `--merge`: the shares of one sweep combined into its result. Each share's `shard` field carries
 * the sweep's description and the raw figures of its runs; the result is rebuilt from those alone,
 * by the same assembly as an unsharded sweep, so all N shares give exactly the unsharded bytes.
 *
 * Refused, each with one line: a file that is not a share (not JSON, not of the result's shape,
 * no `shard` field, runs that are not its share's, a description or a figure no sweep could make:
 * shareDescription.ts), shares of different sweeps, and a missing or repeated share.
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { schemaProblems } from "../core/scenario/schemaProblems.ts"
import { UsageError, usageError } from "../errors.ts"
import { pairIndex, ReplicationResults } from "./replicationResults.ts"
import { assembleResult } from "./result.ts"
import { type Shard, type SweepIdentity, SweepResult } from "./resultSchema.ts"
import { inShard } from "./shards.ts"
import { runFiguresProblem, sweepShapeOf } from "./shareDescription.ts"

export interface ShareFile {
  /** How messages name the file. */
  readonly name: string
  readonly text: string
}

interface Share {
  readonly name: string
  readonly shard: Shard
}

/** How many missing share numbers a refusal lists. */
const mostListedMissing = 10

const decodeResult = Schema.decodeUnknownResult(Schema.fromJsonString(SweepResult))

/** Reads one share's partial result. */
export const decodeShare = (file: ShareFile): Share | UsageError => {
  const fail = (problem: string) => usageError(`--merge ${file.name}: ${problem}`)
  const decoded = decodeResult(file.text, { errors: "all" })
  if (Result.isFailure(decoded)) {
    const problems = schemaProblems(decoded.failure.issue, { whole: "(the file)" })
    const [first] = problems
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : ""
    return fail(`damaged, not a sweep share: ${first?.path}: ${first?.message}${more}`)
  }
  const { shard } = decoded.success
  if (shard === undefined) return fail("is a whole sweep's result, not a share (it has no shard field)")
  if (shard.count < 1 || shard.index < 1 || shard.index > shard.count) {
    return fail(`damaged: share ${shard.index}/${shard.count} cannot exist`)
  }
  return { name: file.name, shard }
}

/** The first field in which two sweep descriptions differ, to say why two shares do not belong together. */
const firstDifference = (a: SweepIdentity, b: SweepIdentity): string =>
  (Object.keys(a) as Array<keyof SweepIdentity>).find(
    (key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]),
  ) ?? "layout"

export interface MergedSweep {
  readonly result: SweepResult
  /** The sweep's description, as every share carries it (what the page describes it from). */
  readonly sweep: SweepIdentity
}

/** Combines all N shares of one sweep into the sweep's result. */
export const mergeShares = (files: ReadonlyArray<ShareFile>): SweepResult | UsageError => {
  const merged = mergeSweep(files)
  return merged instanceof UsageError ? merged : merged.result
}

/** Combines all N shares of one sweep into the sweep's result, with the sweep's description. */
export const mergeSweep = (files: ReadonlyArray<ShareFile>): MergedSweep | UsageError => {
  const shares: Array<Share> = []
  for (const file of files) {
    const share = decodeShare(file)
    if (share instanceof UsageError) return share
    shares.push(share)
  }
  const [first] = shares
  if (first === undefined) return usageError("--merge: no files given")
  const { count, sweep } = first.shard
  const byIndex = new Map<number, Share>()
  for (const share of shares) {
    const { shard } = share
    if (shard.count !== count) {
      return usageError(
        `--merge: ${first.name} is share ${first.shard.index}/${count} but ${share.name} is share ${shard.index}/${shard.count}`,
      )
    }
    if (JSON.stringify(shard.sweep) !== JSON.stringify(sweep)) {
      return usageError(
        `--merge: ${first.name} and ${share.name} are shares of different sweeps (their ${firstDifference(sweep, shard.sweep)} differ)`,
      )
    }
    const twin = byIndex.get(shard.index)
    if (twin !== undefined) {
      return usageError(`--merge: ${twin.name} and ${share.name} are both share ${shard.index}/${count}`)
    }
    byIndex.set(shard.index, share)
  }
  // N comes from a file: the missing numbers are counted, and only the first few listed, so a share
  // claiming to be one of 10^15 costs nothing.
  const missingCount = count - byIndex.size
  if (missingCount > 0) {
    const listed: Array<number> = []
    for (let index = 1; listed.length < mostListedMissing && index <= count; index++)
      if (!byIndex.has(index)) listed.push(index)
    const more = missingCount > listed.length ? ` and ${missingCount - listed.length} more` : ""
    return usageError(
      `--merge: share${missingCount > 1 ? "s" : ""} ${listed.join(", ")}${more} of ${count} missing (give all ${count} shares)`,
    )
  }

  const shape = sweepShapeOf(sweep)
  if (typeof shape === "string") return usageError(`--merge ${first.name}: damaged: ${shape}`)
  const results = new ReplicationResults(shape.parameters.length, shape.replications)
  for (const { name, shard } of shares) {
    const fail = (problem: string) => usageError(`--merge ${name}: damaged: ${problem}`)
    for (const { row, replication, values } of shard.pairs) {
      const pair = { configuration: row - 1, replication }
      const where = `row ${row} replication ${replication}`
      if (row < 1 || row > shape.parameters.length || replication < 1 || replication > shape.replications) {
        return fail(`${where} is outside the sweep`)
      }
      if (!inShard(shard, pairIndex(shape.replications, pair)))
        return fail(`${where} is not this share's run`)
      if (results.has(pair)) return fail(`${where} appears twice`)
      if (values.length !== shape.metrics.length)
        return fail(`${where} has ${values.length} figures, not ${shape.metrics.length}`)
      const impossible = runFiguresProblem(shape.metrics, values)
      if (impossible !== undefined) return fail(`${where}: ${impossible}`)
      results.set(pair, values)
    }
  }
  // Every share was there, each held only its own runs: a run still missing was cut from its file.
  for (let configuration = 0; configuration < shape.parameters.length; configuration++) {
    for (let replication = 1; replication <= shape.replications; replication++) {
      const pair = { configuration, replication }
      if (!results.has(pair)) {
        const owner = (pairIndex(shape.replications, pair) % count) + 1
        return usageError(
          `--merge ${byIndex.get(owner)?.name}: damaged or unfinished: row ${configuration + 1} replication ${replication} is missing`,
        )
      }
    }
  }
  return { result: assembleResult(shape, results), sweep }
}
