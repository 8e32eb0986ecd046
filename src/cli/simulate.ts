/**
 * The `simulate` command: resolve the scenario (flags over an optional scenario file), run it on the
 * chosen clock, and send its events to the recording and to the terminal view as they happen.
 * `--compare` runs the same scenario and seed through several modes and prints one table.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { runScenario } from "../engine/engine.ts"
import type { RunEnd, RunSink } from "../engine/events.ts"
import { runOnFastVirtualClock } from "../engine/virtualDriver.ts"
import { alreadyExists, nextRecordingPath, openRecording } from "../recording/writer.ts"
import type { Verbosity } from "../render/runView.ts"
import { UsageError, usageError } from "../scenario/errors.ts"
import {
  type Mode,
  modes,
  resolveScenario,
  type Scenario,
  type ScenarioInput,
  scenarioToJson,
  totalItems,
} from "../scenario/scenario.ts"
import type { Statistics } from "../stats/statistics.ts"
import { CliIO, displayPath, userPath } from "./io.ts"
import { makeProgress } from "./progress.ts"
import { makeTerminalView } from "./terminalView.ts"
import { generator } from "./version.ts"

export interface SimulateOptions {
  readonly scenario: ScenarioInput
  /** A JSON file with any of the flags (or a recording); the flags win. */
  readonly scenarioFile?: string | undefined
  /** Modes to compare, comma-separated. */
  readonly compare?: string | undefined
  readonly out?: string | undefined
  readonly force: boolean
  readonly verbosity: Verbosity
  readonly timestamps: boolean
  readonly noColor: boolean
}

const defaultRecordingDirectory = "recordings"

/** Where a run's recording goes: `--out`, or the next free recordings/runN.json. */
const recordingTarget = (out: string | undefined) =>
  Effect.gen(function* () {
    const io = yield* CliIO
    if (out !== undefined) return userPath(io, out)
    const directory = path.join(io.projectDirectory, defaultRecordingDirectory)
    fs.mkdirSync(directory, { recursive: true })
    return nextRecordingPath(directory)
  })

interface RunOutput {
  readonly verbosity: Verbosity
  readonly timestamps: boolean
  readonly noColor: boolean
  /** Where the view writes; compare runs discard it. */
  readonly write?: (text: string) => void
  /** Called once the recording is in place, after the statistics are out. */
  readonly onSaved?: (target: string) => void
}

/** One run: recording written, view fed, statistics answered. Saves and summarises even on Ctrl-C. */
const recordRun = (scenario: Scenario, target: string, force: boolean, show: RunOutput) =>
  Effect.gen(function* () {
    const io = yield* CliIO
    const writer = openRecording(
      target,
      {
        mode: scenario.mode,
        seed: scenario.seed,
        clock: scenario.clock,
        generator,
        scenario: scenarioToJson(scenario),
      },
      { force },
    )
    if (writer instanceof UsageError) return yield* writer

    const { view, output } = makeTerminalView(io, { ...show, immediate: scenario.clock === "live" })
    const progress = makeProgress({
      isTTY: io.stderrIsTTY,
      write: io.stderr,
      totalItems: totalItems(scenario),
    })
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

    let statistics: Statistics | undefined
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
      statistics = view.end(end, { mode: scenario.mode, seed: scenario.seed, consumers: scenario.consumers })
      output.flush()
      if (saveError === undefined) show.onSaved?.(target)
    })

    const program = runScenario(scenario, sink)
    yield* (
      scenario.clock === "virtual"
        ? runOnFastVirtualClock(program, {
            onSlice: (virtualMicros) => progress.update(virtualMicros, itemsProduced),
          })
        : program
    ).pipe(Effect.onExit(() => finish))
    if (saveError !== undefined) return yield* saveError
    return statistics as Statistics
  })

