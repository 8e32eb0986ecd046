/**
 * `--merge`: the shares of one sweep combined into its result. Each share's `shard` field carries
 * the sweep's description and the raw figures of its runs; the result is rebuilt from those alone,
 * by the same assembly as an unsharded sweep, so all N shares give exactly the unsharded bytes.
 *
 * Refused, each with one line: a file that is not a share (not JSON, not of the result's shape,
 * no `shard` field, runs that are not its share's, a description or a figure no sweep could make:
 * shareDescription.ts), shares of different sweeps or program versions, a missing share, and two
 * copies of one share whose figures differ (a copy with the same figures merges as one: a batch
 * system's retry, or a share run twice, is no error).
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { quoteUntrusted } from "../core/recording/quoteUntrusted.ts"
import { schemaProblems } from "../core/scenario/schemaProblems.ts"
import type { SweepShape } from "../core/sweep/plan.ts"
import { pairAt, pairIndex, ReplicationResults } from "../core/sweep/replicationResults.ts"
import { assembleResult, resultJson, type ShareOf } from "../core/sweep/result.ts"
import { Shard, SweepIdentity, SweepResult } from "../core/sweep/resultSchema.ts"
import { inShard, pairsToRun } from "../core/sweep/shards.ts"
import { UsageError, usageError } from "../errors.ts"
import { runFiguresProblem, sweepShapeOf } from "./shareDescription.ts"

export interface ShareFile {
  /** How messages name the file. */
  readonly name: string
  readonly text: string
}

export interface Share {
  readonly name: string
  readonly shard: Shard
}

/** How many missing share numbers a refusal lists. */
const mostListedMissing = 10

const decodeResult = Schema.decodeUnknownResult(Schema.fromJsonString(SweepResult))

/**
 * A share after the first: its description is taken out before the rest is decoded, and compared
 * with the first share's, decoded once: thousands of configurations are checked once, not once a
 * share.
 */
const decodeLaterResult = Schema.decodeUnknownResult(
  Schema.Struct({
    ...SweepResult.fields,
    shard: Schema.optionalKey(Schema.Struct({ ...Shard.fields, sweep: Schema.Null })),
  }),
)

/** The parsed text with its description set aside (null in its place), and the description. */
const setDescriptionAside = (json: unknown): { readonly rest: unknown; readonly sweep: unknown } => {
  const shard = (json as { shard?: unknown } | null)?.shard
  if (typeof shard !== "object" || shard === null || Array.isArray(shard))
    return { rest: json, sweep: undefined }
  const { sweep, ...others } = shard as { sweep?: unknown }
  return { rest: { ...(json as object), shard: { ...others, sweep: null } }, sweep }
}

/** Equal JSON values, in any order of an object's keys (a file may have been rewritten), without making texts. */
const sameJson = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  return keys.every(
    (key) =>
      Object.hasOwn(b, key) &&
      sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  )
}

const decodeSweep = Schema.decodeUnknownResult(SweepIdentity)

/** A share as read before its description is known to be the first share's. */
interface UncheckedShare {
  readonly name: string
  readonly shard: Omit<Shard, "sweep"> & { readonly sweep: unknown }
}

