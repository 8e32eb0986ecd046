/**
 * A pipeline's stages, as Ciw keeps one node per station and routes between them: each stage is a
 * queue (the same hand-over as the course's single queue, handOver.ts) and its workers, Effect
 * fibers. The producers feed the first stage's queue; a worker takes an item, serves it, and on
 * success forwards it by the stage's route, holding it while the next queue is full (Type I
 * blocking); on failure the item waits its backoff and enters the same queue again, or after its
 * last allowed attempt is dead-lettered. The queues end once production has ended and no item is
 * left anywhere (in a queue, with a worker, or in a backoff), which also covers routes with cycles.
 */
import * as Effect from "effect/Effect"
import type * as Fiber from "effect/Fiber"
import * as Random from "effect/Random"
import type { ActorRoster } from "../lifecycle/actorRoster.ts"
import { sampler } from "../scenario/distribution.ts"
import type { Route, Stage } from "../scenario/stages.ts"
import { workerName } from "../scenario/stages.ts"
import type { EventListener, EventType, RunActor } from "./events.ts"
import { type HandOver, type Item, type ItemEvent, makeHandOver } from "./handOver.ts"

export interface Pipeline {
  /** The first stage's queue, which the producers feed. */
  readonly entry: HandOver
  /** How the producers report their events: tagged with the first stage, and counted in. */
  readonly producerEvent: EventListener
  /** Starts every stage's workers. */
  readonly startWorkers: Effect.Effect<ReadonlyArray<Fiber.Fiber<void>>>
  /** Every producer has finished: the queues end as soon as no item is left in the pipeline. */
  readonly productionEnded: Effect.Effect<void>
}

export interface PipelineClock {
  readonly now: () => number
  readonly sleepMicros: (micros: number) => Effect.Effect<void>
  /** Runs an effect with the actor's own seeded Random stream. */
  readonly withActorSeed: (actor: string) => <A>(effect: Effect.Effect<A>) => Effect.Effect<A>
  /** The run's actors, which number the stages' workers. */
  readonly roster: ActorRoster
}

const range = (count: number): ReadonlyArray<number> => Array.from({ length: count }, (_, i) => i + 1)

/** The stage a finished item goes to next, or -1 to leave; `draw` is in [0, 1), used only for branches. */
const nextStage = (route: Route, draw: () => number): number => {
  switch (route.kind) {
    case "leave":
      return -1
    case "stage":
      return route.stage
    case "branches": {
      const total = route.branches.reduce((sum, branch) => sum + branch.weight, 0)
      let point = draw() * total
      for (const branch of route.branches) {
        point -= branch.weight
        if (point < 0) return branch.stage
      }
      return (route.branches[route.branches.length - 1] as { readonly stage: number }).stage
    }
  }
}

