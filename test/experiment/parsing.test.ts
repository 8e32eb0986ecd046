import { describe, expect, it } from "@effect/vitest"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import type { ScenarioInput } from "../../src/core/scenario/scenario.ts"
import { splitValues } from "../../src/core/scenario/valueList.ts"
import { buildGrid, type Grid, gridParameters, parseVary } from "../../src/core/sweep/grid.ts"
import { planSweep, type SweepPlan } from "../../src/core/sweep/plan.ts"
import { parseShard } from "../../src/core/sweep/shards.ts"
import { parseTarget } from "../../src/core/sweep/targets.ts"
import { UsageError } from "../../src/errors.ts"

const base: ScenarioInput = { producers: 1, items: 100, produce: "exp(100ms)" }

const grid = (...vary: ReadonlyArray<string>): Grid => {
  const built = buildGrid(base, vary)
  if (built instanceof UsageError) throw new Error(built.message)
  return built
}

/** The one-line message of a refusal. */
/** The one line a refusal says; parsers answer a Result, the older planners an error or a value. */
const refusal = (result: unknown): string => {
  const failure = Result.isResult(result) ? Result.getFailure(result).pipe(Option.getOrUndefined) : result
  expect(failure).toBeInstanceOf(UsageError)
  const message = (failure as UsageError).message
  expect(message).not.toContain("\n")
  return message
}

