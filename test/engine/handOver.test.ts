import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import type { RunActor } from "../../src/core/engine/events.ts"
import { type HandOver, type Item, makeHandOver } from "../../src/core/engine/handOver.ts"

const producer: RunActor = { name: "producer-1", index: 0 }

/** Consumers that log each pick-up, taking by `next`, fed items one by one and then the end. */
const pickUps = (next: (handOver: HandOver) => Effect.Effect<Item | undefined>) =>
  Effect.gen(function* () {
    const handOver = yield* makeHandOver(
      { capacity: 2, whenFull: "suspend", scheduling: "fifo" },
      () => undefined,
    )
    const log: Array<string> = []
    const consumer = (name: string) => {
      const take = next(handOver)
      return Effect.gen(function* () {
        while (true) {
          const message = yield* take
          log.push(message === undefined ? `${name} ended` : `${name} took ${message.item}`)
          if (message === undefined) return
          yield* Effect.yieldNow
        }
      })
    }
    const consumers = yield* Effect.forEach(["a", "b", "c"], (name) => Effect.forkChild(consumer(name)))
    for (let item = 1; item <= 5; item++) {
      yield* Effect.yieldNow
      // Two items in one step: one consumer woken finds its item gone and waits again at the back.
      yield* handOver.put({ item, value: item }, producer) ?? Effect.void
      if (item % 2 === 0) yield* handOver.put({ item: item * 10, value: item }, producer) ?? Effect.void
    }
    yield* Effect.yieldNow
    yield* handOver.end
    yield* Fiber.joinAll(consumers)
    return log
  })

describe("the hand-over's wait for an item", () => {
  it.effect("wakes the waiting consumers in the order Queue.take does, and each once the queue ends", () =>
    Effect.gen(function* () {
      const byTake = yield* pickUps((handOver) => handOver.take)
      const byWait = yield* pickUps((handOver) => {
        const wait = handOver.makeWait()
        return Effect.gen(function* () {
          let message = handOver.takeNow()
          while (message === null) {
            yield* wait
            message = handOver.takeNow()
          }
          return message
        })
      })
      expect(byWait).toEqual(byTake)
      expect(byWait.filter((line) => line.endsWith("ended")).sort()).toEqual([
        "a ended",
        "b ended",
        "c ended",
      ])
      expect(byWait.filter((line) => line.includes("took"))).toHaveLength(7)
    }),
  )
})
