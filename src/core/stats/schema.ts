/**
 * The statistics object: what `--json` prints, what the page and the sweep embed. A public contract,
 * so it has one Schema, and the fold (statistics.ts) builds exactly this type. All durations are
 * in seconds.
 */
import * as Schema from "effect/Schema"
import { endReasons } from "../engine/events.ts"
import { modes, ScenarioJson } from "../scenario/scenarioJson.ts"

const Seconds = Schema.Finite
const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

/** Order statistics of a list of durations; null where there were none. */
export const DurationSummary = Schema.Struct({
  count: Count,
  min: Schema.NullOr(Seconds),
  mean: Schema.NullOr(Seconds),
  p50: Schema.NullOr(Seconds),
  p90: Schema.NullOr(Seconds),
  p99: Schema.NullOr(Seconds),
  p999: Schema.NullOr(Seconds),
  max: Schema.NullOr(Seconds),
})
export type DurationSummary = typeof DurationSummary.Type

/** One stage of a pipeline (durations in seconds); `latency` is each wait in its queue. */
export const StageStatistics = Schema.Struct({
  latency: DurationSummary,
  /** Each attempt's service time, failed ones included. */
  service: DurationSummary,
  /** The busy fraction of the stage's workers, serving (not held by a full next queue). */
  utilization: Seconds,
  queue: Schema.Struct({ maxDepth: Count, meanDepth: Seconds }),
  /** Items processed there (successfully) per second. */
  throughput: Seconds,
  /** Worker-seconds the stage's workers were held by a full next queue. */
  blockedTime: Seconds,
  dropped: Count,
  failed: Count,
  retried: Count,
  deadLettered: Count,
})
export type StageStatistics = typeof StageStatistics.Type

export const Statistics = Schema.Struct({
  mode: Schema.Literals(modes),
  seed: Schema.Int,
  elapsed: Seconds,
  /** How the whole run ended, and when (a window's figures still name the run's end). */
  end: Schema.Struct({ at: Seconds, reason: Schema.Literals(endReasons) }),
  produced: Count,
  consumed: Count,
  dropped: Count,
  /** Dropped over produced, both counted in the window; null when nothing was produced there. */
  dropRate: Schema.NullOr(Seconds),
  /** From an item's creation stamp until a consumer picks it up (the course's figure). */
  latency: DurationSummary,
  /** From creation until its processing finished. */
  sojourn: DurationSummary,
  queue: Schema.Struct({ maxDepth: Count, meanDepth: Seconds }),
  throughput: Seconds,
  /** The busy fraction of all consumers together, and of each by name (`consumer-1`, ...). */
  utilization: Schema.Struct({ consumers: Seconds, byConsumer: Schema.Record(Schema.String, Seconds) }),
  /** How often producers found the queue full and waited (`--when-full suspend`), and for how long. */
  producers: Schema.Struct({ blocked: Count, blockedTime: Seconds }),
  /** A pipeline's figures, by stage name (absent for the single queue). */
  stages: Schema.optionalKey(Schema.Record(Schema.String, StageStatistics)),
  /** A pipeline's items given up after their last failed attempt, over all stages. */
  deadLettered: Schema.optionalKey(Count),
  /** The pipeline's stage whose workers are busiest serving; null when none served. */
  bottleneck: Schema.optionalKey(Schema.NullOr(Schema.String)),
  /** Present only when the figures cover part of the run: its bounds, in seconds. */
  window: Schema.optionalKey(Schema.Struct({ from: Seconds, until: Seconds })),
  /** What ran: the resolved scenario, as in a recording's `meta.scenario`. */
  scenario: ScenarioJson,
})
export type Statistics = typeof Statistics.Type
