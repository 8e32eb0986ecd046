/** The one item lifecycle: where each item is, the queue's depth, what each actor holds, and the missteps it names. */
import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import {
  EventCode,
  type ItemEventType,
  ItemLifecycle,
  Misstep,
  Place,
} from "../../src/core/lifecycle/itemLifecycle.ts"

const producer = 0
const consumer = 1

/** Applies `steps` (type, actor, item) at successive times; answers the lifecycle and each step's misstep. */
const play = (steps: ReadonlyArray<readonly [ItemEventType, number, number]>) => {
  const items = new ItemLifecycle()
  const missteps = steps.map(([type, actor, item], at) =>
    items.apply(EventCode[type], at, actor, item, item * item),
  )
  return { items, missteps }
}

describe("the item lifecycle", () => {
  it("follows an item through the queue: depth, place, holder, counts and creation time", () => {
    const items = new ItemLifecycle()
    expect(items.apply(EventCode.produced, 10, producer, 1, 1)).toBe(Misstep.None)
    expect([items.depth, items.placeOf(1), items.createdAt(1), items.doneBy(producer)]).toEqual([
      1,
      Place.Offered,
      10,
      1,
    ])
    expect(items.apply(EventCode.dequeued, 30, consumer, 1, 1)).toBe(Misstep.None)
    expect([items.depth, items.placeOf(1), items.heldBy(consumer), items.heldSince(consumer)]).toEqual([
      0,
      Place.Held,
      1,
      30,
    ])
    expect(items.apply(EventCode.processed, 80, consumer, 1, 1)).toBe(Misstep.None)
    expect([items.placeOf(1), items.heldBy(consumer), items.heldSince(consumer), items.createdAt(1)]).toEqual(
      [Place.Processed, -1, -1, undefined],
    )
    expect([items.doneBy(consumer), items.finished]).toEqual([1, 1])
  })

  it("counts an offer to a full queue until it waits, and again when it gets in; the producer holds it meanwhile", () => {
    const { items, missteps } = play([
      ["produced", producer, 1],
      ["blocked", producer, 1],
    ])
    expect(missteps).toEqual([Misstep.None, Misstep.None])
    expect([items.depth, items.placeOf(1), items.heldBy(producer), items.heldSince(producer)]).toEqual([
      0,
      Place.Blocked,
      1,
      1,
    ])
    expect(items.apply(EventCode.enqueued, 5, producer, 1, 1)).toBe(Misstep.None)
    expect([items.depth, items.placeOf(1), items.heldBy(producer)]).toEqual([1, Place.Queued, -1])
  })

  it("names each step that breaks the story, and still applies the depth rule", () => {
    const cases: ReadonlyArray<readonly [ReadonlyArray<readonly [ItemEventType, number, number]>, Misstep]> =
      [
        [[["dequeued", consumer, 1]], Misstep.NeverProduced],
        [
          [
            ["produced", producer, 1],
            ["produced", producer, 1],
          ],
          Misstep.ProducedTwice,
        ],
        [
          [
            ["produced", producer, 1],
            ["dequeued", consumer, 1],
            ["blocked", producer, 1],
          ],
          Misstep.BlockedNotOffered,
        ],
        [
          [
            ["produced", producer, 1],
            ["enqueued", producer, 1],
          ],
          Misstep.EnqueuedNotBlocked,
        ],
        [
          [
            ["produced", producer, 1],
            ["dropped", producer, 1],
            ["dropped", producer, 1],
          ],
          Misstep.DroppedTwice,
        ],
        [
          [
            ["produced", producer, 1],
            ["dequeued", consumer, 1],
            ["dropped", producer, 1],
          ],
          Misstep.DroppedNotInQueue,
        ],
        [
          [
            ["produced", producer, 1],
            ["dropped", producer, 1],
            ["dequeued", consumer, 1],
          ],
          Misstep.DequeuedAfterDropped,
        ],
        [
          [
            ["produced", producer, 1],
            ["blocked", producer, 1],
            ["dequeued", consumer, 1],
          ],
          Misstep.DequeuedBeforeEntering,
        ],
        [
          [
            ["produced", producer, 1],
            ["dequeued", consumer, 1],
            ["dequeued", 2, 1],
          ],
          Misstep.DequeuedTwice,
        ],
        [
          [
            ["produced", producer, 1],
            ["produced", producer, 2],
            ["dequeued", consumer, 1],
            ["dequeued", consumer, 2],
          ],
          Misstep.DequeuedWhileHolding,
        ],
        [
          [
            ["produced", producer, 1],
            ["dequeued", consumer, 1],
            ["processed", consumer, 1],
            ["processed", consumer, 1],
          ],
          Misstep.ProcessedTwice,
        ],
        [
          [
            ["produced", producer, 1],
            ["processed", consumer, 1],
          ],
          Misstep.ProcessedNotDequeued,
        ],
        [
          [
            ["produced", producer, 1],
            ["dequeued", consumer, 1],
            ["processed", 2, 1],
          ],
          Misstep.ProcessedByAnother,
        ],
      ]
    for (const [steps, misstep] of cases) expect(play(steps).missteps.at(-1)).toBe(misstep)
  })

  it("keeps the depth as produced + enqueued - blocked - dequeued - dropped, whatever the events", () => {
    const types: ReadonlyArray<ItemEventType> = [
      "produced",
      "blocked",
      "enqueued",
      "dequeued",
      "processed",
      "dropped",
      "handedOver",
    ]
    const step = {
      produced: 1,
      blocked: -1,
      enqueued: 1,
      dequeued: -1,
      processed: 0,
      dropped: -1,
      handedOver: 0,
    }
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom(...types), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 6 })),
        ),
        (steps) => {
          const { items } = play(steps)
          expect(items.depth).toBe(steps.reduce((depth, [type]) => depth + step[type], 0))
        },
      ),
      { seed: 17 },
    )
  })

  it("without places kept, answers the same depth, holdings, counts and times as with them, whatever the events", () => {
    const types: ReadonlyArray<ItemEventType> = [
      "produced",
      "blocked",
      "enqueued",
      "dequeued",
      "processed",
      "dropped",
      "handedOver",
    ]
    const actors = [0, 1, 2, 3]
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom(...types), fc.constantFrom(...actors), fc.integer({ min: 1, max: 6 })),
        ),
        (steps) => {
          const kept = new ItemLifecycle()
          const unkept = new ItemLifecycle({ keepsPlaces: false })
          const state = (items: ItemLifecycle) => ({
            depth: items.depth,
            finished: items.finished,
            actors: items.actorCount,
            held: actors.map((actor) => [
              items.heldBy(actor),
              items.heldSince(actor),
              items.heldValueOf(actor),
              items.doneBy(actor),
            ]),
            created: [1, 2, 3, 4, 5, 6].map((item) => items.createdAt(item)),
          })
          steps.forEach(([type, actor, item], at) => {
            kept.apply(EventCode[type], at, actor, item, item * item)
            unkept.apply(EventCode[type], at, actor, item, item * item)
            expect(state(unkept)).toEqual(state(kept))
          })
        },
      ),
      { seed: 17 },
    )
  })

  it("starts from a snapshot: the items it lists wait, a producer holds its blocked item, a consumer its item", () => {
    const items = new ItemLifecycle()
    items.restore(
      {
        depth: 3,
        waiting: [{ item: 7, producedAt: 100 }],
        holding: [
          { item: 5, value: 25, producedAt: 50, since: 90 },
          { item: 4, value: 16, producedAt: 40, since: 60 },
        ],
        done: [5, 3],
      },
      (actor) => actor === producer,
    )
    expect([items.depth, items.placeOf(7), items.placeOf(5), items.placeOf(4)]).toEqual([
      3,
      Place.Offered,
      Place.Blocked,
      Place.Held,
    ])
    expect([
      items.heldBy(producer),
      items.heldSince(consumer),
      items.heldValueOf(consumer),
      items.doneBy(producer),
    ]).toEqual([5, 60, 16, 5])
    // An unlisted waiting item is unknown, yet taking it still moves the depth.
    expect(items.apply(EventCode.dequeued, 120, 2, 9, 81)).toBe(Misstep.NeverProduced)
    expect(items.depth).toBe(2)
  })
})
