import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { runToStatistics } from "../../src/core/run.ts"
import { isPipelineLoad, offeredLoad } from "../../src/core/scenario/offeredLoad.ts"
import { resolveScenario, type ScenarioInput } from "../../src/core/scenario/scenario.ts"
import { parseStage } from "../../src/core/scenario/stageText.ts"
import type { Statistics } from "../../src/core/stats/statistics.ts"
import { planSweep, type SweepOptions } from "../../src/core/sweep/plan.ts"
import { runReplication } from "../../src/core/sweep/replicationRun.ts"
import { resultJson } from "../../src/core/sweep/result.ts"
import { runSweep } from "../../src/core/sweep/runner.ts"
import { UsageError } from "../../src/errors.ts"
import { renderCsv } from "../../src/experiment/csv.ts"
import { mergeShares, type ShareFile } from "../../src/experiment/merge.ts"
import { renderTable } from "../../src/experiment/table.ts"
import { plannedOrThrow, scrambledExecutor } from "./support.ts"

const stage = (text: string) => {
  const parsed = parseStage(text)
  if (Result.isFailure(parsed)) throw new Error(parsed.failure.message)
  return parsed.success
}

/** A short two-stage pipeline: parse, then a bounded store that fails and retries. */
const pipeline: ScenarioInput = {
  producers: 1,
  items: 80,
  produce: "exp(100ms)",
  seed: 3,
  stages: [
    stage("parse:workers=2,process=exp(150ms)"),
    stage("store:workers=1,process=exp(80ms),capacity=10,fail=0.1,retries=3,backoff=exp(50ms)"),
  ],
}

const pipelineSweep: SweepOptions = {
  scenario: pipeline,
  vary: ["parse.workers=1,3", "store.capacity=2,20", "store.process=exp(80ms),exp(100ms)"],
  replications: 3,
  targets: ["sojourn.p99<=2s", "stages.store.latency.p99<=500ms", "stages.parse.utilization<=0.8"],
}

const refusal = (options: SweepOptions): string => {
  const plan = planSweep(options)
  expect(plan).toBeInstanceOf(UsageError)
  const message = (plan as UsageError).message
  expect(message).not.toContain("\n")
  return message
}

/** A statistic by its path, read straight from the statistics object. */
const at = (statistics: Statistics, path: string): number => {
  let value: unknown = statistics
  for (const key of path.replace(/^stages\.(\w+)\./, "stages.$1.").split(".")) {
    value = (value as Record<string, unknown>)[key]
  }
  return value as number
}

