/**
 * The launcher (bin/prodcon.mjs) loads Effect without node:async_hooks in sight, so that fibers do
 * not capture Node's async context at every suspension (25-30% of a simulation's time). If a new
 * Effect looked async_hooks up another way, the speed-up would vanish silently: this catches it.
 */
import { spawnSync } from "node:child_process"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { makeTempDirectory } from "../support/cli.ts"

const projectRoot = path.resolve(import.meta.dirname, "../..")
const counter = path.join(projectRoot, "test/support/countFiberContexts.mjs")

const capturedContexts = (args: ReadonlyArray<string>, cwd: string) => {
  const result = spawnSync(process.execPath, ["--import", counter, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, INIT_CWD: cwd, NO_COLOR: "1" },
  })
  expect(result.status).toBe(0)
  const reported = /effect\/Fiber contexts: (\d+)/.exec(result.stderr)
  return Number(reported?.[1])
}

describe("the launcher", () => {
  it("counts the contexts a plain Effect program captures (the measure works)", () => {
    const program = `const Effect = await import("effect/Effect")
      await Effect.runPromise(Effect.forEach([1, 2, 3], () => Effect.yieldNow))`
    expect(capturedContexts(["--input-type=module", "-e", program], projectRoot)).toBeGreaterThan(0)
  })

  it("runs a simulation without capturing any async context", () => {
    const directory = makeTempDirectory()
    const launcher = path.join(projectRoot, "bin/prodcon.mjs")
    expect(capturedContexts([launcher, "simulate", "--items", "5", "--quiet"], directory)).toBe(0)
  })
})
