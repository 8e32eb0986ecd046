/**
 * A pipeline's engine against the theory of queueing networks, from its events alone.
 *
 * Jackson's theorem: in a tandem of stages fed by Poisson arrivals at rate lambda, each with
 * exponential service and an unbounded queue, every stage behaves as an M/M/c queue with that same
 * arrival rate, so its mean wait is the M/M/c closed form at lambda.
 *
 * Retries: an attempt that fails with probability p comes back after its backoff, at most r times,
 * so the stage is offered lambda (1 + p + ... + p^r) attempts per second. With exponential service
 * that does not depend on the attempt, FCFS, and the backoff a delay station, the network stays of
 * product form (BCMP, classes by attempt number), so the wait per visit is the M/M/c form at that
 * raised rate.
 *
 * Tolerance: each mean is within 5% of theory, on one long seeded run per model (the runs are
 * deterministic, so the figures are the same on every machine); the batch-means standard error of
 * each mean is also asserted below 2% so that the band is not vacuous.
 *
 * Little's law, time-average depth = arrival rate x mean wait, holds exactly for every queue of a
 * run that starts and ends empty: checked here from the events' own depth integral.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { runScenario } from "../../src/core/engine/engine.ts"
import type { SimEvent } from "../../src/core/engine/events.ts"
import { runOnFastVirtualClock } from "../../src/core/engine/virtualDriver.ts"
import type { ScenarioInput } from "../../src/core/scenario/scenario.ts"
import { parseStage } from "../../src/core/scenario/stageText.ts"
import { resolveOrThrow } from "../support/runs.ts"
import { batchMeans, mmcWait } from "./closedForms.ts"

const seed = 2024

interface StageObservation {
  /** Each wait in the stage's queue, in seconds, in pick-up order. */
  readonly waits: Array<number>
  /** The time-integral of the queue's depth, in item-seconds. */
  depthArea: number
  depth: number
  lastAt: number
  entries: number
  /** Worker-seconds held by a full next queue. */
  heldSeconds: number
  maxDepthAtInstantEnd: number
}

/** Runs the scenario on the fast driver and measures each stage's queue from the events. */
const observe = (input: ScenarioInput) =>
  Effect.gen(function* () {
    const scenario = resolveOrThrow(input)
    const stages = new Map<string, StageObservation>()
    const of = (name: string) => {
      let known = stages.get(name)
      if (known === undefined) {
        known = {
          waits: [],
          depthArea: 0,
          depth: 0,
          lastAt: 0,
          entries: 0,
          heldSeconds: 0,
          maxDepthAtInstantEnd: 0,
        }
        stages.set(name, known)
      }
      return known
    }
    const enteredAt = new Map<string, number>()
    const heldSince = new Map<string, number>()
    const counts = new Map<string, number>()
    let previous: SimEvent | undefined
    const onEvent = (event: SimEvent) => {
      counts.set(event.type, (counts.get(event.type) ?? 0) + 1)
      if (previous !== undefined && previous.at !== event.at) {
        for (const stage of stages.values())
          stage.maxDepthAtInstantEnd = Math.max(stage.maxDepthAtInstantEnd, stage.depth)
      }
      previous = event
      const name = event.stage
      if (name === undefined) return
      const stage = of(name)
      const move = (by: number) => {
        stage.depthArea += (stage.depth * (event.at - stage.lastAt)) / 1e6
        stage.lastAt = event.at
        stage.depth += by
      }
      const key = `${name}/${event.item}`
      switch (event.type) {
        case "produced":
        case "forwarded":
        case "retried":
          enteredAt.set(key, event.at)
          stage.entries++
          move(+1)
          break
        case "held":
          heldSince.set(event.actor, event.at)
          move(-1)
          break
        case "handedOn":
          stage.heldSeconds += (event.at - (heldSince.get(event.actor) ?? event.at)) / 1e6
          enteredAt.set(key, event.at)
          move(+1)
          break
        case "dequeued":
          stage.waits.push((event.at - (enteredAt.get(key) ?? Number.NaN)) / 1e6)
          move(-1)
          break
      }
    }
    const end = yield* runOnFastVirtualClock(runScenario(scenario, onEvent))
    for (const stage of stages.values()) {
      stage.depthArea += (stage.depth * (end.at - stage.lastAt)) / 1e6
    }
    return { end, stages, counts }
  })

const mean = (values: ReadonlyArray<number>) => values.reduce((sum, value) => sum + value, 0) / values.length

const stages = (...texts: ReadonlyArray<string>) => texts.map((text) => Result.getOrThrow(parseStage(text)))

