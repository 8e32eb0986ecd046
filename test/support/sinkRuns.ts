/** Runs scenarios through the one run path (runToStatistics, on the fast virtual clock) into a sink. */
import * as Effect from "effect/Effect"
import { runToStatistics } from "../../src/core/run.ts"
import type { ScenarioInput } from "../../src/core/scenario/scenario.ts"
import type { RunSink } from "../../src/core/sinks/sink.ts"
import { resolveOrThrow } from "./runs.ts"

/** start with the header, every event, then end: the sink's result. */
export const runIntoSink = <Result, Error>(input: ScenarioInput, sink: RunSink<Result, Error>) =>
  Effect.map(runToStatistics(resolveOrThrow(input), { sink }), (results) => results.sink)
