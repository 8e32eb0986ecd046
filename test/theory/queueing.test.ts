/**
 * The simulator's mean waiting time against the closed forms of queueing theory.
 *
 * Mode "async" with one producer is a FIFO queue with Poisson arrivals: the producer stamps an
 * item ("produced"), puts it in an unbounded queue and sleeps an exp(1/lambda) pause. Each of the
 * c consumers takes the next item ("dequeued") and sleeps a service time drawn from `process`. The
 * fold's `latency` (produced -> dequeued) is then the waiting time in queue, Wq.
 *
 * Tolerances. A run is one seeded sample, so its mean waiting time carries a sampling error. It is
 * estimated on the run itself by batch means: the waiting times, in pick-up order, are cut into 30
 * batches of ~6,700 items. At rho = 0.7 waiting times are correlated over tens to hundreds of
 * items, so batches that long have nearly independent means (their lag-1 correlation is checked),
 * and SE = sd(batch means) / sqrt(30). Each check asserts
 *   |simulated - theory| <= 4 SE
 * a 4-sigma band: a correct engine fails it with probability ~1e-4 per seed. Over seeds 1..20 and
 * this file's seed, 84 runs of 200,000 items, the worst deviation was 2.95 SE. The check also
 * asserts SE < 3.5% of the mean (worst seen: 3.1%), so the band is never wider than 14% and the
 * test cannot pass vacuously. For scale: with this seed, a mean service time 5% off makes Wq miss
 * by 19-30% (>= 9.6 SE) in every model, and 2% off by 8-11% (3.1-10.5 SE).
 * The start from an empty queue biases the mean by much less than SE (the M/M/1 relaxation time
 * at rho = 0.7 is ~26 arrivals, against 200,000 items), so no warm-up is dropped.
 *
 * The runs are seeded and use the fast virtual driver (held byte-identical to the TestClock
 * driver by test/engine/drivers.test.ts), so every figure is the same on every machine.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { RunEnd } from "../../src/core/engine/events.ts"
import { runToStatistics } from "../../src/core/run.ts"
import { meanMicros } from "../../src/core/scenario/distribution.ts"
import type { ScenarioInput } from "../../src/core/scenario/scenario.ts"
import { eventSink } from "../../src/core/sinks/sink.ts"
import type { Statistics } from "../../src/core/stats/statistics.ts"
import { resolveOrThrow } from "../support/runs.ts"
import {
  type BatchMeans,
  batchMeans,
  erlangB,
  erlangC,
  md1Wait,
  mg1Wait,
  mm1Wait,
  mmcWait,
} from "./closedForms.ts"

const seed = 2024
const items = 200_000
const batches = 30
const maxStandardErrors = 4
const maxRelativeStandardError = 0.035

interface ObservedRun {
  readonly statistics: Statistics
  readonly end: RunEnd
  /** Waiting time of each item in pick-up order, in seconds, recomputed here from the events. */
  readonly waits: Float64Array
  /** The time-integral of the queue depth over the run, in item-microseconds, recomputed here. */
  readonly depthArea: number
}

/**
 * Runs a scenario through the same path as `simulate` (runToStatistics, the fast virtual driver)
 * and, beside the statistics fold, recomputes from the events themselves what the checks need:
 * one waiting time per item and the integral of the queue depth. Each scenario runs once per file
 * (the Little's law checks reuse the runs of the theory checks).
 */
const runs = new Map<string, ObservedRun>()
const observe = (input: ScenarioInput): Effect.Effect<ObservedRun> =>
  Effect.suspend(() => {
    const key = JSON.stringify(input)
    const known = runs.get(key)
    if (known !== undefined) return Effect.succeed(known)
    const scenario = resolveOrThrow(input)
    const total = scenario.producers * scenario.itemsPerProducer
    const createdAt = new Float64Array(total + 1)
    const waits = new Float64Array(total)
    let picked = 0
    let depth = 0
    let depthArea = 0
    let lastAt = 0
    const recompute = eventSink((event) => {
      depthArea += depth * (event.at - lastAt)
      lastAt = event.at
      if (event.type === "produced") {
        createdAt[event.item ?? 0] = event.at
        depth++
      } else if (event.type === "dequeued") {
        waits[picked++] = (event.at - (createdAt[event.item ?? 0] ?? 0)) / 1_000_000
        depth--
      }
    })
    return Effect.map(runToStatistics(scenario, { recompute }), ({ statistics, end }) => {
      const observed = {
        statistics,
        end,
        waits: waits.subarray(0, picked),
        depthArea: depthArea + depth * (end.at - lastAt),
      }
      runs.set(key, observed)
      return observed
    })
  })

