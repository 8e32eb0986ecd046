import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import type { SimEvent } from "../../src/core/engine/events.ts"
import { ConsistencyCheck, type StoryCheck } from "../../src/core/recording/consistency.ts"
import { serializeEvent } from "../../src/core/recording/serialize.ts"
import type { ScenarioInput } from "../../src/core/scenario/scenario.ts"
import { parseStage } from "../../src/core/scenario/stageText.ts"
import { makeLineWriter } from "../../src/recording/lineWriter.ts"
import { runCliCaptured } from "../support/cli.ts"
import { collectRun } from "../support/runs.ts"

const input: ScenarioInput = {
  producers: 1,
  items: 60,
  produce: "exp(100ms)",
  stages: [
    "parse:workers=2,process=exp(150ms)",
    "store:process=exp(80ms),capacity=2,fail=0.3,retries=1,backoff=exp(50ms)",
    "index:process=exp(60ms),capacity=1,when-full=drop",
  ].map((text) => Result.getOrThrow(parseStage(text))),
}

/** The first problem the check finds in these events and end, or undefined. */
const firstProblem = (
  check: StoryCheck,
  events: ReadonlyArray<SimEvent>,
  end: { at: number; reason: "completed" },
) => {
  for (const event of events) {
    const problem = check.check(event)
    if (problem !== undefined) return problem
  }
  return check.checkEnd(end)
}

const pipelineSimulate = [
  "simulate",
  "--producers",
  "1",
  "--items",
  "60",
  "--produce",
  "exp(100ms)",
  "--stage",
  "parse:workers=2,process=exp(150ms)",
  "--stage",
  "store:process=exp(80ms),capacity=2,fail=0.3,retries=1,backoff=exp(50ms)",
  "--stage",
  "index:process=exp(60ms),capacity=1,when-full=drop",
]

