/**
 * Prints, one a line, the micros the course's lines format in real runs (every latency and total
 * time of each mode over seeds 1 to 25), for test/render/pythonFormat.py to add to its table.
 */
import * as Effect from "effect/Effect"
import { runScenario } from "../../src/core/engine/engine.ts"
import { runOnFastVirtualClock } from "../../src/core/engine/virtualDriver.ts"
import { modes } from "../../src/core/scenario/scenario.ts"
import { resolveOrThrow } from "../support/runs.ts"

const printed = new Set<number>()
for (const mode of modes) {
  for (let seed = 1; seed <= 25; seed++) {
    const produced = new Map<number, number>()
    const end = await Effect.runPromise(
      runOnFastVirtualClock(
        runScenario(resolveOrThrow({ mode, seed }), (event) => {
          if (event.item === undefined) return
          if (event.type === "produced") produced.set(event.item, event.at)
          if (event.type === "dequeued") printed.add(event.at - (produced.get(event.item) ?? 0))
        }),
      ),
    )
    printed.add(end.at)
  }
}
process.stdout.write([...printed].map((micros) => `${micros}\n`).join(""))
