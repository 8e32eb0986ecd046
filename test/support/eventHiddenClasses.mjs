// Run with `node --allow-natives-syntax eventHiddenClasses.mjs NAME`: runs the scenario NAME below
// on the fast virtual clock and prints, as JSON on stdout, how many V8 hidden classes (maps) its
// events of each shape (their keys) had; test/engine/eventShapes.test.ts wants one per shape (see
// src/core/engine/eventShapes.ts). One scenario per process: the first run in a process is the one
// whose events could go through several. `%HaveSameMap` is V8's own syntax, which neither
// TypeScript nor the linter parses: it is compiled at run time.
import { prepare } from "../../bin/prepare.mjs"

await prepare()
const Effect = await import("effect/Effect")
const Result = await import("effect/Result")
const { runScenario } = await import("../../src/core/engine/engine.ts")
const { runOnFastVirtualClock } = await import("../../src/core/engine/virtualDriver.ts")
const { resolveScenario } = await import("../../src/core/scenario/scenario.ts")
const { parseStage } = await import("../../src/core/scenario/stageText.ts")

const sameHiddenClass = new Function("a", "b", "return %HaveSameMap(a, b)")

/** Per shape, one event of each hidden class seen. */
const classes = new Map()
const note = (event) => {
  const shape = Object.keys(event).join(",")
  const seen = classes.get(shape) ?? []
  if (!seen.some((other) => sameHiddenClass(other, event))) seen.push(event)
  classes.set(shape, seen)
}

// Each runs past 2^31 microseconds (36 minutes), where times stop being small integers.
const scenarios = {
  // The lecture's program, long enough for the values (count squared) to pass 2^31 as well.
  async: { mode: "async", items: 50_000 },
  // A pipeline whose items fail and retry.
  pipeline: {
    producers: 1,
    items: 8_000,
    produce: "exp(300ms)",
    stages: [
      "receive:process=exp(100ms)",
      "store:process=exp(150ms),capacity=2,fail=0.3,retries=2,backoff=exp(50ms)",
    ].map((text) => Result.getOrThrow(parseStage(text))),
  },
}

const scenario = resolveScenario(scenarios[process.argv[2]])
if (Result.isFailure(scenario)) throw new Error(scenario.failure.message)
await Effect.runPromise(runOnFastVirtualClock(runScenario(scenario.success, note)))
process.stdout.write(
  `${JSON.stringify(Object.fromEntries([...classes].map(([shape, seen]) => [shape, seen.length])))}\n`,
)
