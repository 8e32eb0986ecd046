/**
 * The `simulate` command: resolve the scenario, run it on the chosen clock, and send its events to
 * the recording and to the terminal view as they happen.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { runScenario } from "../engine/engine.ts"
import type { RunEnd, RunSink } from "../engine/events.ts"
import { runOnFastVirtualClock } from "../engine/virtualDriver.ts"
import { nextRecordingPath, openRecording } from "../recording/writer.ts"
import { makePainter, shouldUseColor } from "../render/color.ts"
import { makeRunView, type Verbosity } from "../render/runView.ts"
import { UsageError, usageError } from "../scenario/errors.ts"
import { resolveScenario, type ScenarioInput, scenarioToJson, totalItems } from "../scenario/scenario.ts"
import { bufferedWriter, CliIO, displayPath, userPath } from "./io.ts"
import { makeProgress } from "./progress.ts"
import { generator } from "./version.ts"

export interface SimulateOptions {
  readonly scenario: ScenarioInput
  readonly out?: string | undefined
  readonly force: boolean
  readonly verbosity: Verbosity
  readonly timestamps: boolean
  readonly noColor: boolean
}

const defaultRecordingDirectory = "recordings"

export const simulate = Effect.fnUntraced(function* (options: SimulateOptions) {
  const io = yield* CliIO
  const scenario = resolveScenario(options.scenario)
  if (scenario instanceof UsageError) return yield* scenario

  let target: string
  if (options.out === undefined) {
    const directory = path.join(io.projectDirectory, defaultRecordingDirectory)
    fs.mkdirSync(directory, { recursive: true })
    target = nextRecordingPath(directory)
  } else {
    target = userPath(io, options.out)
  }
  const writer = openRecording(
    target,
    {
      mode: scenario.mode,
      seed: scenario.seed,
      clock: scenario.clock,
      generator,
      scenario: scenarioToJson(scenario),
    },
    // Three events per item: produced, dequeued, processed.
    { force: options.force, expectedEvents: 3 * totalItems(scenario) },
  )
  if (writer instanceof UsageError) return yield* writer

  const output = bufferedWriter(io.stdout, { immediate: scenario.clock === "live" })
  const color = shouldUseColor({ noColorFlag: options.noColor, isTTY: io.stdoutIsTTY, env: io.env })
  const view = makeRunView({
    verbosity: options.verbosity,
    paint: makePainter(color),
    write: output.write,
    timestamps: options.timestamps,
  })
  const progress = makeProgress({ isTTY: io.stderrIsTTY, write: io.stderr, totalItems: totalItems(scenario) })
  let itemsProduced = 0
  let end: RunEnd | undefined
  const sink: RunSink = {
    event: (event) => {
      if (event.type === "produced") itemsProduced++
      writer.event(event)
      view.event(event)
    },
    end: (runEnd) => {
      end = runEnd
    },
  }

  // Runs however the run ends, Ctrl-C included: an ended run is always saved and summarised.
  let saveError: UsageError | undefined
  const finish = Effect.promise(async () => {
    progress.done()
    if (end === undefined) {
      await writer.abort()
      output.flush()
      return
    }
    try {
      await writer.commit(end)
    } catch (error) {
      saveError = error instanceof UsageError ? error : usageError(`cannot save the recording: ${error}`)
    }
    view.end(end, { mode: scenario.mode, seed: scenario.seed, consumers: scenario.consumers })
    const note = saveError === undefined ? `Recording: ${displayPath(io, target)}\n` : ""
    if (options.verbosity === "json") {
      output.flush()
      io.stderr(note)
    } else {
      output.write(note)
      output.flush()
    }
  })

  const program = runScenario(scenario, sink)
  yield* (
    scenario.clock === "virtual"
      ? runOnFastVirtualClock(program, {
          waitBetweenSlices: writer.ready,
          onSlice: (virtualMicros) => progress.update(virtualMicros, itemsProduced),
        })
      : program
  ).pipe(Effect.onExit(() => finish))
  if (saveError !== undefined) return yield* saveError
})
