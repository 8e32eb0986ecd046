/**
 * A scenario is every parameter of one run, resolved and validated. Modes are presets of the same
 * scenario (lecture.md): they only choose defaults and how work is started and handed over; the
 * engine runs all of them the same way.
 */
import { type Distribution, formatDistribution, parseDistribution } from "./distribution.ts"
import { formatDuration, parseDuration } from "./duration.ts"
import { UsageError, usageError } from "./errors.ts"

export const modes = ["sync", "async", "threads", "trio"] as const
export type Mode = (typeof modes)[number]

export const whenFullStrategies = ["suspend", "drop", "slide"] as const
export type WhenFull = (typeof whenFullStrategies)[number]

export const clocks = ["virtual", "live"] as const
export type ClockKind = (typeof clocks)[number]

/** `together`: producers and consumers run at once. `production-first`: the sync program. */
export type Start = "together" | "production-first"
/** `wait`: a consumer blocks on the queue. `poll`: it checks and sleeps while empty (threads). */
export type Handoff = "wait" | "poll"
/**
 * How the modelled runtime runs the tasks that are ready. `fifo`: in the order they became ready
 * (asyncio's ready queue, and Effect's own order). `trio`: in batches, each run in or against that
 * order with probability 1/2, and a channel operation that does not wait is a checkpoint
 * (engine/trioScheduler.ts).
 */
export type Scheduling = "fifo" | "trio"

export const defaultSeed = 1
export const defaultItemsPerProducer = 20

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
}

interface ModePreset {
  readonly producers: number
  readonly capacity: number | null
  readonly timeoutMicros: number | null
  readonly start: Start
  readonly handoff: Handoff
  readonly scheduling: Scheduling
}

const presets: Record<Mode, ModePreset> = {
  sync: {
    producers: 1,
    capacity: null,
    timeoutMicros: null,
    start: "production-first",
    handoff: "wait",
    scheduling: "fifo",
  },
  async: {
    producers: 2,
    capacity: null,
    timeoutMicros: null,
    start: "together",
    handoff: "wait",
    scheduling: "fifo",
  },
  threads: {
    producers: 2,
    capacity: null,
    timeoutMicros: null,
    start: "together",
    handoff: "poll",
    scheduling: "fifo",
  },
  trio: {
    producers: 2,
    capacity: 10,
    timeoutMicros: 5_000_000,
    start: "together",
    handoff: "wait",
    scheduling: "trio",
  },
}

/** The threads program sleeps 0.01 s when it finds the shared list empty. */
const pollIntervalMicros = 10_000

/** What a user may set, as given on the command line (or, later, in a scenario file). */
export interface ScenarioInput {
  readonly mode?: string | undefined
  readonly producers?: number | undefined
  readonly items?: number | undefined
  readonly consumers?: number | undefined
  /** A number bounds the queue; null makes it unbounded whatever the mode; absent keeps the preset. */
  readonly capacity?: number | null | undefined
  readonly whenFull?: string | undefined
  readonly produce?: string | undefined
  readonly process?: string | undefined
  readonly timeout?: string | undefined
  readonly seed?: number | undefined
  readonly clock?: string | undefined
}

export const defaultProduce = "uniform(500ms,1500ms)"
export const defaultProcess = "500ms"

const oneOf = <T extends string>(flag: string, allowed: ReadonlyArray<T>, value: string): T => {
  if ((allowed as ReadonlyArray<string>).includes(value)) return value as T
  throw usageError(`--${flag}: unknown value "${value}" (expected ${allowed.join(", ")})`)
}

const wholeNumber = (flag: string, value: number, minimum: number): number => {
  if (!Number.isSafeInteger(value) || value < minimum) {
    const expected = minimum === 1 ? "a positive whole number" : `a whole number of at least ${minimum}`
    throw usageError(`--${flag} must be ${expected} (got ${value})`)
  }
  return value
}

const distribution = (flag: string, text: string): Distribution => {
  const parsed = parseDistribution(text)
  if ("error" in parsed) throw usageError(`--${flag}: ${parsed.error}`)
  return parsed
}

/** Applies the mode's preset, then the user's values, and checks that the result can run. */
export const resolveScenario = (input: ScenarioInput): Scenario | UsageError => {
  try {
    return resolveOrThrow(input)
  } catch (error) {
    if (error instanceof UsageError) return error
    throw error
  }
}

const resolveOrThrow = (input: ScenarioInput): Scenario => {
  const mode = oneOf("mode", modes, input.mode ?? "async")
  const preset = presets[mode]
  const capacity =
    input.capacity === undefined
      ? preset.capacity
      : input.capacity === null
        ? null
        : wholeNumber("capacity", input.capacity, 1)
  const whenFull = oneOf("when-full", whenFullStrategies, input.whenFull ?? "suspend")
  let timeoutMicros = preset.timeoutMicros
  if (input.timeout === "none") {
    timeoutMicros = null
  } else if (input.timeout !== undefined) {
    const parsed = parseDuration(input.timeout)
    if ("error" in parsed) throw usageError(`--timeout: ${parsed.error}`)
    if (parsed.micros === 0) throw usageError("--timeout must be above zero")
    timeoutMicros = parsed.micros
  }
  if (preset.start === "production-first" && capacity !== null && whenFull === "suspend") {
    throw usageError(
      `--mode ${mode} consumes only after production ends, so a full queue that suspends would wait forever: ` +
        "use --when-full drop or slide, or no --capacity",
    )
  }
  return {
    mode,
    producers: wholeNumber("producers", input.producers ?? preset.producers, 1),
    itemsPerProducer: wholeNumber("items", input.items ?? defaultItemsPerProducer, 1),
    consumers: wholeNumber("consumers", input.consumers ?? 1, 1),
    capacity,
    whenFull,
    produce: distribution("produce", input.produce ?? defaultProduce),
    process: distribution("process", input.process ?? defaultProcess),
    timeoutMicros,
    seed: wholeNumber("seed", input.seed ?? defaultSeed, 0),
    clock: oneOf("clock", clocks, input.clock ?? "virtual"),
    start: preset.start,
    handoff: preset.handoff,
    scheduling: preset.scheduling,
    pollIntervalMicros,
  }
}

/** The scenario as stored in a recording: plain JSON, every value spelled as a user would type it. */
export const scenarioToJson = (scenario: Scenario) => ({
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
})

export type ScenarioJson = ReturnType<typeof scenarioToJson>

/** Total items the producers will make. */
export const totalItems = (scenario: Scenario): number => scenario.producers * scenario.itemsPerProducer
