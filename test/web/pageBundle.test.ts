/** What the pages' scripts carry: only code they run. */
import { describe, expect, it } from "@effect/vitest"
import { pageBundle } from "../../src/page/files/pageBundle.ts"

describe("the pages' bundles", () => {
  it("carry no Effect and nothing of Node: the player and the sweep page draw data, they run no program", async () => {
    for (const kind of ["run", "sweep"] as const) {
      const { inputs, script } = await pageBundle(kind)
      expect(inputs.filter((input) => input.includes("node_modules"))).toEqual([])
      expect(
        inputs.some((input) =>
          input.includes(kind === "run" ? "page/player/main.ts" : "page/sweep/sweepMain.ts"),
        ),
      ).toBe(true)
      // The scenario's parsers and Schema stay out (the lines need only a mode's facts).
      expect(inputs.filter((input) => /core\/scenario\/(scenario|scenarioJson)\.ts$/.test(input))).toEqual([])
      expect(script.length).toBeLessThan(60_000)
    }
  })
})
