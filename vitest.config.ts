import { defineConfig } from "vitest/config"

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
    // One temporary folder per test run, removed at its end.
    globalSetup: ["test/support/temporaryRoot.ts"],
  },
})