interface Model {
  readonly name: string
  readonly consumers: number
  readonly produce: string
  readonly process: string
  /** Wq in seconds from the closed form, given lambda and mu per second. */
  readonly theory: (lambda: number, mu: number) => number
}

/** lambda = 1/s and rho = lambda / (c mu) = 0.7 throughout. */
const models: ReadonlyArray<Model> = [
  { name: "M/M/1", consumers: 1, produce: "exp(1s)", process: "exp(700ms)", theory: mm1Wait },
  { name: "M/D/1", consumers: 1, produce: "exp(1s)", process: "700ms", theory: md1Wait },
  {
    // Pollaczek-Khinchine with E[S^2] = sd^2 + mean^2 of the log-normal service time.
    name: "M/G/1 (log-normal service)",
    consumers: 1,
    produce: "exp(1s)",
    process: "lognormal(700ms,350ms)",
    theory: (lambda, mu) => mg1Wait(lambda, mu, 0.35 ** 2 + 0.7 ** 2),
  },
  {
    name: "M/M/2",
    consumers: 2,
    produce: "exp(1s)",
    process: "exp(1400ms)",
    theory: (lambda, mu) => mmcWait(lambda, mu, 2),
  },
  {
    name: "M/M/3",
    consumers: 3,
    produce: "exp(1s)",
    process: "exp(2100ms)",
    theory: (lambda, mu) => mmcWait(lambda, mu, 3),
  },
]

const inputOf = (model: Model): ScenarioInput => ({
  mode: "async",
  producers: 1,
  items,
  consumers: model.consumers,
  produce: model.produce,
  process: model.process,
  seed,
})

/** Rates per second, read from the resolved scenario rather than restated by hand. */
const ratesOf = (model: Model) => {
  const scenario = resolveOrThrow(inputOf(model))
  const lambda = 1_000_000 / meanMicros(scenario.produce)
  const mu = 1_000_000 / meanMicros(scenario.process)
  return { lambda, mu, rho: lambda / (model.consumers * mu) }
}

const percent = (fraction: number) => `${(fraction * 100).toFixed(2)}%`

describe("queueing closed forms", () => {
  it("Erlang B and C match textbook values", () => {
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 12)
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 12)
    // c = 2, a = 1: C = 1/3. c = 3, a = 2: C = 4/9.
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12)
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12)
    // One server: the probability of waiting is rho.
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12)
  })

  it("Erlang C by recursion equals the textbook sum", () => {
    const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1))
    const direct = (c: number, a: number) => {
      const top = (a ** c / factorial(c)) * (c / (c - a))
      let sum = 0
      for (let k = 0; k < c; k++) sum += a ** k / factorial(k)
      return top / (sum + top)
    }
    for (const [c, a] of [
      [1, 0.3],
      [2, 1.4],
      [3, 2.1],
      [5, 4.5],
      [10, 7],
    ] as const) {
      expect(erlangC(c, a)).toBeCloseTo(direct(c, a), 12)
    }
  })

  it("waiting times match textbook values and agree with each other", () => {
    // M/M/1, lambda = 2, mu = 3: rho = 2/3, Wq = rho / (mu - lambda) = 2/3.
    expect(mm1Wait(2, 3)).toBeCloseTo(2 / 3, 12)
    // M/D/1, same rates: half the M/M/1 wait, 1/3.
    expect(md1Wait(2, 3)).toBeCloseTo(1 / 3, 12)
    // M/M/2, lambda = mu = 1: C(2, 1) / (2 - 1) = 1/3.
    expect(mmcWait(1, 1, 2)).toBeCloseTo(1 / 3, 12)
    // M/M/c with one server is M/M/1; P-K with E[S²] = 2/mu² (exponential) is M/M/1, with 1/mu² M/D/1.
    for (const [lambda, mu] of [
      [1, 1 / 0.7],
      [0.2, 0.9],
      [4, 5],
    ] as const) {
      expect(mmcWait(lambda, mu, 1)).toBeCloseTo(mm1Wait(lambda, mu), 12)
      expect(mg1Wait(lambda, mu, 2 / mu ** 2)).toBeCloseTo(mm1Wait(lambda, mu), 12)
      expect(mg1Wait(lambda, mu, 1 / mu ** 2)).toBeCloseTo(md1Wait(lambda, mu), 12)
    }
    // The models simulated below.
    expect(mm1Wait(1, 1 / 0.7)).toBeCloseTo(0.7 / (1 / 0.7 - 1), 12)
    expect(mmcWait(1, 1 / 1.4, 2)).toBeCloseTo(erlangC(2, 1.4) / (2 / 1.4 - 1), 12)
    expect(() => mm1Wait(1, 1)).toThrow(RangeError)
    expect(() => mmcWait(3, 1, 2)).toThrow(RangeError)
  })

  it("batch means give the spread of the batch averages", () => {
    // Four batches of two values with means 0, 1, 2, 3: sd = sqrt(5/3), SE = sd / 2.
    const estimate = batchMeans([0, 0, 1, 1, 2, 2, 3, 3, 99], 4)
    expect(estimate.batchSize).toBe(2)
    expect(estimate.mean).toBeCloseTo((12 + 99) / 9, 12)
    expect(estimate.standardError).toBeCloseTo(Math.sqrt(5 / 3) / 2, 12)
    expect(batchMeans([5, 5, 5, 5], 2).standardError).toBe(0)
  })
})

