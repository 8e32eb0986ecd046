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
  /** Present only when the figures cover part of the run: its bounds, in seconds. */
  window: Schema.optionalKey(Schema.Struct({ from: Seconds, until: Seconds })),
  /** What ran: the resolved scenario, as in a recording's `meta.scenario`. */
  scenario: ScenarioJson,
})
export type Statistics = typeof Statistics.Type
