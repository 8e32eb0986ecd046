/**
 * A pipeline's page: the page-data fold's lanes, depth tracks, held spans and failed attempts agree
 * with the events and the statistics, and `replay --html` writes the page `simulate --html` did.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { decodeWindow } from "../../src/core/pageData/detailEvents.ts"
import type { ScenarioInput } from "../../src/core/scenario/scenario.ts"
import { parseStage } from "../../src/core/scenario/stageText.ts"
import { pipelineMarks } from "../../src/page/player/pipelineMarks.ts"
import { prepareRun } from "../../src/page/player/preparedRun.ts"
import { runCliCaptured } from "../support/cli.ts"
import { defined, foldRun, pageRunOf } from "./pageRuns.ts"

const stageTexts = [
  "receive:workers=1,process=exp(50ms)",
  "parse:workers=2,process=exp(150ms)",
  "store:workers=1,process=exp(80ms),capacity=2,fail=0.2,retries=1,backoff=exp(50ms)",
]

const threeStages: ScenarioInput = {
  producers: 1,
  items: 300,
  produce: "exp(100ms)",
  stages: stageTexts.map((text) => Result.getOrThrow(parseStage(text))),
}

const sum = (values: ReadonlyArray<number>) => values.reduce((total, value) => total + value, 0)

describe("a pipeline's page data", () => {
  it("groups lanes by stage, keeps a depth track per queue, held spans and failed attempts", async () => {
    const run = await foldRun(threeStages)
    const { data, statistics, events } = run
    const stages = defined(statistics.stages)
    expect(data.stages).toEqual([{ name: "receive" }, { name: "parse" }, { name: "store" }])
    expect(data.actors).toEqual([
      { name: "producer-1", role: "producer" },
      { name: "receive-1", role: "consumer", stage: 0 },
      { name: "parse-1", role: "consumer", stage: 1 },
      { name: "parse-2", role: "consumer", stage: 1 },
      { name: "store-1", role: "consumer", stage: 2 },
    ])
    // One depth track per stage's queue, whose greatest depth is the statistics' maxDepth.
    const depths = defined(data.columns.stageDepths)
    expect(depths).toHaveLength(3)
    for (const [index, name] of ["receive", "parse", "store"].entries()) {
      const most = Math.max(...defined(depths[index]).depthMax.map((depth) => depth ?? 0))
      expect(most).toBe(defined(stages[name]).queue.maxDepth)
    }
    expect(defined(stages.store).queue.maxDepth).toBe(2)
    // The parse workers were held by the full store queue: as long as the statistics say.
    const held = defined(data.columns.heldMicros)
    const parseHeld = sum(defined(held[2])) + sum(defined(held[3]))
    expect(defined(stages.parse).blockedTime).toBeGreaterThan(0)
    expect(Math.abs(parseHeld / 1e6 - defined(stages.parse).blockedTime)).toBeLessThan(1e-5)
    expect(sum(defined(held[4]))).toBe(0)
    // The whole run is held: decoded, its events are the run's, stage by stage.
    expect(data.detail.heldEvents).toBe(data.detail.runEvents)
    const window = defined(data.detail.windows[0])
    const decoded = decodeWindow(window, data.actors, data.stages)
    expect(
      decoded.map(({ at, type, actor, item, value, stage }) => ({ at, type, actor, item, value, stage })),
    ).toEqual(
      events.map(({ at, type, actor, item, value, stage }) => ({ at, type, actor, item, value, stage })),
    )
    const failed = decoded.filter((event) => event.type === "failed")
    expect(failed).toHaveLength(defined(stages.store).failed)
    expect(failed[0]?.attempt).toBe(1)
    // What the timeline draws of it: a held span from each `held` to its `handedOn`, a failed busy span per failure.
    const prepared = prepareRun(pageRunOf(run))
    const marks = pipelineMarks(defined(prepared.windows[0]), data.actors, 3, run.end.at, 300)
    const heldSpans = [2, 3].flatMap((lane) => defined(marks.actors[lane]?.held))
    const heldEvents = events.filter((event) => event.type === "held")
    expect(heldSpans).toHaveLength(heldEvents.length)
    const firstHeld = defined(heldEvents[0])
    const gotIn = defined(events.find((event) => event.type === "handedOn" && event.item === firstHeld.item))
    expect(heldSpans).toContainEqual({
      from: firstHeld.at,
      to: gotIn.at,
      item: firstHeld.item,
      value: firstHeld.value,
      open: false,
    })
    const failedSpans = defined(marks.actors[4]).spans.filter((span) => span.failed === true)
    expect(failedSpans.map((span) => span.to)).toEqual(failed.map((event) => event.at))
    expect(defined(marks.stages?.[2]).retries).toHaveLength(defined(stages.store).retried)
    // The lines pane prints each event as the terminal does, naming its stage.
    expect(
      prepared.windows[0]?.lines.some((line) =>
        /^ \+\+\+ \[store\] Processed value \d+ after /.test(line.text),
      ),
    ).toBe(true)
  })
})

describe("a pipeline's page data, when a full queue drops", () => {
  it("counts each stage's drops in its own columns", async () => {
    const run = await foldRun({
      producers: 2,
      items: 200,
      produce: "exp(50ms)",
      stages: ["take:process=exp(10ms)", "keep:process=exp(200ms),capacity=2,when-full=drop"].map((text) =>
        Result.getOrThrow(parseStage(text)),
      ),
    })
    const stages = defined(run.statistics.stages)
    const depths = defined(run.data.columns.stageDepths)
    expect(defined(stages.keep).dropped).toBeGreaterThan(0)
    expect(sum(defined(defined(depths[1]).dropped))).toBe(defined(stages.keep).dropped)
    expect(sum(defined(defined(depths[0]).dropped))).toBe(0)
    expect(sum(run.data.columns.dropped)).toBe(run.statistics.dropped)
  })
})

describe("a pipeline's page file", () => {
  it.effect("is the same whether simulate or replay wrote it", () =>
    Effect.gen(function* () {
      const stageFlags = stageTexts.flatMap((text) => ["--stage", text])
      const simulated = yield* runCliCaptured([
        "simulate",
        "--producers",
        "1",
        "--items",
        "200",
        "--produce",
        "exp(100ms)",
        ...stageFlags,
        "--quiet",
        "--out",
        "run.json",
        "--html",
        "a.html",
      ])
      expect(simulated.code).toBe(0)
      const replayed = yield* runCliCaptured(["replay", "run.json", "--quiet", "--html", "b.html"], {
        directory: simulated.directory,
      })
      expect(replayed.code).toBe(0)
      expect(replayed.stdout.endsWith("Page: b.html\n")).toBe(true)
      const read = (name: string) => fs.readFileSync(path.join(simulated.directory, name), "utf8")
      expect(read("b.html")).toBe(read("a.html"))
      expect(read("a.html")).toContain('"stages":[{"name":"receive"},{"name":"parse"},{"name":"store"}]')
    }),
  )
})
