/**
 * The producer/consumer program itself: producer and consumer fibers exchanging items over an
 * Effect `Queue`, as the course's programs do. It reads time only through Effect's `Clock` and
 * draws only from Effect's `Random`, so it does not know whether a virtual or the real clock runs it.
 */
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import * as Random from "effect/Random"
import * as Scheduler from "effect/Scheduler"
import { sampler } from "../scenario/distribution.ts"
import type { Scenario } from "../scenario/scenario.ts"
import { consumerName, type EndReason, producerName, type RunEnd, type RunSink } from "./events.ts"
import { trioScheduler } from "./trioScheduler.ts"
import { isMicrosecondClock } from "./virtualDriver.ts"

interface Item {
  readonly item: number
  readonly value: number
}

/** The queue of the scenario, built on Effect's own strategies for a full queue. */
const makeQueue = (scenario: Scenario): Effect.Effect<Queue.Queue<Item, Cause.Done>> => {
  if (scenario.capacity === null) return Queue.unbounded<Item, Cause.Done>()
  switch (scenario.whenFull) {
    case "suspend":
      return Queue.bounded<Item, Cause.Done>(scenario.capacity)
    case "drop":
      return Queue.dropping<Item, Cause.Done>(scenario.capacity)
    case "slide":
      return Queue.sliding<Item, Cause.Done>(scenario.capacity)
  }
}

/**
 * Like asyncio.sleep: a zero pause still lets the other fibers run. The fast virtual clock sleeps in
 * microseconds directly; for other clocks a millisecond Duration avoids BigInt on this hot path
 * (the test clock rounds it back to the exact microsecond).
 */
const sleeper = (clock: Clock.Clock): ((micros: number) => Effect.Effect<void>) => {
  const sleep = isMicrosecondClock(clock)
    ? clock.sleepMicros
    : (micros: number) => Effect.sleep(Duration.millis(micros / 1000))
  return (micros) => (micros > 0 ? sleep(micros) : Effect.yieldNow)
}

const range = (count: number): ReadonlyArray<number> => Array.from({ length: count }, (_, i) => i + 1)

/** Each actor draws from its own seeded stream, so its draws do not depend on how fibers interleave. */
export const actorSeed = (seed: number, actor: string): string => `${seed}/${actor}`
const withActorSeed = (seed: number, actor: string) => Random.withSeed(actorSeed(seed, actor))

/** Whole microseconds since this call; virtual clocks answer without BigInt arithmetic (hot path). */
const elapsedMicros = (clock: Clock.Clock): (() => number) => {
  if (isMicrosecondClock(clock)) {
    const start = clock.currentTimeMicrosUnsafe()
    return () => clock.currentTimeMicrosUnsafe() - start
  }
  const start = clock.currentTimeNanosUnsafe()
  return () => Number((clock.currentTimeNanosUnsafe() - start) / 1000n)
}

