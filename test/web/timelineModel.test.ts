/** What the timeline draws and the panes list, checked against the events and the statistics. */
import { describe, expect, it } from "@effect/vitest"
import { eventTypeCode } from "../../src/core/pageData/pageData.ts"
import { RunState } from "../../src/core/pageData/runState.ts"
import type { ScenarioInput } from "../../src/core/scenario/scenario.ts"
import { columnGroups } from "../../src/page/player/columnsInView.ts"
import { drawPlan } from "../../src/page/player/drawPlan.ts"
import { windowMarks } from "../../src/page/player/laneMarks.ts"
import { untilOf } from "../../src/page/player/playhead.ts"
import { prepareRun } from "../../src/page/player/preparedRun.ts"
import { QueueCursor } from "../../src/page/player/queueAt.ts"
import { statisticsRows } from "../../src/page/player/statisticsRows.ts"
import { defined, foldRun, pageRunOf } from "./pageRuns.ts"

const count = (events: ReadonlyArray<{ type: string }>, type: string) =>
  events.filter((e) => e.type === type).length

const scenarios: ReadonlyArray<ScenarioInput> = [
  { mode: "async" },
  { mode: "sync" },
  { mode: "trio" },
  {
    mode: "async",
    capacity: 2,
    whenFull: "suspend",
    produce: "exp(300ms)",
    process: "exp(400ms)",
    items: 40,
  },
  { mode: "threads", capacity: 2, whenFull: "slide", produce: "exp(200ms)", consumers: 2, items: 40 },
]

describe("the timeline's marks of a run held whole", () => {
  for (const input of scenarios) {
    it(`closes every span, marks every wait and drop, and steps the depth as the fold does: ${JSON.stringify(input)}`, async () => {
      const run = await foldRun(input)
      const prepared = prepareRun(pageRunOf(run))
      const window = defined(prepared.windows[0])
      const marks = windowMarks(window, run.data.actors, run.end.at, run.header.scenario.items, 1000)
      const spans = marks.actors.flatMap((actor, index) =>
        actor.spans.map((span) => ({ ...span, role: run.data.actors[index]?.role })),
      )
      const busy = spans.filter((span) => span.role === "consumer")
      const blocked = spans.filter((span) => span.role === "producer")
      expect(busy).toHaveLength(count(run.events, "dequeued"))
      expect(blocked).toHaveLength(count(run.events, "blocked"))
      for (const span of spans) expect(span.to).toBeGreaterThanOrEqual(span.from)
      expect(spans.every((span) => !span.open)).toBe(true)
      const busyMicros = busy.reduce((sum, span) => sum + (span.to - span.from), 0)
      expect(busyMicros / 1e6 / run.statistics.elapsed / run.header.scenario.consumers).toBeCloseTo(
        run.statistics.utilization.consumers,
        5,
      )
      // Each stamp's #n is its producer's own count, 1, 2, 3...: in trio the count comes on the later
      // handedOver event, and the stamp showed the item's run-wide number instead.
      marks.actors.forEach((actor, index) => {
        if (run.data.actors[index]?.role !== "producer") return
        expect(actor.stamps.map((stamp) => stamp.index)).toEqual(actor.stamps.map((_, n) => n + 1))
      })
      expect(marks.waits).toHaveLength(count(run.events, "produced"))
      expect(marks.waits.filter((wait) => wait.outcome === "picked")).toHaveLength(run.statistics.consumed)
      expect(marks.waits.filter((wait) => wait.outcome === "dropped")).toHaveLength(run.statistics.dropped)
      // Waits on one row never overlap.
      const rows = new Map<number, Array<{ from: number; to: number }>>()
      for (const wait of marks.waits) rows.set(wait.row, [...(rows.get(wait.row) ?? []), wait])
      for (const row of rows.values()) {
        row.forEach((wait, index) => {
          if (index > 0) expect(wait.from).toBeGreaterThanOrEqual(defined(row[index - 1]).to)
        })
      }
      expect(marks.actors.reduce((sum, actor) => sum + actor.stamps.length, 0)).toBe(run.statistics.produced)
      expect(marks.actors.reduce((sum, actor) => sum + actor.drops.length, 0)).toBe(run.statistics.dropped)
      // The depth held after each instant is the state's depth after that instant's last event.
      const state = new RunState()
      const actorIndex = new Map(run.data.actors.map((actor, index) => [actor.name, index]))
      const depthAfter = new Map<number, number>()
      for (const event of run.events) {
        state.apply(
          event.at,
          eventTypeCode(event.type),
          defined(actorIndex.get(event.actor)),
          defined(event.item),
          event.value,
        )
        depthAfter.set(event.at, state.depth)
      }
      for (const point of marks.depth.slice(1)) expect(point.depth).toBe(depthAfter.get(point.at))
    })
  }
})

describe("the queue pane's state at the playhead", () => {
  it("is the state after the events before the playhead, moving forward or back", async () => {
    const run = await foldRun({ mode: "async", consumers: 2, capacity: 3, produce: "exp(300ms)", items: 30 })
    const cursor = new QueueCursor(prepareRun(pageRunOf(run)))
    const actorIndex = new Map(run.data.actors.map((actor, index) => [actor.name, index]))
    const expected = (at: number) => {
      const state = new RunState()
      for (const event of run.events) {
        if (event.at >= untilOf(at, run.end.at)) break
        state.apply(
          event.at,
          eventTypeCode(event.type),
          defined(actorIndex.get(event.actor)),
          defined(event.item),
          event.value,
        )
      }
      return state.snapshot(1000)
    }
    for (const at of [3_000_000, 5_500_000, 1_000_000, run.end.at, 4_000_000]) {
      const found = cursor.at(at)
      expect(found.known).toBe(true)
      if (found.known) expect(found.state.snapshot(1000)).toEqual(expected(at))
    }
  })
})

