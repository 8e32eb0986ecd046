/** Node's side of a run (core/engine/runPlatform.ts): its monotonic clock, and one turn of its event loop. */
import * as Effect from "effect/Effect"
import type { RunPlatform } from "../core/engine/runPlatform.ts"

export const nodePlatform: RunPlatform = {
  wallMillis: () => performance.now(),
  betweenSlices: Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve))),
}
