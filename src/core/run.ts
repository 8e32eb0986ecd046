/**
 * One run, below the command line: a scenario run on its clock, its events handed as they happen
 * to the statistics fold first and then to the other sinks (the recording, the terminal view, the
 * progress line, the page...). It answers the statistics and each sink's result. `simulate`,
 * `--compare`, the theory tests and the sweep's workers all run through here.
 */
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { runScenario } from "./engine/engine.ts"
import type { RunEnd, RunHeader } from "./engine/events.ts"
import { runOnFastVirtualClock } from "./engine/virtualDriver.ts"
import { cancelsOnEnter, type Scenario, scenarioToJson } from "./scenario/scenario.ts"
import { type RunResults, type Sinks, withStatistics } from "./sinks/runSinks.ts"
import type { ErrorOf } from "./sinks/sink.ts"
import type { TimeWindow } from "./stats/statistics.ts"
import { generator } from "./version.ts"

/** What every sink is told first, and what a recording keeps as its `meta`. */
export const runHeader = (scenario: Scenario): RunHeader => ({
  mode: scenario.mode,
  seed: scenario.seed,
  clock: scenario.clock,
  generator,
  scenario: scenarioToJson(scenario),
})

export interface RunOptions {
  /** Completes to stop the run where it stands (Ctrl-C); it then ends as `interrupted`. */
  readonly stop?: Effect.Effect<void> | undefined
  /**
   * Completes when the user presses Enter: it stops the run as `stop` does when the mode's program
   * asks for it (the threads program's "Press enter to cancel...") and the run is on the live clock.
   */
  readonly enter?: Effect.Effect<void> | undefined
  /** The part of the run the figures count (a sweep's warm-up is left out); the whole run by default. */
  readonly window?: TimeWindow | undefined
}

/** What stops the run before its end, if anything: a stop request, or Enter where the program asks for it. */
const stopOf = (scenario: Scenario, { stop, enter }: RunOptions): Effect.Effect<void> | undefined => {
  if (enter === undefined || scenario.clock !== "live" || !cancelsOnEnter(scenario.mode)) return stop
  return stop === undefined ? enter : Effect.raceFirst(stop, enter)
}

/**
 * Runs `scenario` into its sinks, after its statistics fold (runSinks.ts). If the run fails or is
 * interrupted from outside before its end, every sink is aborted, so nothing half-done stays.
 */
export const runToStatistics = <const S extends Sinks>(
  scenario: Scenario,
  sinks: S,
  options: RunOptions = {},
) =>
  Effect.gen(function* () {
    const all = withStatistics(sinks, options.window)
    all.start(runHeader(scenario))
    const program = runScenario(scenario, all.event, stopOf(scenario, options))
    const drain = all.drain?.()
    const end = yield* (
      scenario.clock === "virtual"
        ? runOnFastVirtualClock(program, drain === undefined ? {} : { betweenSlices: drain })
        : program
    ).pipe(Effect.onExit((exit) => (Exit.isSuccess(exit) ? Effect.void : all.abort())))
    // A sink's end (a recording put in place) runs whole: a stop arriving now waits for it.
    const results = yield* Effect.uninterruptible(all.end(end))
    return { ...results, end }
  }) as Effect.Effect<RunResults<S> & { readonly end: RunEnd }, ErrorOf<S[keyof S]>>