/** Reads one share's partial result; `later`, its description is left to compare with the first share's. */
export function decodeShare(file: ShareFile): Share | UsageError
export function decodeShare(file: ShareFile, later: true): UncheckedShare | UsageError
export function decodeShare(file: ShareFile, later = false): Share | UncheckedShare | UsageError {
  const fail = (problem: string) => usageError(`--merge ${file.name}: ${problem}`)
  let aside: { readonly rest: unknown; readonly sweep: unknown } | undefined
  if (later) {
    try {
      aside = setDescriptionAside(JSON.parse(file.text))
    } catch {
      return fail("damaged, not a sweep share: (the file): not JSON")
    }
  }
  const decoded: Result.Result<{ readonly shard?: Omit<Shard, "sweep"> | undefined }, Schema.SchemaError> =
    aside === undefined
      ? decodeResult(file.text, { errors: "all" })
      : decodeLaterResult(aside.rest, { errors: "all" })
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
  // The first share's description was decoded with it; a later one's is compared as it stands.
  return {
    name: file.name,
    shard: { ...shard, sweep: aside === undefined ? (shard as Shard).sweep : aside.sweep },
  } as Share | UncheckedShare
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

/** The first share read: its description is the one copy every later share is checked against. */
interface FirstShare {
  readonly name: string
  readonly shard: Shard
  readonly shape: SweepShape
}

/**
 * Shares merged one at a time: each is read, checked against the first and folded into the runs'
 * figures, and its text and description are dropped before the next, so memory holds one share and
 * one description however many shares there are.
 */
export interface ShareMerger {
  /** Checks one share and keeps its figures; a share given twice must hold the same figures. */
  readonly add: (file: ShareFile) => UsageError | undefined
  /** The share numbers not given yet, in order (N comes from a file: at most `limit` of them). */
  readonly missing: (limit?: number) => { readonly listed: ReadonlyArray<number>; readonly count: number }
  /** The sweep's result, once every share is in. */
  readonly finish: () => MergedSweep | UsageError
}

export const makeShareMerger = (): ShareMerger => {
  let first: FirstShare | undefined
  let results: ReplicationResults | undefined
  /** Which file each share number came from. */
  const byIndex = new Map<number, string>()

  /** The first run where a second copy of a share differs from the one kept, if any. */
  const copyDifference = (
    shape: SweepShape,
    shard: Pick<Shard, "index" | "count" | "pairs">,
  ): string | undefined => {
    const copy = new Map(
      shard.pairs.map((pair) => [
        pairIndex(shape.replications, { configuration: pair.row - 1, replication: pair.replication }),
        pair.values,
      ]),
    )
    const runs = shape.parameters.length * shape.replications
    for (let flat = shard.index - 1; flat < runs; flat += shard.count) {
      const pair = pairAt(shape.replications, flat)
      const kept = results?.get(pair)
      const other = copy.get(flat)
      if (kept === undefined || other === undefined || JSON.stringify(kept) !== JSON.stringify(other))
        return `row ${pair.configuration + 1} replication ${pair.replication}`
    }
    return undefined
  }

  const add = (file: ShareFile): UsageError | undefined => {
    const share = first === undefined ? decodeShare(file) : decodeShare(file, true)
    if (share instanceof UsageError) return share
    const { shard } = share
    if (first === undefined) {
      const shard = share.shard as Shard
      const shape = sweepShapeOf(shard.sweep)
      if (typeof shape === "string") return usageError(`--merge ${file.name}: damaged: ${shape}`)
      const runs = shape.parameters.length * shape.replications
      if (shard.count > runs) {
        return usageError(
          `--merge ${file.name}: damaged: share ${shard.index}/${shard.count} of a sweep of ${runs} runs`,
        )
      }
      first = { name: file.name, shard, shape }
      results = new ReplicationResults(shape.parameters.length, shape.replications)
    } else {
      if (shard.count !== first.shard.count) {
        return usageError(
          `--merge: ${first.name} is share ${first.shard.index}/${first.shard.count} but ${file.name} is share ${shard.index}/${shard.count}`,
        )
      }
      if (shard.generator !== first.shard.generator) {
        return usageError(
          `--merge: ${first.name} and ${file.name} were run by different versions (${quoteUntrusted(first.shard.generator)} and ${quoteUntrusted(shard.generator)}): run every share with one`,
        )
      }
      if (!sameJson(shard.sweep, first.shard.sweep)) {
        const other = decodeSweep(shard.sweep)
        if (Result.isFailure(other)) {
          const [problem] = schemaProblems(other.failure.issue, { whole: "(the description)" })
          return usageError(
            `--merge ${file.name}: damaged, not a sweep share: shard.sweep.${problem?.path}: ${problem?.message}`,
          )
        }
        return usageError(
          `--merge: ${first.name} and ${file.name} are shares of different sweeps (their ${firstDifference(first.shard.sweep, other.success)} differ)`,
        )
      }
    }
    const { shape } = first
    const fail = (problem: string) => usageError(`--merge ${file.name}: damaged: ${problem}`)
    const store = results as ReplicationResults
    const seen = new ReplicationResults(shape.parameters.length, shape.replications)
    for (const { row, replication, values } of shard.pairs) {
      const pair = { configuration: row - 1, replication }
      const where = `row ${row} replication ${replication}`
      if (row < 1 || row > shape.parameters.length || replication < 1 || replication > shape.replications) {
        return fail(`${where} is outside the sweep`)
      }
      if (!inShard(shard, pairIndex(shape.replications, pair)))
        return fail(`${where} is not this share's run`)
      if (seen.has(pair)) return fail(`${where} appears twice`)
      if (values.length !== shape.metrics.length)
        return fail(`${where} has ${values.length} figures, not ${shape.metrics.length}`)
      const impossible = runFiguresProblem(shape.metrics, values)
      if (impossible !== undefined) return fail(`${where}: ${impossible}`)
      seen.set(pair, values)
    }
    const twin = byIndex.get(shard.index)
    if (twin !== undefined) {
      // The same share twice (a retry that ran again, a copy): one, if the runs agree to the last bit.
      const difference = copyDifference(shape, shard)
      if (difference === undefined) return undefined
      return usageError(
        `--merge: ${twin} and ${file.name} are both share ${shard.index}/${shard.count} but differ at ${difference}`,
      )
    }
    byIndex.set(shard.index, file.name)
    for (const pair of seen.done()) store.set(pair, seen.get(pair) ?? [])
    return undefined
  }

  const missing = (limit = Number.POSITIVE_INFINITY) => {
    const count = first === undefined ? 0 : first.shard.count - byIndex.size
    const listed: Array<number> = []
    for (let index = 1; first !== undefined && listed.length < limit && index <= first.shard.count; index++)
      if (!byIndex.has(index)) listed.push(index)
    return { listed, count }
  }

  const finish = (): MergedSweep | UsageError => {
    if (first === undefined || results === undefined) return usageError("--merge: no files given")
    const { shape, shard } = first
    const count = shard.count
    // N comes from a file: the missing numbers are counted, and only the first few listed, so a share
    // claiming to be one of 10^15 costs nothing.
    const absent = missing(mostListedMissing)
    if (absent.count > 0) {
      const more =
        absent.count > absent.listed.length ? ` and ${absent.count - absent.listed.length} more` : ""
      return usageError(
        `--merge: share${absent.count > 1 ? "s" : ""} ${absent.listed.join(", ")}${more} of ${count} missing (give all ${count} shares)`,
      )
    }
    // Every share was there, each held only its own runs: a run still missing was cut from its file.
    for (let configuration = 0; configuration < shape.parameters.length; configuration++) {
      for (let replication = 1; replication <= shape.replications; replication++) {
        const pair = { configuration, replication }
        if (!results.has(pair)) {
          const owner = (pairIndex(shape.replications, pair) % count) + 1
          return usageError(
            `--merge ${byIndex.get(owner)}: damaged or unfinished: row ${configuration + 1} replication ${replication} is missing`,
          )
        }
      }
    }
    return { result: assembleResult(shape, results), sweep: shard.sweep }
  }

  return { add, missing, finish }
}

/** Combines all N shares of one sweep into the sweep's result. */
export const mergeShares = (files: ReadonlyArray<ShareFile>): SweepResult | UsageError => {
  const merged = mergeSweep(files)
  return merged instanceof UsageError ? merged : merged.result
}

/** Combines all N shares of one sweep into the sweep's result, with the sweep's description. */
export const mergeSweep = (files: ReadonlyArray<ShareFile>): MergedSweep | UsageError => {
  const merger = makeShareMerger()
  for (const file of files) {
    const refused = merger.add(file)
    if (refused !== undefined) return refused
  }
  return merger.finish()
}

/**
 * The share's result when `file` holds exactly this share, complete, as this program writes it: the
 * same sweep, K/N and version, every run of the share, and its bytes those that its runs' figures
 * give. A batch system that runs a share again finds its work done; anything else is undefined.
 */
export const heldShare = (plan: SweepShape, expected: ShareOf, file: ShareFile): SweepResult | undefined => {
  const decoded = decodeResult(file.text)
  if (Result.isFailure(decoded)) return undefined
  const { shard } = decoded.success
  if (
    shard === undefined ||
    shard.index !== expected.spec.index ||
    shard.count !== expected.spec.count ||
    shard.generator !== expected.generator ||
    JSON.stringify(shard.sweep) !== JSON.stringify(expected.sweep)
  )
    return undefined
  const results = new ReplicationResults(plan.parameters.length, plan.replications)
  for (const { row, replication, values } of shard.pairs) {
    const pair = { configuration: row - 1, replication }
    if (row < 1 || row > plan.parameters.length || replication < 1 || replication > plan.replications)
      return undefined
    if (!inShard(shard, pairIndex(plan.replications, pair)) || values.length !== plan.metrics.length)
      return undefined
    if (runFiguresProblem(plan.metrics, values) !== undefined) return undefined
    results.set(pair, values)
  }
  if (results.done().length !== pairsToRun(plan.parameters.length, plan.replications, expected.spec).length)
    return undefined
  const rebuilt = assembleResult(plan, results, expected)
  return resultJson(rebuilt) === file.text ? rebuilt : undefined
}
