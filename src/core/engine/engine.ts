/**
 * The producer/consumer program itself, in the shape of the course's programs: producers make items
 * and hand them over, consumers take and process them, started together (or production first, as the
 * sync program does), cut off by a timeout or a stop request. It reads time only through Effect's
 * `Clock` and draws only from Effect's `Random`, so it does not know whether a virtual or the real
 * clock runs it. The queue and its full-queue policy are in handOver.ts.
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Scheduler from "effect/Scheduler"
import { ActorRoster } from "../lifecycle/actorRoster.ts"
import { sampler } from "../scenario/distribution.ts"
import type { Scenario } from "../scenario/scenario.ts"
import { settleEventShapes } from "./eventShapes.ts"
import {
  consumerName,
  type EndReason,
  type EventListener,
  type EventType,
  producerName,
  type RunActor,
  type RunEnd,
} from "./events.ts"
import { type Item, makeHandOver } from "./handOver.ts"
import { isMicrosecondClock } from "./microsecondClock.ts"
import { makePipeline } from "./pipeline.ts"
import { trioScheduler } from "./trioScheduler.ts"

/**
 * Like asyncio.sleep: a zero pause still lets the other fibers run. Virtual clocks sleep in
 * microseconds directly; for other clocks a millisecond Duration avoids BigInt on this hot path.
 */
const sleeper = (clock: Clock.Clock): ((micros: number) => Effect.Effect<void>) => {
  const sleep = isMicrosecondClock(clock)
    ? clock.sleepMicros
    : (micros: number) => Effect.sleep(Duration.millis(micros / 1000))
  return (micros) => (micros > 0 ? sleep(micros) : Effect.yieldNow)
}

/** Whole microseconds since this call; virtual clocks answer without BigInt arithmetic (hot path). */
const elapsedMicros = (clock: Clock.Clock): (() => number) => {
  if (isMicrosecondClock(clock)) {
    const start = clock.currentTimeMicrosUnsafe()
    return () => clock.currentTimeMicrosUnsafe() - start
  }
  const start = clock.currentTimeNanosUnsafe()
  // What one synchronous step reports happens at one moment, as on the virtual clock: an offer and
  // the block or drop it meets are one instant, not two readings of the wall clock apart (the
  // offered item would seem to overfill the queue in between).
  let moment: number | undefined
  return () => {
    if (moment === undefined) {
      moment = Number((clock.currentTimeNanosUnsafe() - start) / 1000n)
      void Promise.resolve().then(() => {
        moment = undefined
      })
    }
    return moment
  }
}

const range = (count: number): ReadonlyArray<number> => Array.from({ length: count }, (_, i) => i + 1)

/** Each actor draws from its own seeded stream, so its draws do not depend on how fibers interleave. */
export const actorSeed = (seed: number, actor: string): string => `${seed}/${actor}`
const withActorSeed = (seed: number, actor: string) => Random.withSeed(actorSeed(seed, actor))

