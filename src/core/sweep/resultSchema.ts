/**
 * The sweep's JSON result (a public format, described in the README's "Sizing a pipeline"), as an
 * Effect Schema: the single description of what `--json` prints, `--out` writes, and `--merge`
 * reads back from each share. Keys are listed in the order they are written.
 */
import * as Schema from "effect/Schema"

/** A varied parameter's value as the resolved scenario spells it; null for capacity/timeout none. */
export const ParameterValue = Schema.NullOr(Schema.Union([Schema.Finite, Schema.String]))

/** Across the replications that gave a value; `missing` (only when above 0) counts those that gave none. */
export const MetricSummary = Schema.Struct({
  mean: Schema.NullOr(Schema.Finite),
  halfWidth: Schema.NullOr(Schema.Finite),
  min: Schema.NullOr(Schema.Finite),
  max: Schema.NullOr(Schema.Finite),
  missing: Schema.optionalKey(Schema.Int),
})
export type MetricSummary = typeof MetricSummary.Type

const Metrics = Schema.Record(Schema.String, MetricSummary)

export const TargetOutcome = Schema.Struct({
  target: Schema.String,
  verdict: Schema.Literals(["met", "missed", "undecided"]),
  /** Only when undecided: about how many more replications would decide it (null: no estimate). */
  moreReplications: Schema.optionalKey(Schema.NullOr(Schema.Int)),
})

/** Paired differences (neighbour minus this row) to the next value of one varied parameter. */
export const Difference = Schema.Struct({
  parameter: Schema.String,
  from: ParameterValue,
  to: ParameterValue,
  metrics: Metrics,
})

const loadFields = {
  arrivalRate: Schema.NullOr(Schema.Finite),
  meanService: Schema.Finite,
  workers: Schema.Int,
  perWorker: Schema.NullOr(Schema.Finite),
  unstable: Schema.Boolean,
}

/**
 * The work a configuration offers, from its distributions' means (scenario/offeredLoad.ts):
 * arrivals per second, mean service in seconds, and their product over the workers; `unstable` at
 * or above 1 per worker. A pipeline's is its most loaded stage's (`stage`), with every stage's in
 * `stages` (each stage's arrivals count its retries); `unstable` when any stage is.
 */
export const OfferedLoad = Schema.Struct({
  ...loadFields,
  stage: Schema.optionalKey(Schema.String),
  stages: Schema.optionalKey(Schema.Record(Schema.String, Schema.Struct(loadFields))),
})

/** What every configuration shares; the mean rate and service time only when all have the same. */
export const FixedScenario = Schema.Struct({
  settings: Schema.Record(Schema.String, ParameterValue),
  changing: Schema.Array(Schema.String),
  arrivalRate: Schema.optionalKey(Schema.NullOr(Schema.Finite)),
  meanService: Schema.optionalKey(Schema.Finite),
})
export type FixedScenario = typeof FixedScenario.Type

export const Row = Schema.Struct({
  parameters: Schema.Record(Schema.String, ParameterValue),
  load: OfferedLoad,
  seeds: Schema.Array(Schema.Int),
  metrics: Metrics,
  targets: Schema.Array(TargetOutcome),
  differences: Schema.Array(Difference),
})
export type Row = typeof Row.Type

/** What makes two sweeps the same sweep (plan.ts, sweepIdentity). */
export const SweepIdentity = Schema.Struct({
  replications: Schema.Int,
  confidence: Schema.Finite,
  warmup: Schema.Finite,
  baseSeed: Schema.Int,
  varied: Schema.Array(Schema.Struct({ name: Schema.String, values: Schema.Array(ParameterValue) })),
  targets: Schema.Array(Schema.String),
  metrics: Schema.Array(Schema.String),
  /** Every configuration's resolved scenario without its seed, every key kept. */
  scenarios: Schema.Array(Schema.Record(Schema.String, ParameterValue)),
})
export type SweepIdentity = typeof SweepIdentity.Type

/** One run's raw figures, in the order of `sweep.metrics`: what merge rebuilds the rows from. */
export const ShardPair = Schema.Struct({
  /** 1-based row (configuration) and replication. */
  row: Schema.Int,
  replication: Schema.Int,
  values: Schema.Array(Schema.NullOr(Schema.Finite)),
})

export const Shard = Schema.Struct({
  /** K of K/N. */
  index: Schema.Int,
  /** N of K/N. */
  count: Schema.Int,
  /** The program that ran it, `NAME@VERSION`: shares of different versions may differ in their figures. */
  generator: Schema.String.check(Schema.isMaxLength(200)),
  sweep: SweepIdentity,
  pairs: Schema.Array(ShardPair),
})
export type Shard = typeof Shard.Type

export const SweepResult = Schema.Struct({
  replications: Schema.Int,
  confidence: Schema.Finite,
  /** Seconds. */
  warmup: Schema.Finite,
  baseSeed: Schema.Int,
  varied: Schema.Array(Schema.String),
  scenario: FixedScenario,
  rows: Schema.Array(Row),
  answer: Schema.String,
  /** The configurations the answer names (the varied parameters' values); empty when none. */
  chosen: Schema.Array(Schema.Record(Schema.String, ParameterValue)),
  /** Only on a share's partial result. */
  shard: Schema.optionalKey(Shard),
})
export type SweepResult = typeof SweepResult.Type