describe("a pipeline's recording", () => {
  it("writes each event's stage and attempt, the same through the encoder as through the serialiser", () => {
    const events: ReadonlyArray<SimEvent> = [
      { at: 5, type: "produced", actor: "producer-1", item: 1, value: 1, index: 1, stage: "parse" },
      { at: 9, type: "failed", actor: "store-1", item: 1, value: 1, stage: "store", attempt: 2 },
      { at: 2 ** 31, type: "held", actor: "parse-2", item: 12, value: 144, stage: 'st"ore\u001b' },
    ]
    const pieces: Array<Buffer> = []
    const lines = makeLineWriter({
      write: (bytes, length) => pieces.push(Buffer.from(bytes.subarray(0, length))),
    })
    lines.text("[")
    for (const event of events) lines.event(event)
    lines.text("]")
    expect(Buffer.concat(pieces).toString("utf8")).toBe(
      `[${events.map((event, index) => (index === 0 ? "\n" : ",\n") + serializeEvent(event)).join("")}]`,
    )
    expect(serializeEvent(events[1] as SimEvent)).toBe(
      '{"at":9,"type":"failed","actor":"store-1","item":1,"value":1,"stage":"store","attempt":2}',
    )
  })

  it.effect("is version 2, and replay prints the same lines and statistics as simulate did", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured([...pipelineSimulate, "--out", "pipeline.json"])
      expect(run.code).toBe(0)
      const text = readFileSync(join(run.directory, "pipeline.json"), "utf8")
      expect(text.startsWith('{"format":"prodcon-recording","version":2,')).toBe(true)
      const replayed = yield* runCliCaptured(["replay", "pipeline.json"], { directory: run.directory })
      expect(replayed.code).toBe(0)
      expect(replayed.stdout).toBe(run.stdout.replace(/Recording: .*\n$/, ""))
      const verified = yield* runCliCaptured(["replay", "pipeline.json", "--verify", "--quiet"], {
        directory: run.directory,
      })
      expect(verified.code).toBe(0)
      // A single-queue recording keeps version 1.
      const single = yield* runCliCaptured(["simulate", "--items", "2", "--out", "single.json"])
      expect(readFileSync(join(single.directory, "single.json"), "utf8")).toMatch(
        /^\{"format":"prodcon-recording","version":1,/,
      )

      // The version goes with the stages: either without the other is refused in one line.
      const asVersion1 = text.replace('"version":2', '"version":1')
      writeFileSync(join(run.directory, "v1.json"), asVersion1)
      const wrongVersion = yield* runCliCaptured(["replay", "v1.json"], { directory: run.directory })
      expect(wrongVersion.code).toBe(2)
      expect(wrongVersion.stderr).toContain("has recording version 1, but its scenario has stages")
      // An event moved to a stage its worker does not serve.
      writeFileSync(
        join(run.directory, "moved.json"),
        text.replace(
          '"actor":"parse-1","item":1,"value":1,"stage":"parse"',
          '"actor":"parse-1","item":1,"value":1,"stage":"index"',
        ),
      )
      const moved = yield* runCliCaptured(["replay", "moved.json"], { directory: run.directory })
      expect(moved.code).toBe(2)
      expect(moved.stderr.trim().split("\n")).toHaveLength(1)
      expect(moved.stderr).toContain("which may not report it there")
    }),
  )

  it.effect(
    "is checked against its own story: the events of a run pass, and each kind of tampering is named",
    () =>
      Effect.gen(function* () {
        const run = yield* collectRun(input)
        const fresh = () => {
          const check = ConsistencyCheck.of(run.header)
          if (typeof check === "string") throw new Error(check)
          return check
        }
        const end = { at: run.end.at, reason: "completed" as const }
        expect(firstProblem(fresh(), run.events, end)).toBeUndefined()
        expect(run.events.some((event) => event.type === "retried")).toBe(true)
        // Types it does not know are set aside, named like what every object inherits or not.
        for (const type of ["coffee-break", "constructor", "__proto__", "toString"]) {
          const unknown = { at: 0, type, actor: "parse-1", stage: "parse" } as unknown as SimEvent
          expect(firstProblem(fresh(), [unknown, ...run.events], end)).toBeUndefined()
        }

        const changed = (at: number, change: Partial<SimEvent>) =>
          run.events.map((event, index) => (index === at ? { ...event, ...change } : event))
        const firstOf = (type: string) => run.events.findIndex((event) => event.type === type)

        expect(firstProblem(fresh(), changed(firstOf("dequeued"), { stage: "nowhere" }), end)).toContain(
          'names stage "nowhere", which is none of the scenario\'s',
        )
        expect(firstProblem(fresh(), changed(firstOf("dequeued"), { stage: undefined }), end)).toContain(
          "a dequeued event carries no stage",
        )
        expect(firstProblem(fresh(), changed(firstOf("dequeued"), { actor: "store-1" }), end)).toContain(
          'comes from "store-1", which may not report it there',
        )
        expect(firstProblem(fresh(), changed(firstOf("forwarded"), { stage: "index" }), end)).toContain(
          "which may not report it there",
        )
        const departed = firstOf("departed")
        expect(
          firstProblem(
            fresh(),
            run.events.filter((_, index) => index !== departed),
            end,
          ),
        ).toContain("never left the pipeline")
        const processed = firstOf("processed")
        expect(
          firstProblem(
            fresh(),
            run.events.filter((_, index) => index !== processed),
            end,
          ),
        ).toContain("before its attempt there ended")
        expect(firstProblem(fresh(), changed(firstOf("failed"), { value: 7 }), end)).toContain(
          "but was produced with",
        )

        // Attempts are counted, retries and dead letters held to the stage's own settings.
        expect(firstProblem(fresh(), changed(firstOf("failed"), { attempt: 2 }), end)).toContain(
          'fails attempt 2 in stage "store", but that is its attempt 1 there',
        )
        expect(firstProblem(fresh(), changed(firstOf("failed"), { attempt: undefined }), end)).toContain(
          "fails attempt (none given)",
        )
        const withStore = (store: Record<string, unknown>) => {
          const scenario = run.header.scenario
          const stages = (scenario.stages ?? []).map((stage) =>
            stage.name === "store" ? { ...stage, ...store } : stage,
          )
          const check = ConsistencyCheck.of({ ...run.header, scenario: { ...scenario, stages } })
          if (typeof check === "string") throw new Error(check)
          return check
        }
        expect(firstProblem(withStore({ retries: 2 }), run.events, end)).toContain(
          'is dead-lettered in stage "store" after its attempt 2 there, before its last allowed attempt (3)',
        )
        expect(firstProblem(withStore({ retries: 0, backoff: undefined }), run.events, end)).toContain(
          'is retried in stage "store" after its attempt 1 there failed, but the stage allows 1 attempt',
        )
        expect(
          firstProblem(withStore({ fail: 0, retries: 0, backoff: undefined }), run.events, end),
        ).toContain('fails in stage "store", whose fail is 0')
        const retried = firstOf("retried")
        // The failed attempt the first retry follows: the last failure of its item before it.
        const failedBefore = run.events
          .map((event, index) => ({ event, index }))
          .filter(({ event, index }) => index < retried && event.type === "failed")
          .filter(({ event }) => event.item === run.events[retried]?.item)
          .map(({ index }) => index)
          .at(-1)
        expect(
          firstProblem(
            fresh(),
            run.events.filter((_, index) => index !== failedBefore),
            end,
          ),
        ).toContain('is retried in stage "store" with no failed attempt there')
      }),
  )
})
