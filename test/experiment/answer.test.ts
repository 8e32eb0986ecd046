import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import { answerLine, answerOf, type Standing, standingOf } from "../../src/core/sweep/answer.ts"
import { gridParameters, type VariedParameter } from "../../src/core/sweep/grid.ts"
import { parseTarget, type Target } from "../../src/core/sweep/targets.ts"

const target = (text: string): Target => Result.getOrThrow(parseTarget(text))

const met: Standing = { status: "met" }
const missed: Standing = { status: "missed" }
const undecided = (moreReplications: number | null): Standing => ({ status: "undecided", moreReplications })

const answer = (
  varied: ReadonlyArray<VariedParameter>,
  standings: ReadonlyArray<Standing>,
  targets = [target("latency.p99<=500ms")],
) => answerLine(varied, gridParameters(varied), targets, standings)

const consumers = [{ name: "consumers", values: [2, 3, 4, 5] }]

describe("the answer line", () => {
  it("names the smallest value meeting every target", () => {
    expect(answer(consumers, [missed, missed, met, met])).toBe(
      "smallest consumers meeting latency.p99 <= 500ms: 4",
    )
    // Grid order does not matter, only the values.
    expect(answer([{ name: "consumers", values: [5, 4, 3] }], [met, met, missed])).toBe(
      "smallest consumers meeting latency.p99 <= 500ms: 4",
    )
    expect(
      answer(
        consumers,
        [missed, missed, met, met],
        [target("latency.p99<=500ms"), target("utilization.consumers>=0.5")],
      ),
    ).toBe("smallest consumers meeting latency.p99 <= 500ms and utilization.consumers >= 0.5: 4")
  })

  it("says which smaller values are undecided, and how many more replications might decide them", () => {
    expect(answer(consumers, [missed, undecided(12), met, met])).toBe(
      "smallest consumers meeting latency.p99 <= 500ms: 4 (undecided: 3, about 12 more replications)",
    )
  })

  it("says so when nothing meets the targets", () => {
    expect(answer(consumers, [missed, missed, missed, missed])).toBe(
      "no consumers in 2, 3, 4, 5 meets latency.p99 <= 500ms",
    )
    expect(answer(consumers, [missed, missed, undecided(7), undecided(null)])).toBe(
      "no consumers in 2, 3, 4, 5 meets latency.p99 <= 500ms " +
        "(undecided: 4, about 7 more replications; 5, more replications may not decide it)",
    )
  })

  it("orders capacity none after every bound", () => {
    expect(answer([{ name: "capacity", values: [null, 10, 20] }], [met, missed, met])).toBe(
      "smallest capacity meeting latency.p99 <= 500ms: 20",
    )
    expect(answer([{ name: "capacity", values: [null, 10] }], [met, missed])).toBe(
      "smallest capacity meeting latency.p99 <= 500ms: none",
    )
  })

  it("lists what meets when the values have no order or several parameters vary", () => {
    const process = [{ name: "process", values: ["exp(1s)", "lognormal(1s,300ms)", "1s"] }]
    expect(answer(process, [met, missed, met])).toBe(
      "process values meeting latency.p99 <= 500ms: exp(1s); 1s",
    )
    expect(answer(process, [missed, undecided(3), missed])).toBe(
      "no process value meets latency.p99 <= 500ms (undecided: lognormal(1s,300ms), about 3 more replications)",
    )
    const grid = [
      { name: "consumers", values: [2, 3] },
      { name: "capacity", values: [10, null] },
    ]
    expect(answer(grid, [missed, missed, met, met])).toBe(
      "configurations meeting latency.p99 <= 500ms: consumers=3 capacity=10; consumers=3 capacity=none",
    )
    expect(answer(grid, [missed, missed, missed, missed])).toBe("no configuration meets latency.p99 <= 500ms")
    const many = [
      { name: "consumers", values: [1, 2, 3, 4, 5, 6, 7, 8] },
      { name: "mode", values: ["async"] },
    ]
    expect(answer(many, new Array(8).fill(met))).toBe(
      "configurations meeting latency.p99 <= 500ms: consumers=1 mode=async; consumers=2 mode=async; " +
        "consumers=3 mode=async; consumers=4 mode=async; consumers=5 mode=async; and 3 more",
    )
  })

  it("speaks of the scenario when nothing varies, and of no target when none is given", () => {
    expect(answer([], [met])).toBe("the scenario meets latency.p99 <= 500ms")
    expect(answer([], [missed])).toBe("the scenario misses latency.p99 <= 500ms")
    expect(answer([], [undecided(4)])).toBe(
      "not yet decided whether the scenario meets latency.p99 <= 500ms: about 4 more replications",
    )
    expect(answer(consumers, [met, met, met, met], [])).toBe("no target given: nothing to decide")
  })

  it("counts a configuration as meeting the targets only when every target is met", () => {
    expect(standingOf([{ verdict: "met" }, { verdict: "met" }])).toEqual(met)
    expect(standingOf([{ verdict: "met" }, { verdict: "missed" }, { verdict: "undecided" }])).toEqual(missed)
    expect(
      standingOf([
        { verdict: "undecided", moreReplications: 3 },
        { verdict: "met" },
        { verdict: "undecided", moreReplications: 9 },
      ]),
    ).toEqual(undecided(9))
    expect(
      standingOf([
        { verdict: "undecided", moreReplications: 3 },
        { verdict: "undecided", moreReplications: null },
      ]),
    ).toEqual(undecided(null))
  })
})

describe("the answer's configurations, beside its sentence", () => {
  const chosen = (
    varied: ReadonlyArray<VariedParameter>,
    standings: ReadonlyArray<Standing>,
    targets = [target("latency.p99<=500ms")],
  ) => answerOf(varied, gridParameters(varied), targets, standings).chosen

  it("are the smallest value that meets, or every configuration that meets, or none", () => {
    expect(chosen(consumers, [missed, missed, met, met])).toEqual([{ consumers: 4 }])
    expect(chosen(consumers, [missed, missed, missed, undecided(3)])).toEqual([])
    const grid = [
      { name: "consumers", values: [2, 3] },
      { name: "capacity", values: [10, null] },
    ]
    expect(chosen(grid, [missed, met, met, missed])).toEqual([
      { consumers: 2, capacity: null },
      { consumers: 3, capacity: 10 },
    ])
    expect(chosen([], [met])).toEqual([{}])
    expect(chosen([], [missed])).toEqual([])
    expect(chosen(consumers, [met, met, met, met], [])).toEqual([])
  })
})