describe("the aggregates in view", () => {
  it("add up to the statistics over the whole run, however they are grouped", async () => {
    const run = await foldRun({ mode: "async", items: 300 })
    const consumers = run.data.actors.flatMap((actor, index) => (actor.role === "consumer" ? [index] : []))
    for (const pixels of [50, 333, 5000]) {
      const groups = columnGroups(
        run.data.columns,
        { from: 0, to: run.end.at },
        pixels,
        run.end.at,
        consumers,
      )
      expect(groups.length).toBeLessThanOrEqual(Math.max(pixels, run.data.columns.count))
      expect(groups.reduce((sum, group) => sum + group.picked, 0)).toBe(run.statistics.consumed)
      const busy = groups.reduce(
        (sum, group) => sum + (group.spanFraction[consumers[0] ?? 0] ?? 0) * (group.to - group.from),
        0,
      )
      expect(busy / 1e6 / run.statistics.elapsed).toBeCloseTo(run.statistics.utilization.consumers, 2)
      expect(Math.max(...groups.map((group) => group.depthMax ?? 0))).toBe(run.statistics.queue.maxDepth)
    }
  })
})

describe("the draw plan", () => {
  it("draws a short run event by event, and says so", async () => {
    const run = await foldRun({ mode: "async" })
    const plan = drawPlan(prepareRun(pageRunOf(run)), { from: 0, to: run.end.at }, 900)
    expect(plan.aggregates).toBe(false)
    expect(plan.notice).toBe("Every event drawn: the page holds all 120 events of this run.")
  })

  it("draws a small run of many lanes event by event: its events spread over them", async () => {
    // 1,920 events over 32 lanes, about 60 a lane: they were counted as if all in one lane.
    const run = await foldRun({ mode: "async", producers: 16, items: 40, consumers: 16 })
    const plan = drawPlan(prepareRun(pageRunOf(run)), { from: 0, to: run.end.at }, 900)
    expect(plan.aggregates).toBe(false)
    expect(plan.notice).toBe("Every event drawn: the page holds all 1,920 events of this run.")
  })

  it("draws actors that share lanes from the columns, and says how many actors in how many lanes", async () => {
    const run = await foldRun({ mode: "async", producers: 100, items: 5, consumers: 200 })
    const plan = drawPlan(prepareRun(pageRunOf(run)), { from: 0, to: run.end.at }, 900)
    expect(plan.aggregates).toBe(true)
    expect(plan.detail).toHaveLength(0)
    expect(plan.notice).toMatch(
      /^Aggregates: 300 actors in 31 lanes, each lane of many drawing its members' mean/,
    )
    // A lane of many draws its members' mean busy share: over the whole run, the run's utilization.
    const { actors, columns } = run.data
    const consumers = actors.flatMap((actor, index) => (actor.role === "consumer" ? [index] : []))
    const members = actors.map((actor) => actor.members ?? 1)
    const [whole] = columnGroups(columns, { from: 0, to: run.end.at }, 1, run.end.at, consumers, members)
    const busy = consumers.map((lane) => defined(whole).spanFraction[lane] ?? 0)
    expect(Math.max(...busy)).toBeLessThanOrEqual(1)
    const mean =
      consumers.reduce((sum, lane, index) => sum + (busy[index] ?? 0) * (members[lane] ?? 1), 0) / 200
    expect(Math.abs(mean - run.statistics.utilization.consumers)).toBeLessThan(1e-3)
  })

  it("draws aggregates where events would be under a pixel or are not held, and says which", async () => {
    const run = await foldRun(
      { mode: "async", items: 2000 },
      { detail: { chunkEvents: 100, keptChunks: 4, snapshotItems: 5 } },
    )
    const prepared = prepareRun(pageRunOf(run))
    const whole = drawPlan(prepared, { from: 0, to: run.end.at }, 900)
    expect(whole.aggregates).toBe(true)
    expect(whole.notice).toMatch(/^Aggregates: each column sums .*single events would be under a pixel/)
    const held = defined(run.data.detail.windows[1])
    const inside = drawPlan(prepared, { from: held.from, to: held.until }, 900)
    expect(inside.aggregates).toBe(false)
    expect(inside.detail).toHaveLength(1)
    const gapFrom = held.until + 1000
    const gap = drawPlan(prepared, { from: gapFrom, to: gapFrom + 2_000_000 }, 900)
    expect(gap.detail).toHaveLength(0)
    expect(gap.notice).toContain("the page holds no single events here")
  })
})

describe("the statistics table", () => {
  it("shows every figure of the statistics object, exactly as JSON writes it", async () => {
    const { statistics } = await foldRun({ mode: "async" })
    const rows = statisticsRows({ ...statistics, scenario: { mode: "async" } })
    const lookup = (path: string) =>
      path.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], statistics)
    expect(rows.map((row) => row.path)).not.toContain("scenario.mode")
    // Every leaf but the scenario's (the header shows it): 32 for one consumer, end.at and
    // end.reason, utilization.byConsumer.consumer-1, dropRate and the p999s among them.
    expect(rows.length).toBe(32)
    for (const row of rows) {
      const value = lookup(row.path)
      expect(row.value).toBe(typeof value === "string" ? value : JSON.stringify(value))
    }
  })
})