export const makePipeline = (
  stages: ReadonlyArray<Stage>,
  onEvent: EventListener,
  clock: PipelineClock,
): Effect.Effect<Pipeline> =>
  Effect.gen(function* () {
    const { now, sleepMicros } = clock
    // Items produced and not yet departed, dropped or dead-lettered.
    let inPipeline = 0
    let productionOver = false
    let ended = false

    /** What a stage's queue reports, under the names it has there (see `forwarding`). */
    const queueReport =
      (stage: Stage, names: Readonly<Partial<Record<string, EventType>>> = {}): ItemEvent =>
      (type, actor, message) => {
        if (type === "dropped") inPipeline--
        const named = names[type] ?? type
        onEvent(
          {
            at: now(),
            type: named,
            actor: actor.name,
            item: message.item,
            value: message.value,
            stage: stage.name,
          },
          actor.index,
        )
      }
    // A worker forwarding its item to a full queue is held by it (Type I blocking), not blocked as a
    // producer is. A retry that waits for room is no actor's wait: `retried` says when it got in.
    const forwarding = stages.map((stage) => queueReport(stage, { blocked: "held", enqueued: "handedOn" }))
    const unreported: ItemEvent = () => undefined
    const handOvers: Array<HandOver> = []
    for (const stage of stages) {
      handOvers.push(yield* makeHandOver({ ...stage, scheduling: "fifo" }, queueReport(stage)))
    }
    /**
     * Ends every queue once nothing can arrive any more; called wherever an item may have left.
     * Answers the effect that ends them, or undefined while items are left (the hot path, which
     * then builds no effect).
     */
    const endIfEmpty = (): Effect.Effect<void> | undefined => {
      if (ended || !productionOver || inPipeline > 0) return undefined
      ended = true
      return Effect.forEach(handOvers, (handOver) => handOver.end, { discard: true })
    }

    // Each event is one object literal (no spread): this runs for every event of a pipeline.
    const stageEvent = (type: EventType, actor: RunActor, stage: Stage, message: Item) =>
      onEvent(
        { at: now(), type, actor: actor.name, item: message.item, value: message.value, stage: stage.name },
        actor.index,
      )
    const failedEvent = (actor: RunActor, stage: Stage, message: Item, attempt: number) =>
      onEvent(
        {
          at: now(),
          type: "failed",
          actor: actor.name,
          item: message.item,
          value: message.value,
          stage: stage.name,
          attempt,
        },
        actor.index,
      )

    // Failed attempts so far of each item now in a stage, whichever worker served it.
    const failuresByStage = stages.map(() => new Map<number, number>())

    const worker = (stageIndex: number, index: number) => {
      const stage = stages[stageIndex] as Stage
      const queue = handOvers[stageIndex] as HandOver
      const actor: RunActor = {
        name: workerName(stage.name, index),
        index: clock.roster.workerIndex(stageIndex, index),
      }
      const failures = failuresByStage[stageIndex] as Map<number, number>
      return Effect.gen(function* () {
        const random = yield* Random.Random
        const drawService = sampler(stage.process, random)
        const drawBackoff = sampler(stage.backoff, random)
        const draw = () => random.nextDoubleUnsafe()
        const waitForItem = queue.makeWait()
        while (true) {
          let message = queue.takeNow()
          while (message === null) {
            yield* waitForItem
            message = queue.takeNow()
          }
          if (message === undefined) return
          stageEvent("dequeued", actor, stage, message)
          yield* sleepMicros(drawService())
          if (stage.fail > 0 && draw() < stage.fail) {
            const attempt = (failures.get(message.item) ?? 0) + 1
            failedEvent(actor, stage, message, attempt)
            if (attempt > stage.retries) {
              failures.delete(message.item)
              stageEvent("deadLettered", actor, stage, message)
              inPipeline--
              const ending = endIfEmpty()
              if (ending !== undefined) yield* ending
              continue
            }
            failures.set(message.item, attempt)
            // The backoff is the item's pause, not the worker's: it waits apart while the worker goes on.
            const pause = drawBackoff()
            yield* Effect.forkChild(
              Effect.gen(function* () {
                yield* sleepMicros(pause)
                if (queue.wouldWait()) {
                  // No actor waits here, the item does: it is reported when it gets in.
                  yield* queue.put(message, actor, unreported) ?? Effect.void
                  stageEvent("retried", actor, stage, message)
                } else {
                  stageEvent("retried", actor, stage, message)
                  yield* queue.put(message, actor) ?? Effect.void
                }
                const ending = endIfEmpty()
                if (ending !== undefined) yield* ending
              }),
            )
            continue
          }
          // Only a stage whose attempts can fail keeps failures.
          if (stage.fail > 0) failures.delete(message.item)
          stageEvent("processed", actor, stage, message)
          const next = nextStage(stage.route, draw)
          if (next < 0) {
            stageEvent("departed", actor, stage, message)
            inPipeline--
            const ending = endIfEmpty()
            if (ending !== undefined) yield* ending
            continue
          }
          const target = stages[next] as Stage
          const downstream = handOvers[next] as HandOver
          stageEvent("forwarded", actor, target, message)
          // The worker waits here while the queue is full: it keeps the item and serves nothing else.
          const offering = downstream.put(message, actor, forwarding[next])
          if (offering !== undefined) yield* offering
          const ending = endIfEmpty()
          if (ending !== undefined) yield* ending
        }
      }).pipe(clock.withActorSeed(actor.name))
    }

    const firstStage = (stages[0] as Stage).name
    return {
      entry: handOvers[0] as HandOver,
      producerEvent: (event, actor) => {
        if (event.type === "produced") inPipeline++
        const { at, type, item, value, index } = event
        onEvent({ at, type, actor: event.actor, item, value, index, stage: firstStage }, actor)
      },
      startWorkers: Effect.forEach(stages, (stage, stageIndex) =>
        Effect.forEach(range(stage.workers), (index) => Effect.forkChild(worker(stageIndex, index))),
      ).pipe(Effect.map((fibers) => fibers.flat())),
      productionEnded: Effect.suspend(() => {
        productionOver = true
        return endIfEmpty() ?? Effect.void
      }),
    }
  })
