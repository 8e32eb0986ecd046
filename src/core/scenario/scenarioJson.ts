/**
 * The one description of a scenario as JSON: what a recording keeps in `meta.scenario`, what the
 * statistics object repeats, and (every key optional, the derived ones left out) what a scenario
 * file may set. Every value is spelled as a user would type it.
 */
import * as Schema from "effect/Schema"
import * as Struct from "effect/Struct"

export const modes = ["sync", "async", "threads", "trio"] as const
export type Mode = (typeof modes)[number]

export const whenFullStrategies = ["suspend", "drop", "slide"] as const
export type WhenFull = (typeof whenFullStrategies)[number]

export const clocks = ["virtual", "live"] as const
export type ClockKind = (typeof clocks)[number]

/** `together`: producers and consumers run at once. `production-first`: the sync program. */
export const starts = ["together", "production-first"] as const
export type Start = (typeof starts)[number]

/** `wait`: a consumer blocks on the queue. `poll`: it checks and sleeps while empty (threads). */
export const handoffs = ["wait", "poll"] as const
export type Handoff = (typeof handoffs)[number]

/** One weighted branch of a stage's routing: `{ "stage": "a", "weight": 3 }`. */
export const BranchJson = Schema.Struct({ stage: Schema.String, weight: Schema.Number })
export type BranchJson = typeof BranchJson.Type

/**
 * Where a stage's finished items go: another stage by name, weighted branches, or null to leave.
 * Absent means the next stage in the list (leaving after the last).
 */
export const NextJson = Schema.NullOr(Schema.Union([Schema.String, Schema.Array(BranchJson)]))
export type NextJson = typeof NextJson.Type

/**
 * One stage of a pipeline, as a scenario file gives it (every key but `name` optional) and as a
 * recording stores it (every key written). Checked further by stages.ts.
 */
export const StageJson = Schema.Struct({
  name: Schema.String,
  workers: Schema.optionalKey(Schema.Int),
  process: Schema.optionalKey(Schema.String),
  capacity: Schema.optionalKey(Schema.NullOr(Schema.Int)),
  whenFull: Schema.optionalKey(Schema.Literals(whenFullStrategies)),
  /** The probability that an attempt fails (it still takes its service time). */
  fail: Schema.optionalKey(Schema.Number),
  /** How many more attempts a failed item gets before it is dead-lettered. */
  retries: Schema.optionalKey(Schema.Int),
  /** DIST: the pause before a failed item enters the same stage's queue again. */
  backoff: Schema.optionalKey(Schema.String),
  next: Schema.optionalKey(NextJson),
})
export type StageJson = typeof StageJson.Type

/** The keys a user sets; the others follow from the mode. */
const settableFields = {
  mode: Schema.Literals(modes),
  producers: Schema.Int,
  items: Schema.Int,
  consumers: Schema.Int,
  /** A number bounds the queue; null makes it unbounded. */
  capacity: Schema.NullOr(Schema.Int),
  whenFull: Schema.Literals(whenFullStrategies),
  /** DIST, as typed: `500ms`, `uniform(A,B)`, `exp(M)`, `poisson(R)`, `lognormal(M,S)`. */
  produce: Schema.String,
  process: Schema.String,
  /** DURATION, or null for none. */
  timeout: Schema.NullOr(Schema.String),
  seed: Schema.Int,
  clock: Schema.Literals(clocks),
  /** A pipeline: producers feed the first stage. Absent: the single queue of the course. */
  stages: Schema.Array(StageJson),
}

/** Derived from the mode; written in every recording, optional when read (older files lack them). */
const derivedFields = {
  start: Schema.Literals(starts),
  handoff: Schema.Literals(handoffs),
  pollInterval: Schema.String,
}
export const derivedKeys = Object.keys(derivedFields)

const { stages, ...singleStageFields } = settableFields
export const ScenarioJson = Schema.Struct({
  ...singleStageFields,
  ...Struct.map(derivedFields, Schema.optionalKey),
  // Written only for a pipeline, so a single-stage recording keeps its bytes; last, as written, so
  // a decoded scenario keeps the recording's key order (replay's statistics repeat it).
  stages: Schema.optionalKey(stages),
})
export type ScenarioJson = typeof ScenarioJson.Type

export const settableKeys = Object.keys(settableFields) as ReadonlyArray<keyof typeof settableFields>

/** What a scenario file, the command line or a sweep's `--vary` may set: any of the settable keys. */
export const ScenarioSettings = Schema.Struct(Struct.map(settableFields, Schema.optionalKey))
export type ScenarioSettings = typeof ScenarioSettings.Type
