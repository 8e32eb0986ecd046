/**
 * What a run needs from the platform it runs on, given by the program's entry point rather than
 * taken from a global: Node's (run/nodePlatform.ts) in the command line and the sweep's workers, a
 * page's in the browser. The default is Effect's own and needs no platform at all: fine for a run
 * that nothing outside has to interrupt (a test's), as it never lets an event loop turn.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"

export interface RunPlatform {
  /** Wall time in milliseconds, for how long a slice of a fast virtual run has gone on. */
  readonly wallMillis: () => number
  /**
   * Runs between the slices of a fast virtual run: one turn of the platform's own event loop, so
   * that signals, output and a page's input are seen during a long run.
   */
  readonly betweenSlices: Effect.Effect<void>
}

export const RunPlatform = Context.Reference<RunPlatform>("prodcon-sim/core/RunPlatform", {
  defaultValue: () => ({ wallMillis: () => Date.now(), betweenSlices: Effect.yieldNow }),
})
