/**
 * The playground's pure parts: the command line it shows for a scenario, and the `#scenario=` link,
 * whose text is untrusted and is read by the scenario file's own Schema.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import { simulateCommandLine } from "../../src/page/playground/commandLine.ts"
import { parseScenarioHash, parseScenarioJson, scenarioHash } from "../../src/page/playground/scenarioLink.ts"

describe("the playground's command line", () => {
  it("names each setting given by its flag, quoting what a shell would split or expand", () => {
    expect(simulateCommandLine({})).toBe("npm run simulate --")
    expect(
      simulateCommandLine({
        mode: "threads",
        whenFull: "slide",
        capacity: 3,
        produce: "uniform(500ms,1500ms)",
        timeout: null,
        seed: 0,
      }),
    ).toBe(
      "npm run simulate -- --mode threads --capacity 3 --when-full slide --produce 'uniform(500ms,1500ms)' --timeout none --seed 0",
    )
  })

  it("says an unbounded queue as the default, except in trio, where no flag can", () => {
    expect(simulateCommandLine({ mode: "async", capacity: null })).toBe("npm run simulate -- --mode async")
    expect(simulateCommandLine({ mode: "trio", capacity: null })).toBeUndefined()
  })
})

describe("the playground's #scenario= link", () => {
  it("holds the scenario file's JSON, and reads back what it wrote", () => {
    const input = { mode: "trio", consumers: 2, timeout: null, produce: "exp(1s)" } as const
    const hash = scenarioHash(input)
    expect(hash).toBe(`#scenario=${encodeURIComponent(JSON.stringify(input))}`)
    expect(parseScenarioHash(hash)).toEqual(Result.succeed(input))
    expect(parseScenarioHash("#t=5")).toBeUndefined()
  })

  it("refuses a link that is not a scenario, in one line naming what is wrong", () => {
    const problem = (hash: string) => {
      const parsed = parseScenarioHash(hash)
      return parsed !== undefined && Result.isFailure(parsed) ? parsed.failure : undefined
    }
    expect(problem("#scenario=%E0%A4%A")).toBe("the link's #scenario= is not URI-encoded text")
    expect(problem("#scenario=%7B")).toMatch(/^the link's scenario: is not JSON \(/)
    expect(problem(`#scenario=${encodeURIComponent('{"consumer":2,"items":"5"}')}`)).toBe(
      "the link's scenario: consumer: unknown key (known: mode, producers, items, consumers, capacity, whenFull, produce, process, timeout, seed, clock, stages); items: Expected number",
    )
    for (const hash of ["#scenario=%7B", `#scenario=${encodeURIComponent('{"mode":"\\u001b[31m"}')}`])
      expect(problem(hash)).not.toMatch(/\n/)
  })
})

describe("the playground's scenario JSON", () => {
  it("takes a recording as --scenario does: its meta.scenario, the derived keys left out", () => {
    const recording =
      '{"format":"prodcon-recording","version":1,"meta":{"mode":"trio","seed":4,"clock":"virtual","generator":"x",' +
      '"scenario":{"mode":"trio","producers":2,"items":3,"consumers":1,"capacity":10,"whenFull":"suspend","produce":"1s",' +
      '"process":"500ms","timeout":"5s","seed":4,"clock":"virtual","start":"together","handoff":"wait","pollInterval":"10ms"}},' +
      '"events":[],"end":{"at":0,"reason":"completed"}}'
    expect(parseScenarioJson(recording, "the file")).toEqual(
      Result.succeed({
        mode: "trio",
        producers: 2,
        items: 3,
        consumers: 1,
        capacity: 10,
        whenFull: "suspend",
        produce: "1s",
        process: "500ms",
        timeout: "5s",
        seed: 4,
        clock: "virtual",
      }),
    )
    const bad = recording.replace('"items":3', '"items":-1.5')
    expect(parseScenarioJson(bad, "the file")).toEqual(
      Result.fail("the file: meta.scenario.items: Expected an integer"),
    )
  })
})
