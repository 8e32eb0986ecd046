import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import type { SimEvent } from "../../src/core/engine/events.ts"
import { makePainter } from "../../src/core/render/color.ts"
import { eventLine } from "../../src/core/render/lines.ts"
import { bufferedOutput } from "../../src/core/render/output.ts"
import { makeRunView } from "../../src/core/render/runView.ts"
import { runToStatistics } from "../../src/core/run.ts"
import type { ScenarioInput } from "../../src/core/scenario/scenario.ts"
import { parseStage } from "../../src/core/scenario/stageText.ts"
import { resolveOrThrow } from "../support/runs.ts"

const pipeline = (settings: ScenarioInput, ...stages: ReadonlyArray<string>): ScenarioInput => ({
  producers: 1,
  ...settings,
  stages: stages.map((text) => Result.getOrThrow(parseStage(text))),
})

const stageEvent = (type: SimEvent["type"], extra: Partial<SimEvent> = {}): SimEvent => ({
  at: 0,
  type,
  actor: "parse-2",
  item: 3,
  value: 9,
  stage: "store",
  ...extra,
})

describe("a pipeline's line", () => {
  it("says where its stage's name stands, for every line that names one", () => {
    const lines = [
      eventLine(stageEvent("dequeued"), 250_000),
      eventLine(stageEvent("dropped"), undefined),
      eventLine(stageEvent("blocked", { actor: "producer-1" }), undefined),
      eventLine(stageEvent("held"), undefined),
      eventLine(stageEvent("failed", { attempt: 2 }), undefined),
      eventLine(stageEvent("retried"), undefined),
      eventLine(stageEvent("deadLettered"), undefined),
    ]
    expect(lines.map((line) => line?.text)).toEqual([
      " +++ [store] Processed value 9 after 0.25 sec.",
      " xxx [store] Dropped value 9: the queue was full",
      " ... [store] Waiting to hand over value 9: the queue is full",
      " ... parse-2 holds value 9: the [store] queue is full",
      " !!! [store] Attempt 2 at value 9 failed",
      " ~~~ [store] Retrying value 9",
      " xxx [store] Gave up on value 9: dead-lettered",
    ])
    for (const line of lines) expect(line?.text.slice(...(line?.stageTag ?? [0, 0]))).toBe("[store]")
    // An edited name is shown escaped, and the mark covers what is shown.
    const edited = eventLine(stageEvent("retried", { stage: "st\u001b[2Jore" }), undefined)
    expect(edited?.text.slice(...(edited?.stageTag ?? [0, 0]))).toBe("[st\\u{1b}[2Jore]")
  })

  it("of a single-stage run names no stage", () => {
    const line = eventLine({ at: 0, type: "dequeued", actor: "consumer-1", item: 1, value: 1 }, 0)
    expect(line).toEqual({ color: "cyan", text: " +++ Processed value 1 after 0.00 sec." })
    expect(line !== undefined && "stageTag" in line).toBe(false)
  })

  it("is painted with its stage's name in the stage's colour, and the line's own colour after it", () => {
    const paint = makePainter(true)
    const text = " !!! [store] Attempt 1 at value 9 failed"
    expect(paint.line("red", text, { start: 5, end: 12, stage: 1 })).toBe(
      "\u001b[31m !!! \u001b[35m[store]\u001b[31m Attempt 1 at value 9 failed",
    )
    const colours = [0, 1, 2, 3, 4, 5, 6].map((stage) =>
      paint.line("cyan", "[a]", { start: 0, end: 3, stage }).slice(5, 10),
    )
    expect(colours).toEqual([
      "\u001b[32m",
      "\u001b[35m",
      "\u001b[34m",
      "\u001b[92m",
      "\u001b[95m",
      "\u001b[94m",
      "\u001b[32m",
    ])
    expect(makePainter(false).line("red", text, { start: 5, end: 12, stage: 1 })).toBe(text)
  })
})

/** The run's printed text through the run view, as simulate and replay print it. */
const viewed = (input: ScenarioInput, options: { readonly color: boolean; readonly actors: boolean }) =>
  Effect.gen(function* () {
    let written = ""
    const view = makeRunView({
      verbosity: "full",
      paint: makePainter(options.color),
      actors: options.actors,
      output: bufferedOutput(
        (text) => {
          written += text
        },
        { immediate: true },
      ),
    })
    yield* runToStatistics(resolveOrThrow(input), { view })
    return written
  })

const threeStages = pipeline(
  { items: 60, produce: "exp(100ms)" },
  "normalise_records:workers=2,process=exp(150ms)",
  "store:process=exp(80ms),capacity=2,fail=0.3,retries=1,backoff=exp(50ms)",
  "index:process=exp(60ms),capacity=1,when-full=drop",
)

/** A colour's code, as the terminal gets it. */
const code = (number: number) => `\u001b[${number}m`
const withoutColour = (text: string) =>
  text
    .split(code(0).slice(0, 2))
    .map((part, index) => (index === 0 ? part : part.replace(/^\d+m/, "")))
    .join("")

describe("a pipeline's run on the terminal", () => {
  it.effect("shows each stage's name in its own colour, and the same text as without colour", () =>
    Effect.gen(function* () {
      const coloured = yield* viewed(threeStages, { color: true, actors: false })
      const plain = yield* viewed(threeStages, { color: false, actors: false })
      expect(withoutColour(coloured)).toBe(plain)
      const stageColours = [
        ["normalise_records", 32],
        ["store", 35],
        ["index", 34],
      ] as const
      for (const [stage, colour] of stageColours) {
        expect(coloured).toContain(`${code(36)} +++ ${code(colour)}[${stage}]${code(36)} Processed value`)
        // Its name shows in no other colour.
        expect(coloured.split(`[${stage}]`).length).toBe(coloured.split(`${code(colour)}[${stage}]`).length)
      }
      const lines = coloured.split("\n")
      const store = `${code(35)}[store]`
      for (const start of [
        `${code(31)} !!! ${store}${code(31)} Attempt 1 at value `,
        `${code(33)} ~~~ ${store}${code(33)} Retrying value `,
        `${code(31)} xxx ${store}${code(31)} Gave up on value `,
      ])
        expect(lines.some((line) => line.startsWith(start))).toBe(true)
      expect(lines.some((line) => /^.{5} \.\.\. normalise_records-\d holds value \d+: the /.test(line))).toBe(
        true,
      )
    }),
  )

  it.effect("with --actors, lines up every line after the longest worker's name", () =>
    Effect.gen(function* () {
      const plain = yield* viewed(threeStages, { color: false, actors: true })
      const eventLines = plain
        .split("\n")
        .filter((line) => /^\S+ +( \+\+\+| --| !!!| ~~~| \.\.\.| xxx)/.test(line))
      expect(eventLines.length).toBeGreaterThan(100)
      const width = "normalise_records-2".length
      for (const line of eventLines) expect(line[width]).toBe(" ")
      expect(eventLines.every((line) => line.slice(width + 1).startsWith(" "))).toBe(true)
      expect(new Set(eventLines.map((line) => line.slice(0, width).trimEnd()))).toEqual(
        new Set(["producer-1", "normalise_records-1", "normalise_records-2", "store-1", "index-1"]),
      )
    }),
  )
})
