/**
 * Builds the sweep's result from the stored figures of its runs. Rows are in grid order and every
 * figure comes from the (configuration, replication)-indexed store, summed in replication order,
 * so the same runs give the same bytes whatever order they finished in, on however many workers or
 * shares. A share's partial result is built the same way from its own pairs, plus the `shard`
 * field that merge needs; its rows are only those of the configurations the share ran.
 *
 * Verdicts are judged on the exact intervals; the figures shown are rounded to 1e-6, like the
 * statistics object's.
 */
import { roundToMicros } from "../stats/summary.ts"
import { answerOf, standingOf } from "./answer.ts"
import { gridStride } from "./grid.ts"
import { confidenceInterval, type Interval, pairedDifferences } from "./intervals.ts"
import type { SweepShape } from "./plan.ts"
import type { ReplicationResults } from "./replicationResults.ts"
import type { MetricSummary, Row, SweepIdentity, SweepResult } from "./resultSchema.ts"
import { replicationSeeds } from "./seeds.ts"
import type { ShardSpec } from "./shards.ts"
import { targetKey } from "./targets.ts"
import { type Judgement, judge } from "./verdict.ts"

const rounded = (value: number | null): number | null => (value === null ? null : roundToMicros(value))

export const summarize = (interval: Interval): MetricSummary => ({
  mean: rounded(interval.mean),
  halfWidth: rounded(interval.halfWidth),
  min: rounded(interval.min),
  max: rounded(interval.max),
  ...(interval.missing > 0 ? { missing: interval.missing } : {}),
})

/** One metric of one configuration, by replication: undefined where the pair did not run here. */
const column = (
  results: ReplicationResults,
  configuration: number,
  metric: number,
): ReadonlyArray<number | null | undefined> =>
  Array.from({ length: results.replications }, (_, index) => {
    const values = results.get({ configuration, replication: index + 1 })
    return values === undefined ? undefined : (values[metric] ?? null)
  })

const ran = (values: ReadonlyArray<number | null | undefined>): ReadonlyArray<number | null> =>
  values.filter((value): value is number | null => value !== undefined)

export interface ShareOf {
  readonly spec: ShardSpec
  /** `NAME@VERSION` of the program that runs the share. */
  readonly generator: string
  readonly sweep: SweepIdentity
}

/** The result of the sweep (or, with `share`, of that share) from the figures in `results`. */
export const assembleResult = (
  shape: SweepShape,
  results: ReplicationResults,
  share?: ShareOf | undefined,
): SweepResult => {
  const { confidence, metrics } = shape
  const seeds = replicationSeeds(shape.baseSeed, shape.replications)
  const sizes = shape.varied.map(({ values }) => values.length)
  const intervals = shape.parameters.map((_, configuration) =>
    metrics.map((_, metric) => confidenceInterval(ran(column(results, configuration, metric)), confidence)),
  )
  const judgements = intervals.map((byMetric) =>
    shape.targets.map((target) =>
      judge(target, byMetric[metrics.indexOf(target.metric)] as Interval, confidence),
    ),
  )
  // A share's rows are those of the configurations it ran: one of many small shares would otherwise
  // carry thousands of empty rows, and the merge read them all from every share.
  const shown = shape.parameters.flatMap((parameters, configuration) =>
    share === undefined || column(results, configuration, 0).some((value) => value !== undefined)
      ? [{ parameters, configuration }]
      : [],
  )
  const rows: Array<Row> = shown.map(({ parameters, configuration }) => ({
    parameters,
    load: shape.loads[configuration] as Row["load"],
    seeds,
    metrics: Object.fromEntries(
      metrics.map((metric, index) => [metric, summarize(intervals[configuration]?.[index] as Interval)]),
    ),
    targets: shape.targets.map((target, index) => ({
      target: targetKey(target),
      ...(judgements[configuration]?.[index] as Judgement),
    })),
    differences: shape.varied.flatMap(({ name, values }, position) => {
      const stride = gridStride(sizes, position)
      const digit = Math.floor(configuration / stride) % values.length
      if (digit + 1 >= values.length) return []
      const neighbour = configuration + stride
      return [
        {
          parameter: name,
          from: values[digit] ?? null,
          to: values[digit + 1] ?? null,
          metrics: Object.fromEntries(
            metrics.map((metric, index) => {
              const paired = pairedDifferences(
                column(results, configuration, index).map((value) => value ?? null),
                column(results, neighbour, index).map((value) => value ?? null),
              )
              // A pair counts once both runs happened, whether or not they had a value.
              const bothRan = paired.filter(
                (_, replication) =>
                  results.has({ configuration, replication: replication + 1 }) &&
                  results.has({ configuration: neighbour, replication: replication + 1 }),
              )
              return [metric, summarize(confidenceInterval(bothRan, confidence))]
            }),
          ),
        },
      ]
    }),
  }))

  const answer =
    share === undefined
      ? answerOf(shape.varied, shape.parameters, shape.targets, judgements.map(standingOf))
      : {
          sentence: `share ${share.spec.index}/${share.spec.count} only: merge all ${share.spec.count} shares for the answer`,
          chosen: [],
        }
  return {
    replications: shape.replications,
    confidence,
    warmup: shape.warmupMicros / 1_000_000,
    baseSeed: shape.baseSeed,
    varied: shape.varied.map(({ name }) => name),
    scenario: shape.fixed,
    rows,
    answer: answer.sentence,
    chosen: answer.chosen,
    ...(share === undefined
      ? {}
      : {
          shard: {
            index: share.spec.index,
            count: share.spec.count,
            generator: share.generator,
            sweep: share.sweep,
            pairs: results.done().map((pair) => ({
              row: pair.configuration + 1,
              replication: pair.replication,
              values: results.get(pair) ?? [],
            })),
          },
        }),
  }
}

/**
 * The bytes `--json` prints and `--out` writes: one line of JSON. One spelling for the unsharded
 * sweep, a share and a merge, so that "the same result" can mean the same bytes.
 */
export const resultJson = (result: SweepResult): string => `${JSON.stringify(result)}\n`
