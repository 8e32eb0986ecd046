import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { UsageError } from "../../src/errors.ts"
import { mergeShares, mergeSweep, type ShareFile } from "../../src/experiment/merge.ts"
import { type SweepOptions, sweepIdentity } from "../../src/experiment/plan.ts"
import { runReplication } from "../../src/experiment/replication.ts"
import { resultJson } from "../../src/experiment/result.ts"
import { SweepResult } from "../../src/experiment/resultSchema.ts"
import { runSweep } from "../../src/experiment/runner.ts"
import { pairsToRun } from "../../src/experiment/shards.ts"
import { plannedOrThrow, scrambledExecutor, smallSweep } from "./support.ts"

/** Runs one share of a sweep, its runs finishing out of order, and answers its file. */
const runShare = (options: SweepOptions, index: number, count: number) =>
  Effect.map(
    runSweep(plannedOrThrow(options), scrambledExecutor([]), { shard: { index, count }, concurrency: 3 }),
    (partial): ShareFile => ({ name: `share-${index}.json`, text: resultJson(partial) }),
  )

const runShares = (options: SweepOptions, count: number, order: ReadonlyArray<number>) =>
  Effect.gen(function* () {
    const files: Array<ShareFile> = []
    for (const index of order) files.push(yield* runShare(options, index, count))
    return files
  })

const unsharded = (options: SweepOptions) =>
  Effect.map(runSweep(plannedOrThrow(options), runReplication), resultJson)

const merged = (files: ReadonlyArray<ShareFile>): string => {
  const result = mergeShares(files)
  if (result instanceof UsageError) throw new Error(result.message)
  return resultJson(result)
}

const refusal = (files: ReadonlyArray<ShareFile>): string => {
  const result = mergeShares(files)
  expect(result).toBeInstanceOf(UsageError)
  const message = (result as UsageError).message
  expect(message).not.toContain("\n")
  return message
}

interface SharePair {
  row: number
  replication: number
  values: Array<unknown>
}

/** The parts of a share's JSON that the damage tests change. */
interface ShareJson {
  rows?: unknown
  shard: {
    index: number
    sweep: { metrics: Array<string> }
    pairs: [SharePair, SharePair, ...Array<SharePair>]
  }
}

/** A share's file with its parsed JSON changed by `edit`. */
const edited = (file: ShareFile, edit: (json: ShareJson) => void): ShareFile => {
  const json = JSON.parse(file.text)
  edit(json)
  return { name: file.name, text: JSON.stringify(json) }
}

describe("shares", () => {
  it("split the (configuration, replication) pairs round robin, each pair in exactly one share", () => {
    expect(pairsToRun(2, 3, { index: 2, count: 3 })).toEqual([
      { configuration: 0, replication: 2 },
      { configuration: 1, replication: 2 },
    ])
    for (const count of [1, 2, 3, 7, 25]) {
      const all = Array.from({ length: count }, (_, index) =>
        pairsToRun(4, 5, { index: index + 1, count }),
      ).flat()
      expect(all).toHaveLength(20)
      expect(new Set(all.map((pair) => `${pair.configuration}/${pair.replication}`)).size).toBe(20)
    }
  })

  it.effect("write a partial result of the same shape, with what merge needs", () =>
    Effect.gen(function* () {
      const [file] = yield* runShares(smallSweep, 3, [2])
      const partial = Schema.decodeUnknownSync(Schema.fromJsonString(SweepResult))(file?.text)
      expect(partial.answer).toBe("share 2/3 only: merge all 3 shares for the answer")
      expect(partial.rows).toHaveLength(4)
      expect(partial.shard?.index).toBe(2)
      expect(partial.shard?.count).toBe(3)
      expect(partial.shard?.pairs.map(({ row, replication }) => `${row}/${replication}`)).toEqual([
        "1/2",
        "1/5",
        "2/3",
        "3/1",
        "3/4",
        "4/2",
        "4/5",
      ])
      expect(partial.shard?.sweep.metrics).toEqual(plannedOrThrow(smallSweep).metrics)
    }),
  )

  it.effect("hold figures a lone run with the row's seed reproduces (as simulate --seed would)", () =>
    Effect.gen(function* () {
      const plan = plannedOrThrow(smallSweep)
      const [file] = yield* runShares(smallSweep, 3, [1])
      const partial = JSON.parse(file?.text ?? "")
      const pair = partial.shard.pairs[2]
      const seed = partial.rows[pair.row - 1].seeds[pair.replication - 1]
      const scenario = { ...plan.scenarios[pair.row - 1], seed } as (typeof plan.scenarios)[number]
      const statistics = yield* runReplication(scenario, plan.warmupMicros)
      expect(pair.values[plan.metrics.indexOf("latency.p99")]).toBe(statistics.latency.p99)
      expect(pair.values[plan.metrics.indexOf("throughput")]).toBe(statistics.throughput)
    }),
  )
})

