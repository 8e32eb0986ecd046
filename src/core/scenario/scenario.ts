/**
 * A scenario is every parameter of one run, resolved and validated. Modes are presets of the same
 * scenario, after the course's programs: they only choose defaults and how work is started and
 * handed over; the engine runs all of them the same way.
 */
import * as Result from "effect/Result"
import { type UsageError, usageError } from "../../errors.ts"
import { type Distribution, formatDistribution, longestMicros, parseDistribution } from "./distribution.ts"
import { formatDuration, parseDuration } from "./duration.ts"
import { type ModePreset, presets, type Scheduling } from "./modes.ts"
import type {
  ClockKind,
  Handoff,
  Mode,
  ScenarioJson,
  ScenarioSettings,
  Start,
  WhenFull,
} from "./scenarioJson.ts"
import { resolveStages, type Stage, stageToJson } from "./stages.ts"

export { cancelsOnEnter, presets, type Scheduling } from "./modes.ts"
export {
  type ClockKind,
  clocks,
  type Handoff,
  type Mode,
  modes,
  type ScenarioJson,
  type Start,
  type WhenFull,
  whenFullStrategies,
} from "./scenarioJson.ts"

/** What a user may set: on the command line, in a scenario file, or as a sweep's varied value. */
export type ScenarioInput = ScenarioSettings

export const defaultSeed = 1
export const defaultItemsPerProducer = 20
export const defaultProduce = "uniform(500ms,1500ms)"
export const defaultProcess = "500ms"

export interface Scenario {
  readonly mode: Mode
  readonly producers: number
  readonly itemsPerProducer: number
  readonly consumers: number
  /** Queue bound; null is unbounded. */
  readonly capacity: number | null
  readonly whenFull: WhenFull
  readonly produce: Distribution
  readonly process: Distribution
  readonly timeoutMicros: number | null
  readonly seed: number
  readonly clock: ClockKind
  readonly start: Start
  readonly handoff: Handoff
  readonly scheduling: Scheduling
  readonly pollIntervalMicros: number
  /** A pipeline's stages; null for the course's single queue (consumers, capacity, process). */
  readonly stages: ReadonlyArray<Stage> | null
}

/** The threads program sleeps 0.01 s when it finds the shared list empty. */
const pollIntervalMicros = 10_000

type Checked<A> = Result.Result<A, UsageError>

/** How a setting is named in messages: `--items` by default; `--scenario FILE: items`, `meta.scenario.items`. */
export type SettingName = (key: keyof ScenarioInput) => string

const flagNames: Partial<Record<keyof ScenarioInput, string>> = { whenFull: "when-full", stages: "stage" }
export const flagName: SettingName = (key) => `--${flagNames[key] ?? key}`

/**
 * What one run can hold in memory: each actor is a fiber with its own random stream (about 10 KB),
 * and each item leaves figures in the statistics (and, on an unbounded queue, may wait in it).
 */
export const mostActors = 100_000
export const mostItems = 10_000_000

const wholeNumber = (name: string, value: number, minimum: number): Checked<number> => {
  if (Number.isSafeInteger(value) && value >= minimum) return Result.succeed(value)
  const expected = minimum === 1 ? "a positive whole number" : `a whole number of at least ${minimum}`
  return Result.fail(usageError(`${name} must be ${expected} (got ${value})`))
}

const distribution = (name: string, text: string): Checked<Distribution> => {
  return Result.mapError(parseDistribution(text), (problem) => usageError(`${name}: ${problem}`))
}

const capacityOf = (input: ScenarioInput, preset: ModePreset, name: SettingName): Checked<number | null> =>
  input.capacity === undefined
    ? Result.succeed(preset.capacity)
    : input.capacity === null
      ? Result.succeed(null)
      : wholeNumber(name("capacity"), input.capacity, 1)

const timeoutOf = (input: ScenarioInput, preset: ModePreset, name: SettingName): Checked<number | null> => {
  if (input.timeout === undefined) return Result.succeed(preset.timeoutMicros)
  if (input.timeout === null || input.timeout === "none") return Result.succeed(null)
  const parsed = parseDuration(input.timeout)
  if (Result.isFailure(parsed)) return Result.fail(usageError(`${name("timeout")}: ${parsed.failure}`))
  if (parsed.success === 0) return Result.fail(usageError(`${name("timeout")} must be above zero`))
  return Result.succeed(parsed.success)
}

const thousands = (count: number) => count.toLocaleString("en-US")

/**
 * Refuses what cannot run: more actors or items than memory holds, or a run that could outlast
 * 2^53 microseconds (285 years), past which times are no longer exact integers in a recording.
 */
