/**
 * The statistics object as a run's page embeds it: the `--json` object, except that a per-consumer
 * utilization list longer than a page's lanes keeps only its least and most busy consumer (as the
 * terminal's statistics block does), so a run of 100,000 actors makes no 100,000-row table.
 * The page's table says how many it left out; `--json` has them all.
 */
import { leastAndMostBusy } from "../stats/busiestConsumers.ts"
import type { Statistics } from "../stats/statistics.ts"
import { mostLanesPerRole } from "./actorLanes.ts"

export const pageStatistics = (statistics: Statistics): Statistics => {
  const { byConsumer } = statistics.utilization
  if (Object.keys(byConsumer).length <= mostLanesPerRole) return statistics
  const extremes = leastAndMostBusy(byConsumer)
  const kept = extremes === undefined ? [] : [extremes.least, extremes.most]
  return {
    ...statistics,
    utilization: {
      ...statistics.utilization,
      byConsumer: Object.fromEntries(kept.map(({ name, fraction }) => [name, fraction])),
    },
  }
}