describe("the async engine against queueing theory (seeded, 200,000 items, rho = 0.7)", () => {
  for (const model of models) {
    it.effect(
      `${model.name}: ${model.consumers} consumer(s), produce ${model.produce}, process ${model.process}`,
      () =>
        Effect.gen(function* () {
          const { lambda, mu, rho } = ratesOf(model)
          expect(rho).toBeCloseTo(0.7, 12)
          const run = yield* observe(inputOf(model))
          const { statistics, waits } = run
          expect(run.end.reason).toBe("completed")
          expect(statistics.produced).toBe(items)
          expect(waits.length).toBe(items)

          const estimate: BatchMeans = batchMeans(waits, batches)
          const simulated = statistics.latency.mean ?? Number.NaN
          // The fold's figure is the mean of the same waits, rounded to the microsecond.
          expect(Math.abs(simulated - estimate.mean)).toBeLessThanOrEqual(1e-6)
          const theory = model.theory(lambda, mu)
          const relativeError = (simulated - theory) / theory
          const relativeStandardError = estimate.standardError / estimate.mean
          console.log(
            `${model.name} lambda=${lambda}/s mu=${mu.toFixed(6)}/s c=${model.consumers}: ` +
              `Wq simulated ${simulated.toFixed(6)} s, theory ${theory.toFixed(6)} s, ` +
              `error ${percent(relativeError)} = ${((simulated - theory) / estimate.standardError).toFixed(2)} SE, ` +
              `SE ${percent(relativeStandardError)}, tolerance ${percent(maxStandardErrors * relativeStandardError)}`,
          )

          expect(relativeStandardError).toBeLessThan(maxRelativeStandardError)
          // Batches long enough to be nearly independent (30 batch means: noise alone is ~ ±0.35).
          expect(Math.abs(estimate.lag1)).toBeLessThan(0.6)
          expect(Math.abs(simulated - theory)).toBeLessThanOrEqual(maxStandardErrors * estimate.standardError)
        }),
    )
  }
})

describe("Little's law on a finished run", () => {
  /*
   * Recomputed here from the events, independently of the statistics fold: the queue depth steps
   * up at "produced" and down at "dequeued", and the run only ends once every item has been picked
   * up, so the time-integral of the depth is exactly the sum of the waiting times (both in integer
   * microseconds): L = lambda W holds with no end effect. The fold's meanDepth must equal L, and its
   * latency.mean W, to its rounding (1e-6).
   */
  for (const model of models) {
    it.effect(`${model.name}: mean queue depth = arrival rate x mean wait, and the fold agrees`, () =>
      Effect.gen(function* () {
        const { statistics, end, waits, depthArea } = yield* observe(inputOf(model))
        expect(statistics.consumed).toBe(statistics.produced)
        const elapsedMicros = end.at
        const meanDepth = depthArea / elapsedMicros
        let totalWaitMicros = 0
        for (const wait of waits) totalWaitMicros += Math.round(wait * 1_000_000)
        const arrivalRatePerMicro = waits.length / elapsedMicros
        const meanWaitMicros = totalWaitMicros / waits.length
        expect(meanDepth).toBeGreaterThan(0.5)
        expect(Math.abs(meanDepth - arrivalRatePerMicro * meanWaitMicros)).toBeLessThanOrEqual(
          1e-9 * meanDepth,
        )
        expect(Math.abs(statistics.queue.meanDepth - meanDepth)).toBeLessThanOrEqual(0.5e-6 + 1e-12)
        expect(Math.abs((statistics.latency.mean ?? Number.NaN) - meanWaitMicros / 1e6)).toBeLessThanOrEqual(
          0.5e-6 + 1e-12,
        )
      }),
    )
  }
})
