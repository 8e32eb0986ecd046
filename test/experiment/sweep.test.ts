import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type { Scenario } from "../../src/core/scenario/scenario.ts"
import type { SweepOptions } from "../../src/core/sweep/plan.ts"
import { runReplication } from "../../src/core/sweep/replicationRun.ts"
import { SweepResult } from "../../src/core/sweep/resultSchema.ts"
import { newResults, runReplications, runSweep } from "../../src/core/sweep/runner.ts"
import { renderCsv } from "../../src/experiment/csv.ts"
import { renderTable, tableWidth } from "../../src/experiment/table.ts"
import { plannedOrThrow, scrambledExecutor, smallSweep } from "./support.ts"

describe("running a sweep", () => {
  it.effect("gives one row per configuration in grid order, with its seeds, metrics and verdicts", () =>
    Effect.gen(function* () {
      const plan = plannedOrThrow(smallSweep)
      const ran: Array<{ scenario: Scenario; warmupMicros: number }> = []
      const result = yield* runSweep(plan, (scenario, warmupMicros) => {
        ran.push({ scenario, warmupMicros })
        return runReplication(scenario, warmupMicros)
      })
      expect(Schema.is(SweepResult)(result)).toBe(true)
      expect(Object.keys(result)).toEqual([
        "replications",
        "confidence",
        "warmup",
        "baseSeed",
        "varied",
        "scenario",
        "rows",
        "answer",
        "chosen",
      ])
      expect(result).toMatchObject({ replications: 5, confidence: 0.95, warmup: 0.5, baseSeed: 5 })
      expect(result.varied).toEqual(["consumers", "process"])
      expect(result.rows.map((row) => row.parameters)).toEqual([
        { consumers: 1, process: "exp(150ms)" },
        { consumers: 1, process: "lognormal(150ms,50ms)" },
        { consumers: 2, process: "exp(150ms)" },
        { consumers: 2, process: "lognormal(150ms,50ms)" },
      ])
      const seeds = [5_000_001, 5_000_002, 5_000_003, 5_000_004, 5_000_005]
      for (const row of result.rows) {
        expect(row.seeds).toEqual(seeds)
        expect(Object.keys(row.metrics)).toEqual(plan.metrics)
        expect(row.targets.map((outcome) => outcome.target)).toEqual([
          "latency.p99<=300ms",
          "utilization.consumers>=0.5",
        ])
        for (const summary of Object.values(row.metrics)) {
          expect(summary.min as number).toBeLessThanOrEqual(summary.mean as number)
          expect(summary.mean as number).toBeLessThanOrEqual(summary.max as number)
          expect(summary.halfWidth as number).toBeGreaterThanOrEqual(0)
        }
      }
      // Common random numbers: every configuration ran replication r on the same seed, after the warm-up.
      expect(ran).toHaveLength(20)
      for (let configuration = 0; configuration < 4; configuration++) {
        expect(ran.slice(configuration * 5, configuration * 5 + 5).map((run) => run.scenario.seed)).toEqual(
          seeds,
        )
      }
      expect(new Set(ran.map((run) => run.warmupMicros))).toEqual(new Set([500_000]))
      expect(ran[7]?.scenario).toMatchObject({ consumers: 1, producers: 1, itemsPerProducer: 60 })
    }),
  )

  it.effect("gives the same bytes whatever order the runs finish in", () =>
    Effect.gen(function* () {
      const plan = plannedOrThrow(smallSweep)
      const inOrder = yield* runSweep(plan, runReplication)
      const finished: Array<string> = []
      const scrambled = yield* runSweep(plan, scrambledExecutor(finished), { concurrency: 4 })
      expect(finished).toHaveLength(20)
      // The runs really did finish out of grid order...
      const gridOrder = plan.scenarios.flatMap((scenario) =>
        [1, 2, 3, 4, 5].map(
          (r) => `${JSON.stringify(scenario.process)}/${scenario.consumers}/${5_000_000 + r}`,
        ),
      )
      expect(finished).not.toEqual(gridOrder)
      // ...and the result is the same bytes.
      expect(JSON.stringify(scrambled)).toBe(JSON.stringify(inOrder))
    }),
  )

  it.effect("reports progress, and a store passed in keeps what finished", () =>
    Effect.gen(function* () {
      const plan = plannedOrThrow({ ...smallSweep, vary: ["consumers=1,2"], replications: 3 })
      const progress: Array<string> = []
      const results = newResults(plan)
      yield* runReplications(plan, runReplication, {
        results,
        onProgress: (done, total) => progress.push(`${done}/${total}`),
      })
      expect(progress).toEqual(["1/6", "2/6", "3/6", "4/6", "5/6", "6/6"])
      expect(results.done()).toHaveLength(6)
      // Runs already in the store are not run again.
      let runs = 0
      yield* runReplications(
        plan,
        (scenario, warmup) =>
          Effect.suspend(() => {
            runs++
            return runReplication(scenario, warmup)
          }),
        { results },
      )
      expect(runs).toBe(0)
    }),
  )

  it.effect("pairs the differences between neighbouring configurations", () =>
    Effect.gen(function* () {
      const plan = plannedOrThrow({ ...smallSweep, vary: ["consumers=1,2,3"], replications: 6, targets: [] })
      const result = yield* runSweep(plan, runReplication)
      const [one, two, three] = result.rows
      expect(one?.differences.map(({ parameter, from, to }) => [parameter, from, to])).toEqual([
        ["consumers", 1, 2],
      ])
      expect(two?.differences.map(({ from, to }) => [from, to])).toEqual([[2, 3]])
      expect(three?.differences).toEqual([])
      const paired = one?.differences[0]?.metrics["latency.mean"]
      const before = one?.metrics["latency.mean"]
      const after = two?.metrics["latency.mean"]
      if (paired === undefined || before === undefined || after === undefined) throw new Error("no figures")
      // The mean of the differences is the difference of the means (up to the 1e-6 rounding)...
      expect(paired.mean as number).toBeCloseTo((after.mean as number) - (before.mean as number), 5)
      // ...and, the runs sharing their arrivals, it is known better than two unrelated intervals allow.
      const unpaired = Math.hypot(before.halfWidth as number, after.halfWidth as number)
      expect(paired.halfWidth as number).toBeLessThan(unpaired)
    }),
  )

  it.effect("records the fixed scenario, each configuration's offered load, and the answer's choice", () =>
    Effect.gen(function* () {
      const result = yield* runSweep(plannedOrThrow(smallSweep), runReplication)
      // One producer, a pause of 100 ms on average: 10 arrivals a second; 150 ms of work each.
      expect(result.scenario).toEqual({
        settings: {
          mode: "async",
          producers: 1,
          items: 60,
          capacity: null,
          whenFull: "suspend",
          produce: "exp(100ms)",
          timeout: null,
          clock: "virtual",
          start: "together",
          handoff: "wait",
          pollInterval: "10ms",
        },
        changing: [],
        arrivalRate: 10,
        meanService: 0.15,
      })
      // 1.5 consumers' worth of work: one consumer cannot keep up, two can.
      expect(result.rows.map((row) => row.load)).toEqual([
        { arrivalRate: 10, meanService: 0.15, workers: 1, perWorker: 1.5, unstable: true },
        { arrivalRate: 10, meanService: 0.15, workers: 1, perWorker: 1.5, unstable: true },
        { arrivalRate: 10, meanService: 0.15, workers: 2, perWorker: 0.75, unstable: false },
        { arrivalRate: 10, meanService: 0.15, workers: 2, perWorker: 0.75, unstable: false },
      ])
      expect(result.chosen).toEqual([])
    }),
  )

  it("counts producers that run together, and the sync program's one at a time", () => {
    const loadOf = (scenario: SweepOptions["scenario"]) =>
      plannedOrThrow({ scenario, vary: [], replications: 2 }).loads[0]
    expect(loadOf({ producers: 3, produce: "poisson(40/s)", process: "70ms", consumers: 4 })).toEqual({
      arrivalRate: 120,
      meanService: 0.07,
      workers: 4,
      perWorker: 2.1,
      unstable: true,
    })
    expect(
      loadOf({ mode: "sync", producers: 3, produce: "poisson(40/s)", process: "70ms" })?.arrivalRate,
    ).toBe(40)
    // Pauses of no time: every item at once, which no consumer keeps up with.
    expect(loadOf({ produce: "0s" })).toEqual({
      arrivalRate: null,
      meanService: 0.5,
      workers: 1,
      perWorker: null,
      unstable: true,
    })
  })

  it.effect("handles metrics that a run has no value for", () =>
    Effect.gen(function* () {
      // A warm-up longer than every run: nothing is counted, so there is no latency at all.
      const plan = plannedOrThrow({
        ...smallSweep,
        vary: [],
        replications: 3,
        warmup: "3600s",
        targets: ["latency.p99<=300ms"],
      })
      const result = yield* runSweep(plan, runReplication)
      const [row] = result.rows
      expect(row?.metrics["latency.p99"]).toEqual({
        mean: null,
        halfWidth: null,
        min: null,
        max: null,
        missing: 3,
      })
      // Nor any other figure: a run that ended before the warm-up has none (its rates and means
      // would be 0 over no time at all, and were shown as 0 ± 0).
      expect(row?.metrics.dropRate).toEqual({ mean: null, halfWidth: null, min: null, max: null, missing: 3 })
      expect(row?.metrics["utilization.consumers"]?.mean).toBeNull()
      expect(row?.targets[0]).toEqual({
        target: "latency.p99<=300ms",
        verdict: "undecided",
        moreReplications: null,
      })
      expect(result.answer).toBe(
        "not yet decided whether the scenario meets latency.p99 <= 300ms: more replications may not decide it",
      )
      expect(renderTable(result)).toContain("-")
    }),
  )
})

