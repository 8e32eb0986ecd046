import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { resolveScenario, type ScenarioInput, scenarioToJson } from "../../src/core/scenario/scenario.ts"
import type { StageJson } from "../../src/core/scenario/scenarioJson.ts"
import { decodeScenarioSettings } from "../../src/core/scenario/scenarioSettings.ts"
import { parseStage, stageText } from "../../src/core/scenario/stageText.ts"
import { listFiles, makeTempDirectory, runCliCaptured } from "../support/cli.ts"

const stage = (text: string): StageJson => Result.getOrThrow(parseStage(text))
const problemOf = (text: string): string =>
  Result.match(parseStage(text), { onSuccess: () => "(accepted)", onFailure: (error) => error.message })
const refusal = (input: ScenarioInput): string =>
  Result.match(resolveScenario(input), { onSuccess: () => "(accepted)", onFailure: (error) => error.message })

describe("--stage", () => {
  it("writes a stage back as the text that reads as it (the playground's command line)", () => {
    for (const text of [
      "store:workers=1,process=uniform(50ms,80ms),capacity=10,when-full=drop,fail=0.1,retries=3,backoff=exp(50ms),next=none",
      "parse",
      "a:capacity=none,next=b:3|c:1",
      "b:workers=2,next=c",
    ]) {
      expect(stageText(stage(text))).toBe(text)
      expect(stage(stageText(stage(text)))).toEqual(stage(text))
    }
  })

  it("reads every key, with a comma inside parentheses belonging to the value", () => {
    expect(
      stage(
        "store:workers=1,process=uniform(50ms,80ms),capacity=10,when-full=drop,fail=0.1,retries=3,backoff=exp(50ms),next=none",
      ),
    ).toEqual({
      name: "store",
      workers: 1,
      process: "uniform(50ms,80ms)",
      capacity: 10,
      whenFull: "drop",
      fail: 0.1,
      retries: 3,
      backoff: "exp(50ms)",
      next: null,
    })
    expect(stage("parse")).toEqual({ name: "parse" })
    expect(stage("a:next=b:3|c:1,capacity=none")).toEqual({
      name: "a",
      capacity: null,
      next: [
        { stage: "b", weight: 3 },
        { stage: "c", weight: 1 },
      ],
    })
  })

  it("refuses a key that does not exist, a value of the wrong kind, and a broken list", () => {
    expect(problemOf("parse:threads=2")).toBe(
      '--stage "parse:threads=2": unknown key "threads" (known: workers, process, capacity, when-full, fail, retries, backoff, next)',
    )
    expect(problemOf("parse:workers=two")).toBe('--stage "parse:workers=two": workers: not a whole number')
    expect(problemOf("parse:fail=often")).toBe('--stage "parse:fail=often": fail: not a number')
    expect(problemOf("parse:process=exp(1s")).toBe('--stage "parse:process=exp(1s": unbalanced parentheses')
    expect(problemOf("parse:workers")).toBe('--stage "parse:workers": "workers" is not KEY=VALUE')
    expect(problemOf("parse:workers=1,workers=2")).toBe(
      '--stage "parse:workers=1,workers=2": workers is given twice',
    )
    expect(problemOf("a:next=b:x")).toContain('"b:x" is no branch')
    expect(problemOf("a:when-full=wait")).toContain('--stage "a:when-full=wait": whenFull:')
  })
})

