/**
 * No test sets itself a time limit tighter than the suite's default: on a busy 2-core machine a
 * test that spawns processes, starts worker threads or writes big files runs several times slower
 * than on an idle one, and a tight limit fails it there for no fault of the product.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"
import { describe, expect, it } from "vitest"
import { testLimitMillis } from "../support/timeLimits.ts"

const testRoot = join(import.meta.dirname, "..")

const testFiles = (folder: string): Array<string> =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return testFiles(path)
    return entry.name.endsWith(".test.ts") ? [path] : []
  })

/**
 * A number given as a test's last argument: alone on the line before the call's closing
 * parenthesis (`}),\n    60_000,\n  )`), or right after its body (`}, 60_000)`).
 */
const limitPattern = /(?:\}\)?,\s*\n\s*(\d[\d_]*),?\s*\n\s*\))|(?:\}, (\d[\d_]*)\)\s*$)/gm

const tightLimits = (text: string): Array<number> =>
  [...text.matchAll(limitPattern)]
    .map((match) => Number((match[1] ?? match[2] ?? "").replaceAll("_", "")))
    // Below a second it is another call's argument (a width, a delay of 0), never a test's limit.
    .filter((limit) => limit >= 1000 && limit < testLimitMillis)

describe("the suite's time limits", () => {
  it("finds a limit given either way, and lets a generous one be", () => {
    expect(tightLimits("  it('a', () => {\n  }, 60_000)\n")).toEqual([60000])
    expect(tightLimits("    }),\n    30_000,\n  )\n")).toEqual([30000])
    expect(tightLimits("    }),\n    300_000,\n  )\n  }, 180_000)\n")).toEqual([])
    expect(tightLimits("    drawPlan(run, { from: 0, to: 9 }, 900)\n")).toEqual([])
  })

  it("has no test with a limit tighter than the default", () => {
    const tight = testFiles(testRoot).flatMap((file) =>
      tightLimits(readFileSync(file, "utf8")).map((limit) => `${relative(testRoot, file)}: ${limit} ms`),
    )
    expect(tight).toEqual([])
  })
})
