/**
 * The offered load of a scenario: how much work arrives per worker, from the distributions' means
 * alone, before anything runs. Arrival rate times mean service time over the consumers: at or above
 * 1 the consumers cannot keep up, however the run goes, and its figures say more about how long it
 * ran than about the system.
 *
 * Arrivals: each producer makes an item, hands it over and pauses (engine.ts). Handing over takes no
 * time of its own: it returns at once, or waits for room, which is the queue holding arrivals back
 * (what the load decides), not a cost of the producer. So a producer's items come one per mean
 * pause, and producers that run together add up; the sync program runs its producers one after the
 * other, so only one at a time makes items.
 *
 * A pipeline's stages each get their own load: the items reaching a stage (the traffic equations
 * of a network of queues: what the routes send there, of what finished upstream) times its attempts
 * per item (1 + p + ... + p^retries, a failed attempt taking its service time too), times its mean
 * service, over its workers. Drops and blocking are left out: they are what an offered load causes,
 * not what it is. The pipeline's load is its most loaded stage's.
 */
import { meanMicros } from "./distribution.ts"
import type { Scenario } from "./scenario.ts"
import type { Stage } from "./stages.ts"

export interface OfferedLoad {
  /** Items arriving per second on average; null when every item comes at once (pauses of no time). */
  readonly arrivalRate: number | null
  /** Mean service time of an item, in seconds. */
  readonly meanService: number
  readonly workers: number
  /** Arrival rate times mean service time over the workers; null when every item comes at once. */
  readonly perWorker: number | null
  /** At or above 1 per worker: the queue cannot drain. */
  readonly unstable: boolean
}

/** A pipeline's load: its most loaded stage's figures (first of equals), named, and every stage's by name. */
export interface PipelineLoad extends OfferedLoad {
  readonly stage: string
  readonly stages: Readonly<Record<string, OfferedLoad>>
}

/** Figures kept to six decimals, as the statistics object keeps its own. */
const rounded = (value: number): number => Math.round(value * 1e6) / 1e6

/** Producers making items at the same time. */
const producersAtOnce = (scenario: Scenario): number =>
  scenario.start === "together" ? scenario.producers : 1

/**
 * The load of `workers` serving `visits` attempts per produced item, each of `serviceMicros` on
 * average, when producers make one item per `gapMicros` each.
 */
const loadOf = (
  producers: number,
  gapMicros: number,
  visits: number,
  serviceMicros: number,
  workers: number,
): OfferedLoad => {
  const meanService = rounded(serviceMicros / 1_000_000)
  if (gapMicros === 0) {
    return { arrivalRate: null, meanService, workers, perWorker: null, unstable: serviceMicros > 0 }
  }
  // From the exact means, so that a load of exactly 1 is judged unstable, not rounded either way.
  const perWorker = (producers * visits * serviceMicros) / (gapMicros * workers)
  return {
    arrivalRate: rounded((producers * visits * 1_000_000) / gapMicros),
    meanService,
    workers,
    perWorker: rounded(perWorker),
    unstable: perWorker >= 1,
  }
}

/** Attempts an item makes at a stage per entry: 1 + p + ... + p^retries. */
const attemptsPerEntry = (stage: Stage): number => {
  let attempts = 0
  for (let retry = 0, chance = 1; retry <= stage.retries; retry++, chance *= stage.fail) attempts += chance
  return attempts
}

/** Where a stage sends its finished items: each stage's share of them. */
const routeShares = (stage: Stage, count: number): ReadonlyArray<number> => {
  const shares = new Array<number>(count).fill(0)
  const { route } = stage
  if (route.kind === "stage") shares[route.stage] = 1
  else if (route.kind === "branches") {
    const total = route.branches.reduce((sum, branch) => sum + branch.weight, 0)
    for (const branch of route.branches)
      shares[branch.stage] = (shares[branch.stage] ?? 0) + branch.weight / total
  }
  return shares
}

/**
 * Entries into each stage per produced item: e = first + e M, M[j][i] the share of stage j's entries
 * that finish there and go on to i. Solved by Gaussian elimination (a refused trap aside, every
 * route's items leave in the end, so the system has one solution).
 */
const entriesPerItem = (stages: ReadonlyArray<Stage>): ReadonlyArray<number> => {
  const count = stages.length
  // Rows: for each stage i, e_i - sum_j e_j M[j][i] = (i === 0 ? 1 : 0).
  const matrix = stages.map((_, i) => [
    ...stages.map((from, j) => {
      const finished = 1 - from.fail ** (from.retries + 1)
      return (i === j ? 1 : 0) - finished * (routeShares(from, count)[i] ?? 0)
    }),
    i === 0 ? 1 : 0,
  ])
  for (let column = 0; column < count; column++) {
    let pivot = column
    for (let row = column + 1; row < count; row++)
      if (Math.abs(matrix[row]?.[column] ?? 0) > Math.abs(matrix[pivot]?.[column] ?? 0)) pivot = row
    ;[matrix[column], matrix[pivot]] = [matrix[pivot] as Array<number>, matrix[column] as Array<number>]
    const lead = matrix[column] as Array<number>
    for (let row = 0; row < count; row++) {
      if (row === column) continue
      const current = matrix[row] as Array<number>
      const factor = (current[column] ?? 0) / (lead[column] ?? 1)
      for (let k = column; k <= count; k++) current[k] = (current[k] ?? 0) - factor * (lead[k] ?? 0)
    }
  }
  return matrix.map((row, i) => (row[count] ?? 0) / (row[i] ?? 1))
}

const pipelineLoad = (scenario: Scenario, stages: ReadonlyArray<Stage>): PipelineLoad => {
  const gapMicros = meanMicros(scenario.produce)
  const producers = producersAtOnce(scenario)
  const entries = entriesPerItem(stages)
  const loads = stages.map((stage, index) =>
    loadOf(
      producers,
      gapMicros,
      (entries[index] ?? 0) * attemptsPerEntry(stage),
      meanMicros(stage.process),
      stage.workers,
    ),
  )
  let busiest = 0
  loads.forEach((load, index) => {
    if ((load.perWorker ?? 0) > (loads[busiest]?.perWorker ?? 0)) busiest = index
  })
  const top = loads[busiest] as OfferedLoad
  return {
    arrivalRate: gapMicros === 0 ? null : rounded((producers * 1_000_000) / gapMicros),
    meanService: top.meanService,
    workers: top.workers,
    perWorker: top.perWorker,
    unstable: loads.some((load) => load.unstable),
    stage: (stages[busiest] as Stage).name,
    // fromEntries makes every name an own key, even one such as "__proto__".
    stages: Object.fromEntries(stages.map((stage, index) => [stage.name, loads[index] as OfferedLoad])),
  }
}

export const offeredLoad = (scenario: Scenario): OfferedLoad | PipelineLoad =>
  scenario.stages === null
    ? loadOf(
        producersAtOnce(scenario),
        meanMicros(scenario.produce),
        1,
        meanMicros(scenario.process),
        scenario.consumers,
      )
    : pipelineLoad(scenario, scenario.stages)

/** The per-stage figures, when the load is a pipeline's. */
export const isPipelineLoad = (load: OfferedLoad): load is PipelineLoad => "stages" in load
