import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One temporary folder per test run, removed at its end.
    globalSetup: ["test/support/temporaryRoot.ts"],
  },
})