describe("a pipeline sweep", () => {
  it.effect("reports for each configuration the statistics of simulate's runs of it, seed by seed", () =>
    Effect.gen(function* () {
      const plan = plannedOrThrow(pipelineSweep)
      const result = yield* runSweep(plan, runReplication)
      expect(result.varied).toEqual(["parse.workers", "store.capacity", "store.process"])
      expect(result.rows).toHaveLength(8)
      const paths = [
        "stages.parse.utilization",
        "stages.store.utilization",
        "sojourn.mean",
        "sojourn.p99",
        "throughput",
        "dropRate",
        "deadLettered",
        "stages.store.latency.p99",
      ]
      expect(Object.keys(result.rows[0]?.metrics ?? {})).toEqual(paths)
      for (const row of result.rows) {
        // The configuration as simulate's flags give it: the stages with the varied settings in place.
        const {
          "parse.workers": workers,
          "store.capacity": capacity,
          "store.process": process,
        } = row.parameters
        const input: ScenarioInput = {
          ...pipeline,
          stages: [
            stage(`parse:workers=${workers},process=exp(150ms)`),
            stage(
              `store:workers=1,process=${process},capacity=${capacity},fail=0.1,retries=3,backoff=exp(50ms)`,
            ),
          ],
        }
        const runs: Array<Statistics> = []
        for (const seed of row.seeds) {
          const scenario = resolveScenario({ ...input, seed })
          if (Result.isFailure(scenario)) throw new Error(scenario.failure.message)
          runs.push((yield* runToStatistics(scenario.success, {})).statistics)
        }
        for (const path of paths) {
          const values = runs.map((statistics) => at(statistics, path))
          const summary = row.metrics[path]
          expect(summary?.min).toBe(Math.min(...values))
          expect(summary?.max).toBe(Math.max(...values))
          expect(summary?.mean).toBeCloseTo(values.reduce((sum, value) => sum + value, 0) / values.length, 6)
        }
      }
    }),
  )

  it("gives each stage its offered load, retries included, and names the most loaded", () => {
    const plan = plannedOrThrow({ ...pipelineSweep, vary: ["parse.workers=1,3"] })
    const [one, three] = plan.loads
    // parse: 10/s x 150 ms over its workers; store: 10/s x (1 + 0.1 + 0.01 + 0.001) attempts x 80 ms.
    expect(one).toMatchObject({ stage: "parse", perWorker: 1.5, unstable: true })
    expect(three).toMatchObject({ stage: "store", perWorker: 0.8888, unstable: false })
    const stages = three !== undefined && isPipelineLoad(three) ? three.stages : {}
    expect(stages.store?.arrivalRate).toBe(11.11)
    expect(stages.parse?.perWorker).toBe(0.5)
  })

  it("follows the routes to each stage's load: branches share a stage's finished items by weight", () => {
    const scenario = resolveScenario({
      producers: 1,
      produce: "100ms",
      stages: [
        stage("triage:workers=1,process=50ms,next=fast:3|slow:1"),
        stage("fast:workers=1,process=100ms,next=none"),
        stage("slow:workers=1,process=400ms,next=none"),
      ],
    })
    if (Result.isFailure(scenario)) throw new Error(scenario.failure.message)
    const load = offeredLoad(scenario.success)
    expect(
      "stages" in load ? Object.values(load.stages).map((stageLoad) => stageLoad.perWorker) : [],
    ).toEqual([0.5, 0.75, 1])
    expect(load).toMatchObject({ stage: "slow", unstable: true })
  })

  it("names its varied settings and target paths in the table and the CSV, and marks overloaded rows", () =>
    Effect.runPromise(
      Effect.gen(function* () {
        const result = yield* runSweep(
          plannedOrThrow({ ...pipelineSweep, vary: ["parse.workers=1,3"] }),
          runReplication,
        )
        const table = renderTable(result)
        expect(table).toMatch(
          /^parse\.workers +load +stages\.parse\.utilization +<=0\.8 +sojourn\.p99 +<=2s +stages\.store\.latency\.p99 +<=500ms$/m,
        )
        expect(table).toMatch(/^1 +1\.500! parse /m)
        expect(table).toMatch(/^3 +0\.889 store /m)
        const unwrapped = table.replaceAll("\n  ", " ")
        expect(unwrapped).toContain(
          "stages parse (process exp(150ms), unbounded queue), store (1 worker, process exp(80ms), queue of 10 (when full: suspend), fail 0.1, retries 3, backoff exp(50ms))",
        )
        expect(unwrapped).toContain("!: unstable, a stage's offered load at or above 1 per worker")
        const header = renderCsv(result).split("\r\n")[0]?.split(",") ?? []
        expect(header.slice(0, 1)).toEqual(["parse.workers"])
        expect(header).toContain("load.stage")
        expect(header).toContain("load.stages.store.perWorker")
        expect(header).toContain("stages.store.latency.p99.mean")
        expect(header).toContain("stages.parse.utilization<=0.8")
      }),
    ))

  it.effect("in shares merges to the unsharded bytes", () =>
    Effect.gen(function* () {
      const options = { ...pipelineSweep, vary: ["parse.workers=1,3", "store.next=none"] }
      const whole = resultJson(yield* runSweep(plannedOrThrow(options), runReplication))
      for (const count of [2, 5]) {
        const files: Array<ShareFile> = []
        for (let index = count; index >= 1; index--) {
          const share = yield* runSweep(plannedOrThrow(options), scrambledExecutor([]), {
            shard: { index, count },
            concurrency: 2,
          })
          files.push({ name: `share-${index}.json`, text: resultJson(share) })
        }
        const merged = mergeShares(files)
        if (merged instanceof UsageError) throw new Error(merged.message)
        expect(resultJson(merged)).toBe(whole)
      }
    }),
  )

  it("refuses a stage it does not have, a key no stage takes and a figure no stage gives, in one line", () => {
    expect(refusal({ ...pipelineSweep, vary: ["prase.workers=1,2"] })).toBe(
      '--vary prase.workers: unknown stage "prase" (stages: parse, store)',
    )
    expect(refusal({ ...pipelineSweep, vary: ["parse.wrokers=1,2"] })).toBe(
      '--vary "parse.wrokers=1,2": unknown key "wrokers" of stage "parse" (known: workers, process, capacity, when-full, fail, retries, backoff, next)',
    )
    expect(refusal({ ...pipelineSweep, vary: ["store.fail=0.1,1"] })).toContain(
      '--vary store.fail=1: --stage "store": fail is a probability in [0, 1) (got 1)',
    )
    expect(refusal({ ...pipelineSweep, vary: ["store.capacity=5,many"] })).toBe(
      "--vary store.capacity=many: not a whole number (or none)",
    )
    expect(refusal({ scenario: { items: 5 }, vary: ["parse.workers=1,2"], replications: 2 })).toBe(
      "--vary parse.workers: parse.workers is a stage's setting, and this sweep has no stages (give them with --stage)",
    )
    expect(refusal({ ...pipelineSweep, targets: ["stages.stor.latency.p99<=1s"] })).toBe(
      '--target "stages.stor.latency.p99<=1s": unknown stage "stor" in "stages.stor.latency.p99" (stages: parse, store)',
    )
    expect(refusal({ ...pipelineSweep, targets: ["stages.store.latncy.p99<=1s"] })).toMatch(
      /^--target "stages\.store\.latncy\.p99<=1s": unknown figure "latncy\.p99" of stage "store" \(known: latency\.count, .*utilization.*deadLettered\)$/,
    )
    expect(refusal({ ...pipelineSweep, targets: ["stages.store.utilization<=1s"] })).toContain(
      "is not a time",
    )
    expect(
      refusal({
        scenario: { items: 5 },
        vary: ["consumers=1,2"],
        replications: 2,
        targets: ["stages.a.utilization<1"],
      }),
    ).toContain("is a stage's figure, and this sweep has no stages")
  })
})