/** The modes of `--compare`, checked. */
const comparedModes = (text: string): ReadonlyArray<Mode> | UsageError => {
  const names = text.split(",").map((name) => name.trim())
  for (const name of names) {
    if (!(modes as ReadonlyArray<string>).includes(name)) {
      return usageError(
        `--compare: unknown mode "${name}" (expected a comma-separated list of ${modes.join(", ")})`,
      )
    }
  }
  return names as ReadonlyArray<Mode>
}

/** `--out run.json` with `--compare sync,async` writes run-sync.json and run-async.json. */
const comparisonOut = (out: string, mode: Mode): string => {
  const extension = path.extname(out)
  return `${out.slice(0, out.length - extension.length)}-${mode}${extension || ".json"}`
}

const compare = (options: SimulateOptions, input: ScenarioInput, compareList: string) =>
  Effect.gen(function* () {
    const io = yield* CliIO
    if (input.mode !== undefined)
      return yield* usageError("--compare runs each mode it names; leave out --mode")
    if (input.clock === "live") return yield* usageError("--compare runs on the virtual clock only")
    const selected = comparedModes(compareList)
    if (selected instanceof UsageError) return yield* selected
    const scenarios: Array<Scenario> = []
    for (const mode of selected) {
      const scenario = resolveScenario({ ...input, mode })
      if (scenario instanceof UsageError) return yield* usageError(`--compare ${mode}: ${scenario.message}`)
      scenarios.push(scenario)
    }
    // Every target is checked before the first run, so a refusal leaves nothing half done.
    if (options.out !== undefined && !options.force) {
      for (const mode of selected) {
        const target = userPath(io, comparisonOut(options.out, mode))
        if (fs.existsSync(target)) return yield* alreadyExists(target)
      }
    }
    const results: Array<{ readonly statistics: Statistics; readonly target: string }> = []
    for (const scenario of scenarios) {
      const target = yield* recordingTarget(
        options.out === undefined ? undefined : comparisonOut(options.out, scenario.mode),
      )
      const statistics = yield* recordRun(scenario, target, options.force, {
        verbosity: "quiet",
        timestamps: false,
        noColor: true,
        write: () => {},
      })
      results.push({ statistics, target })
    }
    const recordings = `Recordings: ${results.map(({ statistics, target }) => `${displayPath(io, target)} (${statistics.mode})`).join(", ")}\n`
    if (options.verbosity === "json") {
      io.stdout(
        `${JSON.stringify(
          results.map(({ statistics }) => statistics),
          null,
          2,
        )}\n`,
      )
      io.stderr(recordings)
      return
    }
    const { comparisonTable } = yield* Effect.promise(() => import("../render/comparisonTable.ts"))
    io.stdout(
      `${comparisonTable(
        results.map(({ statistics }) => statistics),
        scenarios,
      )}\n${recordings}`,
    )
  })

export const simulate = Effect.fnUntraced(function* (options: SimulateOptions) {
  const io = yield* CliIO
  let input = options.scenario
  if (options.scenarioFile !== undefined) {
    // Loaded on demand, with its Schema: most runs have no scenario file.
    const { mergeScenarioInputs, readScenarioFile } = yield* Effect.promise(
      () => import("../scenario/scenarioFile.ts"),
    )
    const file = userPath(io, options.scenarioFile)
    const fromFile = readScenarioFile(file, displayPath(io, file))
    if (fromFile instanceof UsageError) return yield* fromFile
    input = mergeScenarioInputs(fromFile, input)
  }
  if (options.compare !== undefined) return yield* compare(options, input, options.compare)

  const scenario = resolveScenario(input)
  if (scenario instanceof UsageError) return yield* scenario
  const target = yield* recordingTarget(options.out)
  yield* recordRun(scenario, target, options.force, {
    ...options,
    onSaved: (saved) => {
      const note = `Recording: ${displayPath(io, saved)}\n`
      if (options.verbosity === "json") io.stderr(note)
      else io.stdout(note)
    },
  })
})