describe("a pipeline's stages", () => {
  const two = (first: string, second = "store") => ({ stages: [stage(first), stage(second)] })

  it("take the scenario's consumers, process, capacity and when-full where they say nothing", () => {
    const resolved = Result.getOrThrow(
      resolveScenario({ consumers: 3, process: "exp(1s)", capacity: 5, ...two("parse:workers=2") }),
    )
    expect(
      resolved.stages?.map(({ name, workers, capacity, whenFull }) => ({
        name,
        workers,
        capacity,
        whenFull,
      })),
    ).toEqual([
      { name: "parse", workers: 2, capacity: 5, whenFull: "suspend" },
      { name: "store", workers: 3, capacity: 5, whenFull: "suspend" },
    ])
    expect(resolved.stages?.map((s) => s.route)).toEqual([{ kind: "stage", stage: 1 }, { kind: "leave" }])
  })

  it("are written into the scenario's JSON only for a pipeline, and read back to the same scenario", () => {
    expect(scenarioToJson(Result.getOrThrow(resolveScenario({}))).stages).toBeUndefined()
    const input = two("parse:fail=0.2,retries=2,backoff=exp(50ms),next=store:1|audit:1", "store:next=none")
    const withAudit = { stages: [...(input.stages ?? []), stage("audit")] }
    const json = scenarioToJson(Result.getOrThrow(resolveScenario(withAudit)))
    expect(json.stages).toEqual([
      {
        name: "parse",
        workers: 1,
        process: "500ms",
        capacity: null,
        whenFull: "suspend",
        fail: 0.2,
        retries: 2,
        backoff: "exp(50ms)",
        next: [
          { stage: "store", weight: 1 },
          { stage: "audit", weight: 1 },
        ],
      },
      {
        name: "store",
        workers: 1,
        process: "500ms",
        capacity: null,
        whenFull: "suspend",
        fail: 0,
        retries: 0,
        next: null,
      },
      {
        name: "audit",
        workers: 1,
        process: "500ms",
        capacity: null,
        whenFull: "suspend",
        fail: 0,
        retries: 0,
      },
    ])
    const again = scenarioToJson(Result.getOrThrow(resolveScenario({ stages: json.stages ?? [] })))
    expect(again.stages).toEqual(json.stages)
  })

  it("refuse, in one line each, everything point by point", () => {
    expect(refusal(two("parse:next=index"))).toBe(
      '--stage "parse": next names "index", which is no stage of this pipeline',
    )
    expect(refusal(two("store"))).toBe('--stage "store" is given twice: stage names are unique')
    expect(refusal(two("parse:workers=0"))).toBe(
      '--stage "parse": workers must be a positive whole number (got 0)',
    )
    expect(refusal(two("parse:next=store:0|parse:1"))).toBe(
      '--stage "parse": the weight of branch "store" must be a positive number',
    )
    expect(refusal(two("parse:next=store:-1"))).toContain("must be a positive number")
    expect(refusal(two("parse:next=store:1|store:2"))).toBe(
      '--stage "parse": next names "store" twice: give each stage one branch',
    )
    expect(refusal(two("parse:fail=1"))).toBe('--stage "parse": fail is a probability in [0, 1) (got 1)')
    expect(refusal(two("parse:fail=-0.1"))).toContain("fail is a probability in [0, 1)")
    expect(refusal(two("parse:retries=3"))).toBe(
      '--stage "parse": retries without a failure probability: set fail above 0, or drop retries',
    )
    expect(refusal(two("parse:fail=0.1,backoff=1s"))).toContain("backoff without retries")
    expect(refusal(two("parse:next=store", "store:next=parse"))).toBe(
      '--stage "parse": its items circle for ever, no route from it leaves the pipeline (give one a next of null, or end at the last stage)',
    )
    expect(refusal(two("pa rse"))).toBe(
      '--stage stage name "pa rse": use 1 to 40 letters, digits, "-" or "_"',
    )
    expect(refusal(two(`${"a".repeat(5000)}:workers=1`))).toBe(
      `--stage stage name "${"a".repeat(40)}"... (5000 characters): use 1 to 40 letters, digits, "-" or "_"`,
    )
    expect(refusal(two("producer"))).toBe('--stage stage name "producer" is taken by the producers\' actors')
    expect(refusal({ mode: "trio", ...two("parse") })).toBe(
      "--stage with mode trio: trio reproduces the course's single-queue program; pipelines run in mode async",
    )
    expect(refusal({ stages: [] })).toBe("--stage: a pipeline needs at least one stage")
    expect(
      refusal({ consumers: 1, stages: [stage("parse:workers=60000"), stage("store:workers=50000")] }),
    ).toBe(
      "--producers 2 and 110,000 workers in 2 stages (--stage): at most 100,000 producers and consumers in all can be simulated",
    )
    expect(refusal({ stages: [stage("parse:process=soon")] })).toContain(
      '--stage "parse": process: "soon" is not a distribution',
    )
  })

  it("refuse a round of bounded queues that suspend, which can hold its workers for ever", () => {
    expect(
      refusal({
        stages: [
          stage("a:capacity=2"),
          stage("b:capacity=1"),
          stage("c:capacity=3,next=a:1|d:3"),
          stage("d"),
        ],
      }),
    ).toBe(
      '--stage "a": items can go round a -> b -> c -> a through bounded queues that suspend, and once all are full their workers hold each other\'s items for ever (give one of them capacity=none, or when-full=drop or slide)',
    )
    expect(refusal({ stages: [stage("a:capacity=1,next=a:1|b:1"), stage("b")] })).toContain(
      "items can go round a -> a through bounded queues",
    )
    expect(
      refusal({ capacity: 5, stages: [stage("a:next=b"), stage("b:next=a:1|c:1"), stage("c")] }),
    ).toContain("items can go round a -> b -> a")
    // One queue of the round that never holds its offerers breaks it.
    const unbounded = [stage("a:capacity=2"), stage("b:capacity=none,next=a:1|c:1"), stage("c")]
    expect(refusal({ stages: unbounded })).toBe("(accepted)")
    const dropping = [stage("a:capacity=2,when-full=drop"), stage("b:capacity=1,next=a:1|c:1"), stage("c")]
    expect(refusal({ stages: dropping })).toBe("(accepted)")
  })

  it("name a stage's or a branch's own keys when a file gives one that does not exist", () => {
    const problem = (fields: unknown) =>
      Result.match(decodeScenarioSettings(fields), {
        onSuccess: () => "(accepted)",
        onFailure: (text) => text,
      })
    expect(problem({ stages: [{ name: "a", worker: 2 }] })).toBe(
      "stages[0].worker: unknown key (known: name, workers, process, capacity, whenFull, fail, retries, backoff, next)",
    )
    expect(
      problem({ stages: [{ name: "a", next: [{ stage: "b", weight: 1, wieght: 2 }] }, { name: "b" }] }),
    ).toBe("stages[0].next[0].wieght: unknown key (known: stage, weight)")
    expect(problem({ stage: [] })).toMatch(/^stage: unknown key \(known: mode, producers, /)
  })

  it("accept a cycle that has a way out, and stages past the first that none reach", () => {
    const withWayOut = [stage("parse:next=store"), stage("store:next=parse:1|done:1"), stage("done")]
    expect(refusal({ stages: withWayOut })).toBe("(accepted)")
    expect(refusal({ stages: [stage("a:next=none"), stage("b:next=b")] })).toBe("(accepted)")
  })
})

describe("a pipeline given wrongly on the command line or in a file", () => {
  it.effect("is one line and exit 2, before anything runs", () =>
    Effect.gen(function* () {
      const bad = yield* runCliCaptured(["simulate", "--stage", "parse:workers=0", "--stage", "store"])
      expect(bad.code).toBe(2)
      expect(bad.stdout).toBe("")
      expect(bad.stderr.trim().split("\n")).toHaveLength(1)
      expect(bad.stderr).toContain('--stage "parse": workers must be a positive whole number (got 0)')
      expect(listFiles(bad.directory)).toEqual([])
      const directory = makeTempDirectory()
      writeFileSync(
        join(directory, "pipeline.json"),
        JSON.stringify({ stages: [{ name: "parse", next: "nowhere\u001b[31m" }] }),
      )
      const file = yield* runCliCaptured(["simulate", "--scenario", "pipeline.json"], { directory })
      expect(file.code).toBe(2)
      expect(file.stderr.trim().split("\n")).toHaveLength(1)
      expect(file.stderr).toContain(
        '--scenario pipeline.json: stages "parse": next names "nowhere\\u001b[31m", which is no stage of this pipeline',
      )
      const notYet = yield* runCliCaptured([
        "simulate",
        "--stage",
        "parse",
        "--stage",
        "store:fail=0.1",
        "--compare",
        "sync,async",
      ])
      expect(notYet.code).toBe(2)
      expect(notYet.stderr.trim().split("\n")).toHaveLength(1)
      expect(notYet.stderr).toContain(
        "--compare: a pipeline runs in mode async only (sync, threads and trio are the course's single-queue programs), so it has no modes to compare; compare its configurations with a sweep (--vary STAGE.KEY=A,B)",
      )
      // What is wrong with the stages comes first.
      const wrongStage = yield* runCliCaptured(["simulate", "--stage", "parse:fail=2", "--compare", "async"])
      expect(wrongStage.code).toBe(2)
      expect(wrongStage.stderr).toContain('--stage "parse": fail is a probability in [0, 1) (got 2)')
      expect(listFiles(notYet.directory)).toEqual([])
    }),
  )
})
