/** When a sweep starts a worker: made-up costs of a run and of a worker's start-up, no clock. */
import { describe, expect, it } from "vitest"
import type { Scenario } from "../../src/core/scenario/scenario.ts"
import {
  costToDecideOn,
  finishIn,
  type Outlook,
  plannedItemsPerRun,
  runCost,
  workersWorthStarting,
} from "../../src/experiment/workerStarts.ts"

const alone = (runsLeft: number, runSeconds: number, startSeconds: number): Outlook => ({
  runsLeft,
  runSeconds,
  runnersFreeIn: [0],
  startSeconds,
})

describe("the cost of a run", () => {
  it("is the median of the latest runs timed, once two are", () => {
    expect(runCost([0.3, 0.1], 0.5, 1)).toBeCloseTo(0.2)
    expect(runCost([0.9, 0.3, 0.1, 0.12, 0.1, 0.11], 0.5, 1)).toBeCloseTo(0.11)
  })

  it("is not thrown by one run the machine held up", () => {
    // One run of five held up for a second: the runs left still cost a tenth of a second each.
    expect(runCost([0.1, 0.1, 1.2, 0.1, 0.1], 0.5, 1)).toBeCloseTo(0.1)
  })

  it("waits for them after a short first run, whose JIT warm-up weighs", () => {
    expect(runCost([], undefined, 1)).toBeUndefined()
    expect(runCost([], 0.3, 1)).toBeUndefined()
    expect(runCost([0.1], 0.3, 1)).toBeUndefined()
  })

  it("takes a first run that lasted a start-up or more, rather than wait two more that long", () => {
    expect(runCost([], 2.5, 1)).toBe(2.5)
  })
})

describe("the finish of the runs left", () => {
  it("is the whole runs each runner can take, from when it is free", () => {
    expect(finishIn(10, 1, [0])).toBeCloseTo(10)
    expect(finishIn(10, 1, [0, 0])).toBeCloseTo(5)
    // Three runs while the second runner starts, then four each.
    expect(finishIn(11, 1, [0, 3])).toBeCloseTo(7)
    expect(finishIn(0, 1, [0])).toBe(0)
    expect(finishIn(3, 1, [])).toBe(Number.POSITIVE_INFINITY)
  })
})

describe("starting a worker", () => {
  it("does not when the runs left end before its start-up pays (a small sweep)", () => {
    // 19 runs of 0.1 s: this thread ends them in 1.9 s; a worker ready in 2 s would take none.
    expect(workersWorthStarting(alone(19, 0.1, 2), 1)).toBe(0)
    // 20 runs of 0.1 s: a worker ready in 1 s would end them in 1.5 s, only 0.5 s before 2 s.
    expect(workersWorthStarting(alone(20, 0.1, 1), 1)).toBe(0)
  })

  it("does when they gain at least its start-up (a long sweep), as many as each gain that", () => {
    // 30 runs of 0.1 s: 3 s alone, 2 s with a worker ready in 1 s.
    expect(workersWorthStarting(alone(30, 0.1, 1), 1)).toBe(1)
    expect(workersWorthStarting(alone(79, 0.15, 1), 1)).toBe(1)
    // 11.85 s alone; each more worker gains less, and they stop before 7.
    const many = workersWorthStarting(alone(79, 0.15, 1), 7)
    expect(many).toBeGreaterThan(1)
    expect(many).toBeLessThan(7)
  })

  it("counts a worker already starting, and a run already going", () => {
    // 16 runs of 0.25 s: 4 s alone, 2.5 s with a worker ready in 1 s.
    expect(workersWorthStarting(alone(16, 0.25, 1), 1)).toBe(1)
    // With one ready in 0.2 s already, a second one ready in 1 s gains less than its start-up.
    expect(
      workersWorthStarting({ runsLeft: 16, runSeconds: 0.25, runnersFreeIn: [0, 0.2], startSeconds: 1 }, 1),
    ).toBe(0)
    // This thread busy for 3 s more: the worker takes the runs left.
    expect(
      workersWorthStarting({ runsLeft: 4, runSeconds: 0.25, runnersFreeIn: [3], startSeconds: 1 }, 1),
    ).toBe(1)
  })

  it("never starts one with nothing measured, nothing left, or no room", () => {
    expect(workersWorthStarting(alone(50, 0, 0), 3)).toBe(0)
    expect(workersWorthStarting(alone(0, 1, 0), 3)).toBe(0)
    expect(workersWorthStarting(alone(50, 1, 0), 0)).toBe(0)
  })

  it("only when the predicted finish comes a start-up sooner than this thread's alone", () => {
    for (let runsLeft = 1; runsLeft <= 40; runsLeft++)
      for (const startSeconds of [0, 0.3, 1, 2.5])
        for (const room of [1, 3]) {
          const started = workersWorthStarting(alone(runsLeft, 0.2, startSeconds), room)
          const withWorkers = finishIn(runsLeft, 0.2, [0, ...Array(started).fill(startSeconds)])
          const byItself = finishIn(runsLeft, 0.2, [0])
          if (started > 0) expect(withWorkers).toBeLessThanOrEqual(byItself - startSeconds + 1e-9)
          else
            expect(finishIn(runsLeft, 0.2, [0, startSeconds])).toBeGreaterThan(byItself - startSeconds - 1e-9)
        }
  })
})

describe("the plan's cost of a run, before any is timed", () => {
  const scenario = (producers: number, itemsPerProducer: number, timeoutMicros: number | null = null) =>
    ({ producers, itemsPerProducer, timeoutMicros }) as Scenario

  it("is the mean of the runs' items, none for a run a timeout may cut short", () => {
    const scenarios = [scenario(1, 1000), scenario(2, 1000), scenario(1, 1000, 5_000_000)]
    const runs = (...configurations: Array<number>) =>
      configurations.map((configuration) => ({ configuration }))
    expect(plannedItemsPerRun(scenarios, runs(0, 1, 1, 0))).toBe(1500)
    // A share runs only some configurations: the mean is over its own runs.
    expect(plannedItemsPerRun(scenarios, runs(1))).toBe(2000)
    expect(plannedItemsPerRun(scenarios, runs(0, 2))).toBe(500)
    expect(plannedItemsPerRun(scenarios, runs())).toBe(0)
  })

  it("gives way to the runs measured", () => {
    expect(costToDecideOn(0.3, 100_000, 1e-6)).toBe(0.3)
    expect(costToDecideOn(undefined, 100_000, 1e-6)).toBeCloseTo(0.1)
    expect(costToDecideOn(undefined, 0, 1e-6)).toBeUndefined()
    expect(costToDecideOn(undefined, 100_000, 0)).toBeUndefined()
  })

  it("starts a worker before any run when the plan is long enough, not for a small sweep", () => {
    // 80 runs of 100,000 items at 1 µs at least: 8 s alone, against a start-up of 1 s.
    const long = costToDecideOn(undefined, 100_000, 1e-6) as number
    expect(workersWorthStarting(alone(80, long, 1), 1)).toBe(1)
    // 20 runs of 2,000 items: 0.04 s alone; and a third of the long sweep gains less than a start-up
    // of 2.5 s, so it waits for its runs to be timed.
    const small = costToDecideOn(undefined, 2000, 1e-6) as number
    expect(workersWorthStarting(alone(20, small, 1), 3)).toBe(0)
    expect(workersWorthStarting(alone(27, long, 2.5), 1)).toBe(0)
  })
})