describe("a pipeline sweep's share", () => {
  it.effect("is refused, in one line, when its description's stages were edited", () =>
    Effect.gen(function* () {
      const options = { ...pipelineSweep, vary: ["parse.workers=1,3"], replications: 2 }
      const share = yield* runSweep(plannedOrThrow(options), runReplication, {
        shard: { index: 1, count: 1 },
      })
      const edited = (edit: (scenario: Record<string, unknown>) => void): string => {
        const json = JSON.parse(resultJson(share))
        edit(json.shard.sweep.scenarios[0])
        const merged = mergeShares([{ name: "share-1.json", text: JSON.stringify(json) }])
        expect(merged).toBeInstanceOf(UsageError)
        const message = (merged as UsageError).message
        expect(message).not.toContain("\n")
        return message
      }
      const edits: ReadonlyArray<readonly [(scenario: Record<string, unknown>) => void, string]> = [
        [(scenario) => Object.assign(scenario, { "store.colour": "red" }), "configuration 1's scenario"],
        [
          (scenario) => Object.assign(scenario, { "store.workers": 0 }),
          "workers must be a positive whole number",
        ],
        [
          (scenario) => Object.assign(scenario, { "store.next": '[{"stage":"nowhere","weight":1}]' }),
          "no stage of this pipeline",
        ],
        // An own key of that name, as JSON.parse makes one from a file.
        [
          (scenario) => Object.defineProperty(scenario, "__proto__", { value: null, enumerable: true }),
          "configuration 1's scenario",
        ],
      ]
      for (const [edit, problem] of edits) expect(edited(edit)).toContain(problem)
    }),
  )
})
