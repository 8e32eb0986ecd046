/** Runs scenarios on the virtual clock and keeps what they report, for assertions. */
import * as Effect from "effect/Effect"
import { runOnVirtualClock } from "../../src/engine/clocks.ts"
import { runScenario } from "../../src/engine/engine.ts"
import type { RunEnd, SimEvent } from "../../src/engine/events.ts"
import { UsageError } from "../../src/scenario/errors.ts"
import { resolveScenario, type Scenario, type ScenarioInput } from "../../src/scenario/scenario.ts"

export interface CollectedRun {
  readonly scenario: Scenario
  readonly events: ReadonlyArray<SimEvent>
  readonly end: RunEnd
}

export const resolveOrThrow = (input: ScenarioInput): Scenario => {
  const scenario = resolveScenario(input)
  if (scenario instanceof UsageError) throw new Error(scenario.message)
  return scenario
}

export const collectRun = (input: ScenarioInput) =>
  Effect.gen(function* () {
    const scenario = resolveOrThrow(input)
    const events: Array<SimEvent> = []
    let end: RunEnd | undefined
    const returned = yield* runOnVirtualClock(
      runScenario(scenario, {
        event: (event) => events.push(event),
        end: (runEnd) => {
          end = runEnd
        },
      }),
    )
    if (end === undefined || end !== returned) throw new Error("the run did not report its end")
    return { scenario, events, end } satisfies CollectedRun
  })

export const ofType = (events: ReadonlyArray<SimEvent>, type: string) =>
  events.filter((event) => event.type === type)