describe("--vary", () => {
  it("keeps commas inside parentheses with the value", () => {
    expect(splitValues("exp(1s), lognormal(1s,300ms),500ms")).toEqual([
      "exp(1s)",
      "lognormal(1s,300ms)",
      "500ms",
    ])
    expect(splitValues("exp(1s")).toBeUndefined()
    expect(splitValues("exp)1s(")).toBeUndefined()
    expect(Result.getOrThrow(parseVary("process=exp(1s),lognormal(1s,300ms)"))).toEqual({
      name: "process",
      texts: ["exp(1s)", "lognormal(1s,300ms)"],
    })
  })

  it("is the product, the first --vary slowest, values in the order given", () => {
    const { configurations, varied } = grid("consumers=2,3", "capacity=10,none")
    expect(configurations.map((configuration) => configuration.parameters)).toEqual([
      { consumers: 2, capacity: 10 },
      { consumers: 2, capacity: null },
      { consumers: 3, capacity: 10 },
      { consumers: 3, capacity: null },
    ])
    expect(configurations.map(({ scenario }) => [scenario.consumers, scenario.capacity])).toEqual([
      [2, 10],
      [2, null],
      [3, 10],
      [3, null],
    ])
    expect(varied).toEqual([
      { name: "consumers", values: [2, 3] },
      { name: "capacity", values: [10, null] },
    ])
    // The order merge rebuilds from the varied values is the same.
    expect(gridParameters(varied)).toEqual(configurations.map((configuration) => configuration.parameters))
  })

  it("types values as the command line does and spells them as the scenario does", () => {
    const { configurations } = grid(
      "process=exp(1s), lognormal(1s,300ms), 0.5s",
      "timeout=none,90s",
      "when-full=drop",
      "mode=async,threads",
    )
    expect(configurations).toHaveLength(12)
    expect(configurations[0]?.parameters).toEqual({
      process: "exp(1s)",
      timeout: null,
      "when-full": "drop",
      mode: "async",
    })
    expect(configurations[11]?.parameters).toEqual({
      process: "500ms",
      timeout: "90s",
      "when-full": "drop",
      mode: "threads",
    })
    expect(configurations[11]?.scenario.process).toEqual({ kind: "constant", micros: 500_000 })
    expect(configurations[11]?.scenario.timeoutMicros).toBe(90_000_000)
  })

  it("with no --vary is the base scenario alone", () => {
    const { configurations, varied } = grid()
    expect(varied).toEqual([])
    expect(configurations).toHaveLength(1)
    expect(configurations[0]?.parameters).toEqual({})
  })

  it("refuses bad input with one line each, before anything runs", () => {
    expect(refusal(buildGrid(base, ["threads=2,3"]))).toBe(
      '--vary "threads=2,3": unknown parameter "threads" (known: mode, producers, items, consumers, capacity, when-full, produce, process, timeout)',
    )
    expect(refusal(buildGrid(base, ["seed=1,2"]))).toContain("seed cannot vary")
    expect(refusal(buildGrid(base, ["clock=live"]))).toContain("clock cannot vary")
    // Names of Object's prototype are no parameters, not "[object Object]" nor a function's source.
    for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      expect(refusal(buildGrid(base, [`${name}=1`]))).toBe(
        `--vary "${name}=1": unknown parameter "${name}" (known: mode, producers, items, consumers, capacity, when-full, produce, process, timeout)`,
      )
    }
    expect(refusal(buildGrid(base, ["consumers"]))).toContain("expected NAME=V1,V2,...")
    expect(refusal(buildGrid(base, ["consumers="]))).toContain("no values")
    expect(refusal(buildGrid(base, ["consumers=2,,3"]))).toContain("an empty value")
    expect(refusal(buildGrid(base, ["consumers=2,"]))).toContain("an empty value")
    expect(refusal(buildGrid(base, ["process=exp(1s,lognormal(1s,2s)"]))).toContain("unbalanced parentheses")
    expect(refusal(buildGrid(base, ["consumers=2", "consumers=3"]))).toBe(
      "--vary consumers is given twice: list all its values in one --vary",
    )
    expect(refusal(buildGrid(base, ["consumers=2,2.5"]))).toBe("--vary consumers=2.5: not a whole number")
    // 9007199254740993 reads as ...992: the message must not show another number than the one typed.
    expect(refusal(buildGrid(base, ["items=9007199254740993"]))).toBe(
      "--vary items=9007199254740993: a whole number up to 9007199254740991 (2^53 - 1), the largest counted exactly",
    )
    expect(refusal(buildGrid(base, ["capacity=10,unbounded"]))).toBe(
      "--vary capacity=unbounded: not a whole number (or none)",
    )
    expect(refusal(buildGrid(base, ["consumers=2,3,2"]))).toBe("--vary consumers: 2 is listed twice")
    expect(refusal(buildGrid(base, ["process=500ms,0.5s"]))).toBe(
      "--vary process: 500ms and 0.5s are the same value",
    )
  })

  it("refuses a value the parameter refuses, naming it, even when it is the last of the grid", () => {
    expect(refusal(buildGrid(base, ["consumers=1,2,0"]))).toBe(
      "--vary consumers=0: --consumers must be a positive whole number (got 0)",
    )
    expect(refusal(buildGrid(base, ["items=10", "process=exp(1s),lognormal(1s)"]))).toMatch(
      /^--vary process=lognormal\(1s\): --process: .*lognormal takes a mean and a standard deviation/,
    )
    expect(refusal(buildGrid(base, ["mode=async,fast"]))).toMatch(
      /^--vary mode=fast: Expected "sync" \| "async" \| "threads" \| "trio"$/,
    )
    expect(refusal(buildGrid(base, ["timeout=0s"]))).toBe("--vary timeout=0s: --timeout must be above zero")
  })

  it("leaves the blame with the flags when they are refused whatever varies", () => {
    expect(refusal(buildGrid({ ...base, producers: 0 }, ["consumers=1,2"]))).toBe(
      "--producers must be a positive whole number (got 0)",
    )
  })

  it("names the combination when only the combination is refused", () => {
    expect(refusal(buildGrid({}, ["mode=async,sync", "capacity=5"]))).toMatch(
      /^--vary mode=sync capacity=5: --capacity 5 with mode sync: sync consumes only after production ends/,
    )
  })
})