/** The program of one scenario, reporting every event and the end to `sink` (see runScenario). */
const scenarioProgram = (scenario: Scenario, sink: RunSink): Effect.Effect<RunEnd> =>
  Effect.gen(function* () {
    const clock = yield* Clock.clockWith(Effect.succeed)
    const now = elapsedMicros(clock)
    const sleepMicros = sleeper(clock)

    let end: RunEnd | undefined
    const finish = (reason: EndReason): RunEnd => {
      if (end === undefined) {
        end = { at: now(), reason }
        sink.end(end)
      }
      return end
    }

    // Trio: a channel operation that does not wait is a checkpoint (the task yields after it), and the
    // course prints the generated line when `send` returns, so that moment is an event of its own.
    const checkpoints = scenario.scheduling === "trio"

    const queue = yield* makeQueue(scenario)
    let nextItem = 1
    let producersRunning = scenario.producers

    const itemEvent = (type: string, actor: string, message: Item) =>
      sink.event({ at: now(), type, actor, item: message.item, value: message.value })

    const offerOrDrop = (message: Item, actor: string): Effect.Effect<void> =>
      Effect.map(Queue.offer(queue, message), (accepted) => {
        if (!accepted) itemEvent("dropped", actor, message)
      })

    // Runs when the producer reaches the hand-over, so the checks below see the queue as it is then.
    // Answers the effect to wait for, or undefined when the hand-over is already done (hot path).
    const handOff = (message: Item, actor: string): Effect.Effect<void> | undefined => {
      if (scenario.capacity === null) {
        // An unbounded queue never refuses nor waits.
        Queue.offerUnsafe(queue, message)
        return undefined
      }
      if (!Queue.isFullUnsafe(queue)) return offerOrDrop(message, actor)
      switch (scenario.whenFull) {
        case "suspend":
          itemEvent("blocked", actor, message)
          return Effect.map(Queue.offer(queue, message), () => itemEvent("enqueued", actor, message))
        case "slide":
          // The sliding queue evicts its oldest item silently; name it before it goes.
          return Effect.flatMap(Queue.peek(queue).pipe(Effect.orDie), (oldest) => {
            itemEvent("dropped", actor, oldest)
            return offerOrDrop(message, actor)
          })
        case "drop":
          return offerOrDrop(message, actor)
      }
    }

    const producer = (index: number) => {
      const actor = producerName(index)
      return Effect.gen(function* () {
        const drawPause = sampler(scenario.produce, yield* Random.Random)
        for (let count = 1; count <= scenario.itemsPerProducer; count++) {
          const message: Item = { item: nextItem++, value: count * count }
          // The stamp is taken before the hand-over and the pause, as in the course.
          sink.event({
            at: now(),
            type: "produced",
            actor,
            item: message.item,
            value: message.value,
            index: checkpoints ? undefined : count,
          })
          const handingOver = handOff(message, actor)
          if (handingOver !== undefined) yield* handingOver
          if (checkpoints) {
            // Trio's send passes a checkpoint. After a wait, the consumer that made room rescheduled
            // the sender; Effect resumes it at once instead, and yielding queues it where trio would.
            yield* Effect.yieldNow
            sink.event({
              at: now(),
              type: "handedOver",
              actor,
              item: message.item,
              value: message.value,
              index: count,
            })
          }
          yield* sleepMicros(drawPause())
        }
      }).pipe(Effect.ensuring(Effect.sync(() => producersRunning--)), withActorSeed(scenario.seed, actor))
    }

    /** An item if one is there now; `undefined` if the queue has ended; `null` if it is just empty. */
    const takeNow = (): Item | undefined | null => {
      const taken = Queue.takeUnsafe(queue)
      if (taken === undefined) return null
      return Exit.isSuccess(taken) ? taken.value : undefined
    }

    const waitForItem: Effect.Effect<Item | undefined> = Queue.take(queue).pipe(
      Effect.catchIf(Cause.isDone, () => Effect.succeed(undefined)),
    )

    // The threads program: look at the shared list, sleep a little while it is empty.
    const pollForItem: Effect.Effect<Item | undefined> = Effect.gen(function* () {
      while (true) {
        if (producersRunning === 0) return undefined
        yield* sleepMicros(scenario.pollIntervalMicros)
        const message = takeNow()
        if (message !== null) return message
      }
    })

    const whenEmpty = scenario.handoff === "poll" ? pollForItem : waitForItem

    const consumer = (index: number) => {
      const actor = consumerName(index)
      return Effect.gen(function* () {
        const drawService = sampler(scenario.process, yield* Random.Random)
        while (true) {
          // Taking at once when an item is there saves building an effect per item (hot path).
          const ready = takeNow()
          const message = ready === null ? yield* whenEmpty : ready
          if (message === undefined) return
          // Trio's receive: taking an item that was there is a checkpoint. After a wait the consumer
          // runs from the queue's wake-up task, which is already where trio would run it.
          if (checkpoints && ready !== null) yield* Effect.yieldNow
          itemEvent("dequeued", actor, message)
          yield* sleepMicros(drawService())
          itemEvent("processed", actor, message)
        }
      }).pipe(withActorSeed(scenario.seed, actor))
    }

    const startConsumers = Effect.forEach(range(scenario.consumers), (index) =>
      Effect.forkChild(consumer(index)),
    )

    const work = Effect.gen(function* () {
      if (scenario.start === "together") {
        const producers = yield* Effect.forEach(range(scenario.producers), (index) =>
          Effect.forkChild(producer(index)),
        )
        const consumers = yield* startConsumers
        yield* Fiber.joinAll(producers)
        yield* Queue.end(queue)
        yield* Fiber.joinAll(consumers)
      } else {
        for (const index of range(scenario.producers)) yield* producer(index)
        yield* Queue.end(queue)
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
    // Ctrl-C on a live run still ends the run properly, so its recording stays valid.
    const reason = yield* outcome.pipe(Effect.onInterrupt(() => Effect.sync(() => finish("interrupted"))))
    return finish(reason)
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

/** Runs one scenario to its end, reporting every event and the end to `sink`. */
export const runScenario = (scenario: Scenario, sink: RunSink): Effect.Effect<RunEnd> =>
  inModelledOrder(scenario, scenarioProgram(scenario, sink))