/** The program of one scenario (see runScenario). */
const scenarioProgram = (
  scenario: Scenario,
  onEvent: EventListener,
  stop: Effect.Effect<void> | undefined,
): Effect.Effect<RunEnd> =>
  Effect.gen(function* () {
    settleEventShapes()
    const clock = yield* Clock.clockWith(Effect.succeed)
    const now = elapsedMicros(clock)
    const sleepMicros = sleeper(clock)
    const roster = new ActorRoster(scenario)
    const itemEvent = (type: EventType, actor: RunActor, message: Item) =>
      onEvent({ at: now(), type, actor: actor.name, item: message.item, value: message.value }, actor.index)
    const pipeline =
      scenario.stages === null
        ? undefined
        : yield* makePipeline(scenario.stages, onEvent, {
            now,
            sleepMicros,
            withActorSeed: (actor) => withActorSeed(scenario.seed, actor),
            roster,
          })
    // A pipeline's producers feed its first stage; their events name it.
    const handOver = pipeline?.entry ?? (yield* makeHandOver(scenario, itemEvent))
    const producerEvent = pipeline?.producerEvent ?? onEvent
    // Trio: a channel operation that does not wait is a checkpoint (the task yields after it).
    const checkpoints = scenario.scheduling === "trio"
    let nextItem = 1
    let producersRunning = scenario.producers

    const producer = (index: number) => {
      const actor: RunActor = { name: producerName(index), index: roster.producerIndex(index) }
      return Effect.gen(function* () {
        const drawPause = sampler(scenario.produce, yield* Random.Random)
        for (let count = 1; count <= scenario.itemsPerProducer; count++) {
          const message: Item = { item: nextItem++, value: count * count }
          // The stamp is taken before the hand-over, as in the course; the course prints the generated
          // line when the hand-over returns. When that is later (the queue is full, or trio's send
          // yields), the line's count goes on a `handedOver` event at that moment instead.
          const deferred = checkpoints || handOver.wouldWait()
          const index = deferred ? undefined : count
          producerEvent(
            {
              at: now(),
              type: "produced",
              actor: actor.name,
              item: message.item,
              value: message.value,
              index,
            },
            actor.index,
          )
          const handingOver = handOver.put(message, actor)
          if (handingOver !== undefined) yield* handingOver
          if (deferred) {
            // The hand-over returns in a later step of the producer: trio's send is a checkpoint, and
            // a put that waited is woken by the consumer that made room, which goes on first (asyncio's
            // call_soon, trio's reschedule). Effect resumes the producer at once, inside the consumer's
            // take; yielding queues it where those runtimes would.
            yield* Effect.yieldNow
            const { item, value } = message
            producerEvent(
              { at: now(), type: "handedOver", actor: actor.name, item, value, index: count },
              actor.index,
            )
          }
          yield* sleepMicros(drawPause())
        }
      }).pipe(
        Effect.ensuring(Effect.sync(() => producersRunning--)),
        withActorSeed(scenario.seed, actor.name),
      )
    }

    // The threads program: look at the shared list, sleep a little while it is empty.
    const pollForItem: Effect.Effect<Item | undefined> = Effect.gen(function* () {
      while (true) {
        if (producersRunning === 0) return undefined
        yield* sleepMicros(scenario.pollIntervalMicros)
        const message = handOver.takeNow()
        if (message !== null) return message
      }
    })
    const whenEmpty = scenario.handoff === "poll" ? pollForItem : handOver.take

    const consumer = (index: number) => {
      const actor: RunActor = { name: consumerName(index), index: roster.consumerIndex(index) }
      return Effect.gen(function* () {
        const drawService = sampler(scenario.process, yield* Random.Random)
        while (true) {
          // Taking at once when an item is there saves building an effect per item (hot path).
          const ready = handOver.takeNow()
          const message = ready === null ? yield* whenEmpty : ready
          if (message === undefined) return
          // Trio's receive: taking an item that was there is a checkpoint. After a wait the sender
          // handed the item over and resumed this consumer inside its own step (see handOver.ts);
          // yielding puts it where trio's reschedule does, in the next batch.
          if (checkpoints) yield* Effect.yieldNow
          itemEvent("dequeued", actor, message)
          yield* sleepMicros(drawService())
          itemEvent("processed", actor, message)
        }
      }).pipe(withActorSeed(scenario.seed, actor.name))
    }

    const startConsumers = Effect.forEach(range(scenario.consumers), (index) =>
      Effect.forkChild(consumer(index)),
    )

    const work = Effect.gen(function* () {
      if (scenario.start === "together") {
        const producers = yield* Effect.forEach(range(scenario.producers), (index) =>
          Effect.forkChild(producer(index)),
        )
        const consumers = yield* pipeline?.startWorkers ?? startConsumers
        yield* Fiber.joinAll(producers)
        yield* pipeline?.productionEnded ?? handOver.end
        yield* Fiber.joinAll(consumers)
      } else {
        for (const index of range(scenario.producers)) yield* producer(index)
        yield* handOver.end
        yield* Fiber.joinAll(yield* startConsumers)
      }
    })

    const outcome: Effect.Effect<EndReason> =
      scenario.timeoutMicros === null
        ? Effect.as(work, "completed" as const)
        : Effect.map(
            Effect.timeoutOption(work, Duration.micros(BigInt(scenario.timeoutMicros))),
            (completed) => (Option.isSome(completed) ? "completed" : "timeout"),
          )
    const reason = yield* stop === undefined
      ? outcome
      : Effect.raceFirst(outcome, Effect.as(stop, "interrupted" as const))
    return { at: now(), reason }
  })

/**
 * Runs `program` in the order the modelled runtime runs ready tasks: Effect's own order (first in,
 * first out) as it is, or trio's batches, with coins from the run's own seeded stream. For trio the
 * whole program runs in a fiber of its own, as the course's runs inside `trio.run`: a fiber keeps
 * the dispatcher it started with, and so does the queue, whose wake-ups must be trio tasks too.
 */
const inModelledOrder = <A>(scenario: Scenario, program: Effect.Effect<A>): Effect.Effect<A> =>
  scenario.scheduling === "fifo"
    ? program
    : Effect.gen(function* () {
        const coins = yield* Effect.service(Random.Random).pipe(withActorSeed(scenario.seed, "scheduler"))
        const scheduler = trioScheduler(yield* Scheduler.Scheduler, () => coins.nextDoubleUnsafe())
        const run = yield* Effect.forkChild(program).pipe(
          Effect.provideService(Scheduler.Scheduler, scheduler),
        )
        return yield* Fiber.join(run)
      })

/**
 * Runs one scenario to its end, reporting every event to `onEvent` as it happens (with its actor's
 * index in the run's roster), and answers how the run ended. When `stop` completes first (Ctrl-C),
 * the run ends there, as "interrupted".
 */
export const runScenario = (
  scenario: Scenario,
  onEvent: EventListener,
  stop?: Effect.Effect<void>,
): Effect.Effect<RunEnd> => inModelledOrder(scenario, scenarioProgram(scenario, onEvent, stop))
