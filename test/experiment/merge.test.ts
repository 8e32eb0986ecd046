import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { type SweepOptions, sweepIdentity } from "../../src/core/sweep/plan.ts"
import { runReplication } from "../../src/core/sweep/replicationRun.ts"
import { resultJson } from "../../src/core/sweep/result.ts"
import { SweepResult } from "../../src/core/sweep/resultSchema.ts"
import { runSweep } from "../../src/core/sweep/runner.ts"
import { pairsToRun } from "../../src/core/sweep/shards.ts"
import { generator } from "../../src/core/version.ts"
import { UsageError } from "../../src/errors.ts"
import { mergeShares, mergeSweep, type ShareFile } from "../../src/experiment/merge.ts"
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
    count: number
    generator: string
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
      expect(partial.shard?.generator).toBe(generator)
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

  it.effect("hold the rows of the configurations they ran only, and every run's figures", () =>
    Effect.gen(function* () {
      // 20 runs in 20 shares: share 7 ran row 2's replication 2 alone.
      const [file] = yield* runShares(smallSweep, 20, [7])
      const partial = JSON.parse(file?.text ?? "")
      expect(partial.rows.map((row: { parameters: unknown }) => row.parameters)).toEqual([
        { consumers: 1, process: "lognormal(150ms,50ms)" },
      ])
      expect(
        partial.shard.pairs.map(({ row, replication }: { row: number; replication: number }) => [
          row,
          replication,
        ]),
      ).toEqual([[2, 2]])
      expect(partial.shard.sweep.scenarios).toHaveLength(4)
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
    }),
  )

  it.effect(
    "of N shares is the unsharded bytes for every N from 1 to the number of runs (primes, the maximum)",
    () =>
      Effect.gen(function* () {
        const whole = yield* unsharded(smallSweep)
        // smallSweep makes 20 runs: 7 and 13 split them unevenly, 20 leaves one run a share.
        for (const count of [1, 4, 7, 13, 20]) {
          const backwards = Array.from({ length: count }, (_, index) => count - index)
          expect(merged(yield* runShares(smallSweep, count, backwards))).toBe(whole)
        }
      }),
  )

  it.effect("refuses a share of more shares than the sweep has runs", () =>
    Effect.gen(function* () {
      const [one] = yield* runShares(smallSweep, 20, [1])
      if (one === undefined) throw new Error("no share")
      expect(refusal([edited(one, (json) => (json.shard.count = 21))])).toBe(
        "--merge share-1.json: damaged: share 1/21 of a sweep of 20 runs",
      )
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
      const [byAnother] = [edited(two, (json) => (json.shard.generator = "prodcon-sim@0.0.9"))]
      expect(refusal([one, byAnother as ShareFile])).toBe(
        '--merge: share-1.json and share-2.json were run by different versions ("prodcon-sim@0.1.0" and "prodcon-sim@0.0.9"): run every share with one',
      )
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
      // A copy with the same figures (a retried share, a file copied twice) merges as one.
      const whole = yield* unsharded(smallSweep)
      expect(merged([one, two, { ...two, name: "copy.json" }, three])).toBe(whole)
      expect(merged([two, one, three, { ...three, name: "copy.json" }, { ...one, name: "again.json" }])).toBe(
        whole,
      )
      // One that differs is a run that did not repeat (another machine, a changed program): named exactly.
      const changed = edited(two, (json) => {
        const [, second] = json.shard.pairs
        second.values[0] = (second.values[0] as number) + 0.001
      })
      expect(refusal([one, two, { ...changed, name: "copy.json" }, three])).toBe(
        "--merge: share-2.json and copy.json are both share 2/3 but differ at row 1 replication 5",
      )
      const cut = edited(two, (json) => json.shard.pairs.pop())
      expect(refusal([one, two, { ...cut, name: "copy.json" }, three])).toBe(
        "--merge: share-2.json and copy.json are both share 2/3 but differ at row 4 replication 5",
      )
      expect(refusal([])).toBe("--merge: no files given")
      // N comes from the file: one that claims more shares than runs is refused, and a long list is cut.
      expect(refusal([edited(one, (json) => (json.shard.count = 1e15))])).toBe(
        "--merge share-1.json: damaged: share 1/1000000000000000 of a sweep of 20 runs",
      )
      const [first] = yield* runShares(smallSweep, 20, [1])
      expect(refusal([first as ShareFile])).toBe(
        "--merge: shares 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 9 more of 20 missing (give all 20 shares)",
      )
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

  it.effect("merges shares of a sweep that varies the mode, whose presets differ by configuration", () =>
    Effect.gen(function* () {
      const options: SweepOptions = {
        scenario: { items: 5, seed: 3 },
        vary: ["mode=async,trio,sync"],
        replications: 2,
      }
      expect(merged(yield* runShares(options, 2, [2, 1]))).toBe(yield* unsharded(options))
    }),
  )

  it.effect("refuses a description or a figure no sweep could make, quoting no raw control character", () =>
    Effect.gen(function* () {
      const [one, two] = yield* runShares(smallSweep, 2, [1, 2])
      if (one === undefined || two === undefined) throw new Error("no shares")
      type Sweep = {
        varied: Array<{ name: string; values: Array<unknown> }>
        scenarios: Array<Record<string, unknown>>
        warmup: number
        replications: number
      }
      /** Both shares changed alike, so they still belong together. */
      const both = (edit: (sweep: Sweep, json: ShareJson) => void) =>
        [one, two].map((file) => edited(file, (json) => edit(json.shard.sweep as unknown as Sweep, json)))
      const hostile = "cons\u001b[31mRED\u001b]0;pwn\u0007\u009b2J"
      const renamed = refusal(
        both((sweep) => (sweep.varied[0] = { ...sweep.varied[0], name: hostile } as Sweep["varied"][0])),
      )
      expect(renamed).toBe(
        '--merge share-1.json: damaged: its varied parameter "cons\\u001b[31mRED\\u001b]0;pwn\\u0007\\u{9b}2J" is none a sweep varies',
      )
      expect(refusal(both((sweep) => ((sweep.varied[0] as { name: string }).name = "threads")))).toBe(
        '--merge share-1.json: damaged: its varied parameter "threads" is none a sweep varies',
      )
      // A process that is no distribution, in the varied values and the scenarios alike.
      const process = (value: unknown) =>
        both((sweep) => {
          sweep.varied[1] = { name: "process", values: [value, "lognormal(150ms,50ms)"] }
          for (const scenario of sweep.scenarios)
            if (scenario.process === "exp(150ms)") scenario.process = value
        })
      expect(refusal(process("fast"))).toMatch(
        /^--merge share-1.json: damaged: configuration 1's scenario: process: "fast" is not a/,
      )
      expect(refusal(process(5))).toMatch(
        /^--merge share-1.json: damaged: configuration 1's scenario: process: Expected string/,
      )
      expect(refusal(process("0.15s"))).toBe(
        `--merge share-1.json: damaged: configuration 1's scenario: process is "0.15s", which the program spells "150ms"`,
      )
      expect(refusal(both((sweep) => (sweep.warmup = -1)))).toBe(
        "--merge share-1.json: damaged: its warm-up of -1 s is no duration",
      )
      expect(refusal(both((sweep) => (sweep.replications = 1)))).toMatch(
        /^--merge share-1.json: damaged: its replications must be a whole number from 2/,
      )
      // Three lists of a thousand values: a billion configurations, refused before the grid is built.
      const thousand = Array.from({ length: 1000 }, (_, index) => index + 1)
      expect(
        refusal(
          both((sweep) => {
            sweep.varied = ["consumers", "producers", "items"].map((name) => ({ name, values: thousand }))
          }),
        ),
      ).toBe("--merge share-1.json: damaged: its grid and its scenarios do not match")
      const repeatedMetric = refusal(both((_, json) => json.shard.sweep.metrics.push("latency.mean")))
      expect(repeatedMetric).toBe(
        "--merge share-1.json: damaged: its metrics are not the ones its targets give (latency.mean, latency.p99, queue.meanDepth, utilization.consumers, throughput, dropRate)",
      )
      // Figures no run gives: each metric is in share-2.json's sweep.metrics order.
      const figure = (metric: string, value: number) =>
        refusal([
          one,
          edited(two, (json) => {
            json.shard.pairs[0].values[json.shard.sweep.metrics.indexOf(metric)] = value
          }),
        ])
      expect(figure("latency.p99", -5)).toBe(
        "--merge share-2.json: damaged: row 1 replication 2: latency.p99 is -5, which no run gives (a time from 0 to 2^53 us)",
      )
      expect(figure("utilization.consumers", 7.5)).toBe(
        "--merge share-2.json: damaged: row 1 replication 2: utilization.consumers is 7.5, which no run gives (a fraction from 0 to 1)",
      )
      expect(figure("latency.mean", 1e308)).toMatch(/latency.mean is 1e\+308, which no run gives/)
      expect(figure("dropRate", 1.5)).toMatch(/dropRate is 1.5, which no run gives \(a fraction from 0 to 1/)
      // JSON escapes ESC and BEL, not C1's CSI: that one is escaped too.
      expect(renamed).not.toContain("\u009b")
    }),
  )
})