describe("a pipeline against queueing theory", () => {
  it.effect(
    "a tandem of exponential stages agrees with Jackson's theorem, stage by stage, and Little's law holds for every queue",
    () =>
      Effect.gen(function* () {
        const lambda = 1
        // Utilizations 0.6, 0.6 and 0.5.
        const tandem = [
          { name: "receive", workers: 1, meanService: 0.6 },
          { name: "parse", workers: 2, meanService: 1.2 },
          { name: "store", workers: 1, meanService: 0.5 },
        ]
        const run = yield* observe({
          producers: 1,
          items: 200_000,
          produce: "exp(1s)",
          seed,
          stages: stages(
            ...tandem.map(
              ({ name, workers, meanService }) =>
                `${name}:workers=${workers},process=exp(${meanService * 1000}ms)`,
            ),
          ),
        })
        expect(run.end.reason).toBe("completed")
        const table = tandem.map(({ name, workers, meanService }) => {
          const observed = run.stages.get(name) as StageObservation
          const theory = mmcWait(lambda, 1 / meanService, workers)
          const measured = mean(observed.waits)
          const { standardError } = batchMeans(observed.waits, 30)
          return {
            name,
            theory,
            measured,
            relativeError: Math.abs(measured - theory) / theory,
            relativeSE: standardError / measured,
            observed,
          }
        })
        for (const row of table) {
          expect(
            row.relativeError,
            `${row.name}: theory ${row.theory}, measured ${row.measured}`,
          ).toBeLessThan(0.05)
          expect(row.relativeSE).toBeLessThan(0.02)
          // Little: the depth integral equals the sum of the waits (both in item-seconds).
          const waited = row.observed.waits.reduce((sum, wait) => sum + wait, 0)
          expect(row.observed.depthArea).toBeCloseTo(waited, 3)
        }
      }),
    120_000,
  )

  it.effect(
    "failures with retries raise a stage's arrival rate to lambda (1 + p + ... + p^r), and its wait with it",
    () =>
      Effect.gen(function* () {
        const lambda = 1
        const p = 0.3
        const retries = 2
        const meanService = 0.5
        const run = yield* observe({
          producers: 1,
          items: 100_000,
          produce: "exp(1s)",
          seed,
          stages: stages(`work:process=exp(500ms),fail=${p},retries=${retries},backoff=exp(200ms)`),
        })
        const work = run.stages.get("work") as StageObservation
        const raised = lambda * (1 + p + p ** 2)
        // Attempts per item produced.
        expect(work.entries / 100_000).toBeGreaterThan((1 + p + p ** 2) * 0.98)
        expect(work.entries / 100_000).toBeLessThan((1 + p + p ** 2) * 1.02)
        // Dead letters: p^(r+1) of the items.
        expect((run.counts.get("deadLettered") ?? 0) / 100_000).toBeCloseTo(p ** 3, 2)
        const theory = mmcWait(raised, 1 / meanService, 1)
        const measured = mean(work.waits)
        expect(Math.abs(measured - theory) / theory, `theory ${theory}, measured ${measured}`).toBeLessThan(
          0.05,
        )
        // Without the raise the theory would be far off: the check can tell.
        expect(Math.abs(measured - mmcWait(lambda, 1 / meanService, 1)) / measured).toBeGreaterThan(0.3)
      }),
    120_000,
  )

  it.effect(
    "a bounded downstream queue holds upstream workers, never holds more than its bound, and Little's law holds",
    () =>
      Effect.gen(function* () {
        const run = yield* observe({
          producers: 1,
          items: 20_000,
          produce: "exp(1s)",
          seed,
          stages: stages("fetch:workers=2,process=exp(800ms)", "index:process=exp(850ms),capacity=2"),
        })
        const fetch = run.stages.get("fetch") as StageObservation
        const index = run.stages.get("index") as StageObservation
        expect(index.heldSeconds).toBeGreaterThan(100)
        expect(run.counts.get("held")).toBe(run.counts.get("handedOn"))
        expect(index.maxDepthAtInstantEnd).toBe(2)
        for (const stage of [fetch, index]) {
          expect(stage.depthArea).toBeCloseTo(
            stage.waits.reduce((sum, wait) => sum + wait, 0),
            3,
          )
        }
        // Held workers serve nothing, so the stage above waits longer than without the bound.
        expect(mean(fetch.waits)).toBeGreaterThan(mmcWait(1, 1 / 0.8, 2))
      }),
    120_000,
  )
})