describe("merge", () => {
  it.effect("of all shares, run and given in any order, is the unsharded result byte for byte", () =>
    Effect.gen(function* () {
      const whole = yield* unsharded(smallSweep)
      expect(merged(yield* runShares(smallSweep, 1, [1]))).toBe(whole)
      expect(merged(yield* runShares(smallSweep, 2, [2, 1]))).toBe(whole)
      const three = yield* runShares(smallSweep, 3, [3, 1, 2])
      expect(merged(three)).toBe(whole)
      expect(merged([three[1], three[2], three[0]] as Array<ShareFile>)).toBe(whole)
      // More shares than pairs: some shares are empty, and still merge.
      expect(
        merged(
          yield* runShares(
            smallSweep,
            23,
            Array.from({ length: 23 }, (_, index) => 23 - index),
          ),
        ),
      ).toBe(whole)
    }),
  )

  it.effect(
    "answers the sweep's description with the result, as the unsharded plan gives it (for the page)",
    () =>
      Effect.gen(function* () {
        const merged = mergeSweep(yield* runShares(smallSweep, 2, [1, 2]))
        if (merged instanceof UsageError) throw new Error(merged.message)
        expect(merged.sweep).toEqual(sweepIdentity(plannedOrThrow(smallSweep)))
      }),
  )

  it.effect("survives a trip through pretty-printed files", () =>
    Effect.gen(function* () {
      const whole = yield* unsharded({ ...smallSweep, targets: [] })
      const files = yield* runShares({ ...smallSweep, targets: [] }, 2, [1, 2])
      const pretty = files.map((file) => ({
        ...file,
        text: `${JSON.stringify(JSON.parse(file.text), null, 2)}\n`,
      }))
      expect(merged(pretty)).toBe(whole)
    }),
  )

  it.effect("refuses shares of different sweeps", () =>
    Effect.gen(function* () {
      const [one, two] = yield* runShares(smallSweep, 2, [1, 2])
      if (one === undefined || two === undefined) throw new Error("no shares")
      const [otherTwo] = yield* runShares({ ...smallSweep, replications: 6 }, 2, [2])
      expect(refusal([one, otherTwo as ShareFile])).toBe(
        "--merge: share-1.json and share-2.json are shares of different sweeps (their replications differ)",
      )
      const [otherItems] = yield* runShares(
        { ...smallSweep, scenario: { ...smallSweep.scenario, items: 61 } },
        2,
        [2],
      )
      expect(refusal([one, otherItems as ShareFile])).toContain("(their scenarios differ)")
      const [otherTargets] = yield* runShares({ ...smallSweep, targets: ["dropped<=0"] }, 2, [2])
      expect(refusal([one, otherTargets as ShareFile])).toContain("(their targets differ)")
      const [ofThree] = yield* runShares(smallSweep, 3, [2])
      expect(refusal([one, ofThree as ShareFile])).toBe(
        "--merge: share-1.json is share 1/2 but share-2.json is share 2/3",
      )
    }),
  )

  it.effect("refuses a missing or repeated share", () =>
    Effect.gen(function* () {
      const [one, two, three] = yield* runShares(smallSweep, 3, [1, 2, 3])
      if (one === undefined || two === undefined || three === undefined) throw new Error("no shares")
      expect(refusal([one, three])).toBe("--merge: share 2 of 3 missing (give all 3 shares)")
      expect(refusal([two])).toBe("--merge: shares 1, 3 of 3 missing (give all 3 shares)")
      expect(refusal([one, two, { ...two, name: "copy.json" }, three])).toBe(
        "--merge: share-2.json and copy.json are both share 2/3",
      )
      expect(refusal([])).toBe("--merge: no files given")
    }),
  )

  it.effect("refuses a damaged file, naming it", () =>
    Effect.gen(function* () {
      const [one, two] = yield* runShares(smallSweep, 2, [1, 2])
      if (one === undefined || two === undefined) throw new Error("no shares")
      const whole = yield* unsharded(smallSweep)
      expect(refusal([one, { ...two, text: two.text.slice(0, 200) }])).toMatch(
        /^--merge share-2.json: damaged, not a sweep share: \(the file\): /,
      )
      expect(refusal([one, { ...two, text: "" }])).toMatch(
        /^--merge share-2.json: damaged, not a sweep share/,
      )
      expect(refusal([one, edited(two, (json) => delete json.rows)])).toBe(
        "--merge share-2.json: damaged, not a sweep share: rows: Missing key",
      )
      expect(refusal([one, edited(two, (json) => (json.shard.pairs[0].values[1] = "0.5"))])).toMatch(
        /^--merge share-2.json: damaged, not a sweep share: shard.pairs\[0\].values\[1\]: Expected/,
      )
      expect(refusal([{ name: "whole.json", text: whole }])).toBe(
        "--merge whole.json: is a whole sweep's result, not a share (it has no shard field)",
      )
      expect(refusal([one, edited(two, (json) => json.shard.pairs.pop())])).toBe(
        "--merge share-2.json: damaged or unfinished: row 4 replication 5 is missing",
      )
      expect(
        refusal([
          one,
          edited(two, (json) => json.shard.pairs.push({ ...json.shard.pairs[0], row: 1, replication: 1 })),
        ]),
      ).toBe("--merge share-2.json: damaged: row 1 replication 1 is not this share's run")
      expect(refusal([one, edited(two, (json) => json.shard.pairs.push(json.shard.pairs[0]))])).toBe(
        "--merge share-2.json: damaged: row 1 replication 2 appears twice",
      )
      expect(refusal([one, edited(two, (json) => (json.shard.pairs[1].row = 9))])).toBe(
        "--merge share-2.json: damaged: row 9 replication 4 is outside the sweep",
      )
      expect(refusal([one, edited(two, (json) => json.shard.pairs[1].values.pop())])).toBe(
        "--merge share-2.json: damaged: row 1 replication 4 has 5 figures, not 6",
      )
      expect(refusal([one, edited(two, (json) => (json.shard.index = 5))])).toBe(
        "--merge share-2.json: damaged: share 5/2 cannot exist",
      )
      const badMetric = (json: ShareJson) => (json.shard.sweep.metrics[0] = "latency.p95")
      expect(refusal([edited(one, badMetric), edited(two, badMetric)])).toBe(
        '--merge share-1.json: damaged: unknown metric "latency.p95"',
      )
    }),
  )
})
