/**
 * The hand-over between producers and consumers: the scenario's queue, and what a full one does to
 * an offer (wait, refuse the new item, or evict the oldest), as SimPy keeps its Store apart from the
 * processes that use it. Built on Effect's own queue strategies; it reports the events only the
 * queue sees (blocked, enqueued, dropped).
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Queue from "effect/Queue"
import type { Scenario } from "../scenario/scenario.ts"
import type { RunActor } from "./events.ts"

export interface Item {
  readonly item: number
  readonly value: number
}

export type ItemEvent = (type: "blocked" | "enqueued" | "dropped", actor: RunActor, message: Item) => void

export interface HandOver {
  /**
   * A producer hands `message` over. Runs when the producer reaches the hand-over, so the checks
   * see the queue as it is then; answers the effect to wait for, or undefined when the hand-over is
   * already done (the hot path allocates no effect). `report` replaces the queue's own reporter for
   * this offer (a pipeline's worker forwarding an item is held, not blocked).
   */
  readonly put: (message: Item, actor: RunActor, report?: ItemEvent) => Effect.Effect<void> | undefined
  /** Whether a hand-over now would wait for room (a full queue that suspends its producers). */
  readonly wouldWait: () => boolean
  /** An item if one is there now; undefined if the queue has ended; null if it is just empty. */
  readonly takeNow: () => Item | undefined | null
  /** Waits for an item; undefined once the queue has ended. */
  readonly take: Effect.Effect<Item | undefined>
  /**
   * One consumer's wait for this queue: it resumes the consumer once an item is there or the queue
   * has ended, for `takeNow` to try again. Make one per consumer; it is reused for every wait.
   */
  readonly makeWait: () => Effect.Effect<void>
  /** No more items will come: consumers finish what is queued, then stop. */
  readonly end: Effect.Effect<void>
}

/** What a queue needs of its scenario: the course's single queue, or one stage's. */
export type QueueSettings = Pick<Scenario, "capacity" | "whenFull" | "scheduling">

const makeQueue = (scenario: QueueSettings): Effect.Effect<Queue.Queue<Item, Cause.Done>> => {
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

export const makeHandOver = (scenario: QueueSettings, itemEvent: ItemEvent): Effect.Effect<HandOver> =>
  Effect.map(makeQueue(scenario), (queue) => {
    // Trio's channel gives an item sent while a receiver waits to that receiver at once, so it never
    // takes a place in the buffer (MemorySendChannel.send_nowait); Effect's queue buffers it until the
    // woken taker runs, and a second send before then would find the buffer fuller than trio's. The
    // waiting consumer is resumed here, takes the item, and yields at once: it runs next where trio's
    // reschedule puts it, before the sender's own checkpoint.
    const handToWaitingConsumer =
      scenario.scheduling === "trio" ? () => Queue.flushUnsafe(queue) : () => undefined
    const accepted = (message: Item, actor: RunActor, report: ItemEvent, offered: boolean): void => {
      if (offered) handToWaitingConsumer()
      else report("dropped", actor, message)
    }
    const offerOrDrop = (message: Item, actor: RunActor, report: ItemEvent): Effect.Effect<void> =>
      Effect.map(Queue.offer(queue, message), (offered) => accepted(message, actor, report, offered))

    const put = (message: Item, actor: RunActor, report = itemEvent): Effect.Effect<void> | undefined => {
      if (scenario.capacity === null) {
        // An unbounded queue never refuses nor waits.
        Queue.offerUnsafe(queue, message)
        handToWaitingConsumer()
        return undefined
      }
      if (!Queue.isFullUnsafe(queue)) {
        // Room now: Queue.offer would only run this same offer in one step of the fiber, so it is
        // done here without building an effect (hot path; a refusal means the queue has ended).
        accepted(message, actor, report, Queue.offerUnsafe(queue, message))
        return undefined
      }
      switch (scenario.whenFull) {
        case "suspend":
          report("blocked", actor, message)
          return Effect.map(Queue.offer(queue, message), () => report("enqueued", actor, message))
        case "slide":
          // The sliding queue evicts its oldest item silently; name it before it goes.
          return Effect.flatMap(Queue.peek(queue).pipe(Effect.orDie), (oldest) => {
            report("dropped", actor, oldest)
            return offerOrDrop(message, actor, report)
          })
        case "drop":
          return offerOrDrop(message, actor, report)
      }
    }

    const takeNow = (): Item | undefined | null => {
      const taken = Queue.takeUnsafe(queue)
      if (taken === undefined) return null
      return Exit.isSuccess(taken) ? taken.value : undefined
    }

    const makeWait = (): Effect.Effect<void> => {
      // The wait is one of the queue's own takers, so the queue wakes it exactly as it wakes
      // Queue.take's (same order, same step); Queue.take would build its waiting effects again for
      // every wait, and a consumer of a pipeline's stage waits about once per item.
      let wake: (effect: Effect.Effect<void>) => void = () => undefined
      const taker: Queue.Queue.Taker<Cause.Done> = {
        ready: () => Queue.sizeUnsafe(queue) >= 1,
        resume: () => wake(Effect.void),
      }
      const stopWaiting = Effect.sync(() => {
        if (queue.state._tag !== "Done") queue.state.takers.delete(taker)
      })
      return Effect.callback<void>((resume) => {
        const state = queue.state
        if (state._tag === "Done" || taker.ready()) return resume(Effect.void)
        wake = resume
        state.takers.add(taker)
        return stopWaiting
      })
    }

    return {
      put,
      makeWait,
      wouldWait: () =>
        scenario.capacity !== null && scenario.whenFull === "suspend" && Queue.isFullUnsafe(queue),
      takeNow,
      take: Queue.take(queue).pipe(Effect.catchIf(Cause.isDone, () => Effect.succeed(undefined))),
      end: Queue.end(queue),
    }
  })