describe("--target", () => {
  it("reads METRIC OP VALUE, durations in seconds", () => {
    expect(Result.getOrThrow(parseTarget("latency.p99<=500ms"))).toEqual({
      metric: "latency.p99",
      comparison: "<=",
      bound: 0.5,
      boundText: "500ms",
    })
    expect(Result.getOrThrow(parseTarget(" utilization.consumers >= 0.6 "))).toMatchObject({
      comparison: ">=",
      bound: 0.6,
    })
    expect(Result.getOrThrow(parseTarget("latency.mean < 1.5s"))).toMatchObject({
      comparison: "<",
      bound: 1.5,
    })
    expect(Result.getOrThrow(parseTarget("dropped>0"))).toMatchObject({
      metric: "dropped",
      comparison: ">",
      bound: 0,
    })
    expect(Result.getOrThrow(parseTarget("sojourn.max<2m"))).toMatchObject({ bound: 120 })
    expect(Result.getOrThrow(parseTarget("queue.meanDepth<=1e-3"))).toMatchObject({ bound: 0.001 })
  })

  it("refuses unknown metrics (listing the known ones), bad operators and bad values", () => {
    expect(refusal(parseTarget("latency.p95<=1s"))).toMatch(
      /^--target "latency.p95<=1s": unknown metric "latency.p95" \(known: elapsed, produced, .*latency.p99.*utilization.consumers/,
    )
    expect(refusal(parseTarget("latency.p99 = 1s"))).toContain("expected METRIC OP VALUE")
    expect(refusal(parseTarget("latency.p99 =< 1s"))).toContain("expected METRIC OP VALUE")
    expect(refusal(parseTarget("latency.p99<=fast"))).toContain('"fast" is not a duration')
    // A time without its unit could be milliseconds or seconds: refused, as every duration is.
    expect(refusal(parseTarget("latency.p99<=500"))).toBe(
      '--target "latency.p99<=500": "500" is not a duration (a number with us, ms, s, m or h, e.g. 500ms or 1.5s); did you mean 500ms or 500s?',
    )
    // A number too large for a double is Infinity, which is no bound, whatever its spelling.
    expect(refusal(parseTarget("dropped>=1e999"))).toBe(
      '--target "dropped>=1e999": "1e999" is too large to be a bound',
    )
    expect(refusal(parseTarget("dropped>=Infinity"))).toBe(
      '--target "dropped>=Infinity": "Infinity" is not a number',
    )
    expect(refusal(parseTarget("dropped<=few"))).toBe('--target "dropped<=few": "few" is not a number')
    expect(refusal(parseTarget("dropped<=5s"))).toBe(
      '--target "dropped<=5s": dropped is not a time (it is in count), so its bound is a plain number',
    )
    expect(refusal(parseTarget(""))).toContain("expected METRIC OP VALUE")
    expect(refusal(parseTarget("mode<=1"))).toContain('unknown metric "mode"')
    // A figure of the statistics object that is no sweep metric: named as such, not as bad syntax.
    expect(refusal(parseTarget("utilization.byConsumer.consumer-1>=0.5"))).toContain(
      'unknown metric "utilization.byConsumer.consumer-1"',
    )
  })
})

describe("--shard", () => {
  it("reads K/N with 1 <= K <= N", () => {
    expect(Result.getOrThrow(parseShard("2/3"))).toEqual({ index: 2, count: 3 })
    expect(Result.getOrThrow(parseShard("1/1"))).toEqual({ index: 1, count: 1 })
    expect(refusal(parseShard("0/3"))).toBe("--shard 0/3: K must be from 1 to N (got 0/3)")
    expect(refusal(parseShard("4/3"))).toContain("K must be from 1 to N")
    expect(refusal(parseShard("2of3"))).toContain("expected K/N")
    expect(refusal(parseShard("-1/3"))).toContain("expected K/N")
  })

  it("reads auto/N's K from the batch system: Kubernetes from 0, Slurm from its first task, GNU parallel from 1", () => {
    expect(Result.getOrThrow(parseShard("auto/4", { JOB_COMPLETION_INDEX: "0" }))).toEqual({
      index: 1,
      count: 4,
    })
    expect(Result.getOrThrow(parseShard("auto/4", { JOB_COMPLETION_INDEX: "3" }))).toEqual({
      index: 4,
      count: 4,
    })
    expect(
      Result.getOrThrow(
        parseShard("auto/4", {
          SLURM_ARRAY_TASK_ID: "12",
          SLURM_ARRAY_TASK_MIN: "10",
          SLURM_ARRAY_TASK_COUNT: "4",
        }),
      ),
    ).toEqual({ index: 3, count: 4 })
    expect(Result.getOrThrow(parseShard("auto/4", { PARALLEL_SEQ: "2" }))).toEqual({ index: 2, count: 4 })
    // Two systems' variables that agree (a Slurm job started by GNU parallel on share 2) are one answer.
    expect(
      Result.getOrThrow(
        parseShard("auto/4", { PARALLEL_SEQ: "2", SLURM_ARRAY_TASK_ID: "1", SLURM_ARRAY_TASK_MIN: "0" }),
      ),
    ).toEqual({ index: 2, count: 4 })
    // An empty variable is an unset one (`env JOB_COMPLETION_INDEX= ...`).
    expect(Result.getOrThrow(parseShard("auto/4", { JOB_COMPLETION_INDEX: "", PARALLEL_SEQ: "4" }))).toEqual({
      index: 4,
      count: 4,
    })
  })

  it("refuses auto/N in one line with no variable, two that disagree, or a count that contradicts N", () => {
    expect(refusal(parseShard("auto/4", {}))).toMatch(
      /^--shard auto\/4: no task number found: .*JOB_COMPLETION_INDEX/,
    )
    expect(refusal(parseShard("auto/4", { JOB_COMPLETION_INDEX: "1", PARALLEL_SEQ: "1" }))).toBe(
      "--shard auto/4: JOB_COMPLETION_INDEX makes this share 2 but PARALLEL_SEQ makes it 1: unset the one that is not this task's",
    )
    expect(refusal(parseShard("auto/4", { JOB_COMPLETION_INDEX: "4" }))).toBe(
      "--shard auto/4: JOB_COMPLETION_INDEX makes this share 5, not one from 1 to 4",
    )
    expect(refusal(parseShard("auto/4", { PARALLEL_SEQ: "0" }))).toBe(
      "--shard auto/4: PARALLEL_SEQ makes this share 0, not one from 1 to 4",
    )
    expect(
      refusal(
        parseShard("auto/4", {
          SLURM_ARRAY_TASK_ID: "2",
          SLURM_ARRAY_TASK_MIN: "1",
          SLURM_ARRAY_TASK_COUNT: "5",
        }),
      ),
    ).toBe("--shard auto/4: the Slurm array has 5 tasks, not 4")
    expect(refusal(parseShard("auto/4", { SLURM_ARRAY_TASK_ID: "2" }))).toBe(
      "--shard auto/4: SLURM_ARRAY_TASK_ID is set without a whole SLURM_ARRAY_TASK_MIN",
    )
    // The environment is untrusted text: quoted, escapes and all, never printed raw.
    expect(refusal(parseShard("auto/4", { PARALLEL_SEQ: "2\u001b[31m" }))).toBe(
      '--shard auto/4: PARALLEL_SEQ is "2\\u001b[31m", not a whole number',
    )
    expect(refusal(parseShard("auto/0", { PARALLEL_SEQ: "1" }))).toContain("not one from 1 to 0")
  })
})

describe("a sweep's plan", () => {
  const plan = (options: Partial<Parameters<typeof planSweep>[0]>): SweepPlan | UsageError =>
    planSweep({ scenario: base, vary: ["consumers=1,2"], replications: 3, ...options })

  it("gathers the grid, the warm-up, the targets and the metrics", () => {
    const planned = plan({ warmup: "1.5s", targets: ["latency.p99<=500ms", "sojourn.max<2s"] })
    if (planned instanceof UsageError) throw new Error(planned.message)
    expect(planned.warmupMicros).toBe(1_500_000)
    expect(planned.baseSeed).toBe(1)
    expect(planned.metrics).toEqual([
      "latency.mean",
      "latency.p99",
      "queue.meanDepth",
      "utilization.consumers",
      "throughput",
      "dropRate",
      "sojourn.max",
    ])
    expect(planned.parameters).toEqual([{ consumers: 1 }, { consumers: 2 }])
  })

  it("refuses fewer than two replications, a bad warm-up, the live clock and a bad target", () => {
    expect(refusal(plan({ replications: 1 }))).toContain("--replications must be a whole number from 2")
    expect(refusal(plan({ warmup: "60" }))).toMatch(/^--warmup: "60" is not a duration/)
    expect(refusal(plan({ scenario: { ...base, clock: "live" } }))).toBe(
      "--clock live: a sweep runs on virtual time",
    )
    expect(refusal(plan({ targets: ["latency.p99<=500ms", "p99<1"] }))).toContain('unknown metric "p99"')
    expect(refusal(plan({ vary: ["consumers=1,2,3,4,5,6,7,8,9,10,11"], replications: 1_000_000 }))).toContain(
      "the sweep would make 11000000 runs",
    )
  })
})
