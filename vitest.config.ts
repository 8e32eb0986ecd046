import { defineConfig } from "vitest/config"
import { testLimitMillis } from "./test/support/timeLimits.ts"

// Vitest 5 supports Node 22.12 and later; CI also runs the suite on this machine's Node 20, where
// vitest's report of a failed test calls Map.groupBy (Node 21+) and crashes, hiding which test
// failed and why. The reporter runs in this process, so the method is supplied here.
if (typeof (Map as { groupBy?: unknown }).groupBy !== "function") {
  Object.defineProperty(Map, "groupBy", {
    configurable: true,
    writable: true,
    value: <K, T>(items: Iterable<T>, keyOf: (item: T, index: number) => K): Map<K, Array<T>> => {
      const groups = new Map<K, Array<T>>()
      let index = 0
      for (const item of items) {
        const key = keyOf(item, index++)
        const group = groups.get(key)
        if (group === undefined) groups.set(key, [item])
        else group.push(item)
      }
      return groups
    },
  })
}

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The suite's default limit is raised, not set test by test: most tests start a process or run
    // whole simulations in-process, and on a busy 2-core machine vitest's 5 s cut off a different
    // few of them each time. A limit per test would have to name every one, and miss the next.
    // Tests that need more (browsers, hundreds of runs) say so, with test/support/timeLimits.ts.
    testTimeout: testLimitMillis,
    hookTimeout: testLimitMillis,
    // One temporary folder per test run, removed at its end.
    globalSetup: ["test/support/temporaryRoot.ts"],
  },
})
