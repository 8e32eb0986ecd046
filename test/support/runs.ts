/** Runs scenarios on the virtual clock and keeps what they report, for assertions. */
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { runScenario } from "../../src/core/engine/engine.ts"
import type { RunEnd, RunHeader, SimEvent } from "../../src/core/engine/events.ts"
import { runHeader } from "../../src/core/run.ts"
import { resolveScenario, type Scenario, type ScenarioInput } from "../../src/core/scenario/scenario.ts"
import { runOnVirtualClock } from "./clocks.ts"

export interface CollectedRun {
  readonly scenario: Scenario
  readonly header: RunHeader
  readonly events: ReadonlyArray<SimEvent>
  readonly end: RunEnd
}

export const resolveOrThrow = (input: ScenarioInput): Scenario => {
  const scenario = resolveScenario(input)
  if (Result.isFailure(scenario)) throw new Error(scenario.failure.message)
  return scenario.success
}

/** Runs on the TestClock driver, the reference the fast driver is held to. */
export const collectRun = (input: ScenarioInput) =>
  Effect.gen(function* () {
    const scenario = resolveOrThrow(input)
    const events: Array<SimEvent> = []
    const end = yield* runOnVirtualClock(runScenario(scenario, (event) => events.push(event)))
    return { scenario, header: runHeader(scenario), events, end } satisfies CollectedRun
  })

export const ofType = (events: ReadonlyArray<SimEvent>, type: string) =>
  events.filter((event) => event.type === type)