describe("rendering a sweep", () => {
  it.effect("as a table within 100 columns, with the answer last", () =>
    Effect.gen(function* () {
      const plan = plannedOrThrow(smallSweep)
      const result = yield* runSweep(plan, runReplication)
      const table = renderTable(result)
      const lines = table.trimEnd().split("\n")
      // Every line but the answer, which stays one line however long.
      for (const line of lines.slice(0, -1)) expect(line.length).toBeLessThanOrEqual(tableWidth)
      // First what every configuration shares: who makes items, how fast they come, how long each takes.
      expect(lines.slice(0, 3)).toEqual([
        "scenario: mode async, 1 producer x 60 items, arrivals 10/s on average (produce exp(100ms)), service",
        "  150 ms on average, unbounded queue",
        "",
      ])
      // Each configuration's offered load, then each target's verdict right after its metric (its
      // unit on the line below); other metrics while they fit.
      expect(lines[3]).toMatch(
        /^consumers {2}process +load {2}latency\.p99 {2}<=300ms +utilization\.consumers {2}>=0\.5$/,
      )
      expect(lines[4]?.trim()).toBe("s")
      expect(lines[4]?.indexOf("s")).toBe((lines[3] ?? "").indexOf("latency.p99") + "latency.p9".length)
      expect(lines[5]).toMatch(/^1 +exp\(150ms\) +1\.500! +\d+\.\d+ ± \d+\.\d+ /)
      expect(lines[7]).toMatch(/^2 +exp\(150ms\) +0\.750 +\d+\.\d+ ± \d+\.\d+ /)
      expect(table).toContain(
        "!: unstable, an offered load at or above 1 per consumer: the queue grows without bound and the\n  figures depend on the run's length",
      )
      expect(table).toContain(
        "5 replications per row (seeds 5000001-5000005), mean ± 95% Student-t half-width",
      )
      expect(table).toContain("more metrics in --json and --csv:")
      expect(table).toContain("latency.p99, paired difference to the next value")
      expect(table).toContain("consumers 1 -> 2 (process=exp(150ms))")
      expect(lines.at(-1)).toBe(result.answer)
    }),
  )

  it.effect("as CSV, quoting values that hold commas", () =>
    Effect.gen(function* () {
      const plan = plannedOrThrow(smallSweep)
      const result = yield* runSweep(plan, runReplication)
      const lines = renderCsv(result).split("\r\n")
      expect(lines).toHaveLength(6)
      expect(lines.at(-1)).toBe("")
      expect(lines[0]).toMatch(
        /^consumers,process,scenario\.mode,scenario\.producers,scenario\.items,.*,load\.arrivalRate,load\.meanService,load\.perWorker,load\.unstable,latency\.mean\.mean,latency\.mean\.halfWidth,latency\.mean\.min,latency\.mean\.max,latency\.mean\.missing,/,
      )
      expect(lines[0]).toMatch(/,latency\.p99<=300ms,latency\.p99<=300ms moreReplications,.*,seeds$/)
      expect(lines[2]).toMatch(/^1,"lognormal\(150ms,50ms\)",async,1,60,.*,10,0\.15,1\.5,true,\d/)
      expect(lines[2]).toMatch(/,5000001 5000002 5000003 5000004 5000005$/)
    }),
  )
})