const runnable = (scenario: Scenario, name: SettingName): Checked<Scenario> => {
  const { producers } = scenario
  const consumers =
    scenario.stages === null
      ? scenario.consumers
      : scenario.stages.reduce((sum, stage) => sum + stage.workers, 0)
  if (producers + consumers > mostActors) {
    // A pipeline's workers are its stages', whatever --consumers says.
    const workers =
      scenario.stages === null
        ? `${name("consumers")} ${consumers}`
        : `${thousands(consumers)} workers in ${scenario.stages.length} stages (${name("stages")})`
    return Result.fail(
      usageError(
        `${name("producers")} ${producers} and ${workers}: at most ${thousands(mostActors)} producers and consumers in all can be simulated`,
      ),
    )
  }
  const total = totalItems(scenario)
  if (total > mostItems) {
    return Result.fail(
      usageError(
        `${name("producers")} ${producers} x ${name("items")} ${scenario.itemsPerProducer}: at most ${thousands(mostItems)} items can be simulated in one run`,
      ),
    )
  }
  // Every pause and every service in sequence, each as long as it can be: no run lasts longer.
  const serviceMicros =
    scenario.stages === null
      ? longestMicros(scenario.process)
      : scenario.stages.reduce(
          (sum, stage) =>
            sum +
            (stage.retries + 1) * longestMicros(stage.process) +
            stage.retries * longestMicros(stage.backoff),
          0,
        )
  const longest = total * (longestMicros(scenario.produce) + serviceMicros + scenario.pollIntervalMicros)
  if (scenario.timeoutMicros === null && longest > Number.MAX_SAFE_INTEGER) {
    return Result.fail(
      usageError(
        `this run could last beyond 2^53 microseconds (285 years), which no recording can hold: shorten ${name("produce")} or ${name("process")}, make fewer items, or set ${name("timeout")}`,
      ),
    )
  }
  return Result.succeed(scenario)
}

/**
 * Applies the mode's preset, then the user's values, and checks each value: the scenario a
 * recording describes. `name` says where each setting came from, for messages.
 */
export const resolveSettings = (input: ScenarioInput, name: SettingName = flagName): Checked<Scenario> =>
  Result.gen(function* () {
    const mode = input.mode ?? "async"
    const preset = presets[mode]
    const capacity = yield* capacityOf(input, preset, name)
    const whenFull = input.whenFull ?? "suspend"
    const timeoutMicros = yield* timeoutOf(input, preset, name)
    if (preset.start === "production-first" && capacity !== null && whenFull === "suspend") {
      return yield* Result.fail(
        usageError(
          // Led by the setting's name: from a file it reads "--scenario FILE: capacity", which
          // cannot stand in the middle of a sentence.
          `${name("capacity")} ${capacity} with mode ${mode}: ${mode} consumes only after production ends, ` +
            "so a full queue that suspends would wait forever; let it drop or slide when full, or leave it unbounded",
        ),
      )
    }
    const consumers = yield* wholeNumber(name("consumers"), input.consumers ?? 1, 1)
    const process = yield* distribution(name("process"), input.process ?? defaultProcess)
    if (input.stages !== undefined && mode !== "async") {
      return yield* Result.fail(
        usageError(
          `${name("stages")} with mode ${mode}: ${mode} reproduces the course's single-queue program; pipelines run in mode async`,
        ),
      )
    }
    const stages =
      input.stages === undefined
        ? null
        : yield* resolveStages(
            input.stages,
            { workers: consumers, process, capacity, whenFull },
            name("stages"),
          )
    return {
      mode,
      producers: yield* wholeNumber(name("producers"), input.producers ?? preset.producers, 1),
      itemsPerProducer: yield* wholeNumber(name("items"), input.items ?? defaultItemsPerProducer, 1),
      consumers,
      capacity,
      whenFull,
      produce: yield* distribution(name("produce"), input.produce ?? defaultProduce),
      process,
      timeoutMicros,
      seed: yield* wholeNumber(name("seed"), input.seed ?? defaultSeed, 0),
      clock: input.clock ?? "virtual",
      start: preset.start,
      handoff: preset.handoff,
      scheduling: preset.scheduling,
      pollIntervalMicros,
      stages,
    }
  })

/** A scenario to run: its settings resolved and checked, and within what can be simulated. */
export const resolveScenario = (input: ScenarioInput, name: SettingName = flagName): Checked<Scenario> =>
  Result.flatMap(resolveSettings(input, name), (scenario) => runnable(scenario, name))

/** The scenario as stored in a recording: plain JSON, every value spelled as a user would type it. */
export const scenarioToJson = (scenario: Scenario): ScenarioJson => ({
  mode: scenario.mode,
  producers: scenario.producers,
  items: scenario.itemsPerProducer,
  consumers: scenario.consumers,
  capacity: scenario.capacity,
  whenFull: scenario.whenFull,
  produce: formatDistribution(scenario.produce),
  process: formatDistribution(scenario.process),
  timeout: scenario.timeoutMicros === null ? null : formatDuration(scenario.timeoutMicros),
  seed: scenario.seed,
  clock: scenario.clock,
  start: scenario.start,
  handoff: scenario.handoff,
  pollInterval: formatDuration(scenario.pollIntervalMicros),
  ...(scenario.stages === null ? {} : { stages: scenario.stages.map(stageToJson) }),
})

/** The settable part of a recorded scenario, to run it again. */
export const scenarioSettingsOf = (recorded: ScenarioJson): ScenarioInput => {
  const { start: _start, handoff: _handoff, pollInterval: _pollInterval, ...settings } = recorded
  return settings
}

/** Total items the producers will make. */
export const totalItems = (scenario: Scenario): number => scenario.producers * scenario.itemsPerProducer
