/**
 * The one rule of how an item moves through a queue and what that does to the queue's depth: a
 * reducer over item events that answers, at any moment, where each item is, how many items wait
 * in the queue, and what each actor holds. Every fold that needs any of it (the statistics, the
 * page's run state, the trace's depth track, the consistency check) holds an instance; a second
 * queue is a second instance, never a second copy of the rule.
 *
 * An item's story in one queue: `produced` (offered: it counts as waiting at once) -> either
 * `dequeued` (a consumer holds it) -> `processed`, or `dropped` (refused or evicted); a full queue
 * makes its producer hold it in between (`blocked` -> `enqueued`, back in the queue). An offer to a
 * full queue counts before it is refused or waits, so within one instant the depth may pass the
 * queue's capacity. `handedOver` (trio's hand-over returning) moves nothing.
 *
 * The depth rule applies to every event, whatever came before; a step that breaks the story is
 * still applied and answered as a `Misstep` code, which the consistency check turns into words and
 * folds of the engine's own runs ignore. Such a fold need not know where each item is: made with
 * `{ keepsPlaces: false }`, a lifecycle keeps the depth, the holdings and the counts but no place
 * per item, and takes every item to be where the story expects it. Per event it allocates
 * nothing: actors are indices (actorRoster.ts), items live in typed tables.
 */
import { ItemTimes } from "./itemTimes.ts"
import { PlaceTable } from "./placeTable.ts"

/** Item event types by code: the numbers the page's encoded events use too. */
export const EventCode = {
  produced: 0,
  blocked: 1,
  enqueued: 2,
  dequeued: 3,
  processed: 4,
  dropped: 5,
  /** A hand-over that returned after other tasks ran: the course prints the generated line here. */
  handedOver: 6,
} as const
export type ItemEventType = keyof typeof EventCode
export type ItemEventCode = (typeof EventCode)[ItemEventType]

/** The code of an event type, or -1 for a type this version does not know. */
export const eventTypeCode = (type: string): number => {
  // A switch, not a lookup: it runs for every event of a run.
  switch (type) {
    case "produced":
      return EventCode.produced
    case "blocked":
      return EventCode.blocked
    case "enqueued":
      return EventCode.enqueued
    case "dequeued":
      return EventCode.dequeued
    case "processed":
      return EventCode.processed
    case "dropped":
      return EventCode.dropped
    case "handedOver":
      return EventCode.handedOver
    default:
      return -1
  }
}

/** Where an item is. */
export const Place = {
  /** Never seen (or known only as one of a snapshot's unlisted waiting items). */
  Unknown: 0,
  /** Produced and offered: waiting in the queue. */
  Offered: 1,
  /** Held by its producer, waiting for room in a full queue. */
  Blocked: 2,
  /** Back in the queue after waiting for room. */
  Queued: 3,
  /** Held by a consumer, being processed. */
  Held: 4,
  Processed: 5,
  Dropped: 6,
} as const
export type Place = (typeof Place)[keyof typeof Place]

/** How a step broke the story; `None` when it did not. */
export const Misstep = {
  None: 0,
  NeverProduced: 1,
  ProducedTwice: 2,
  BlockedNotOffered: 3,
  EnqueuedNotBlocked: 4,
  DroppedTwice: 5,
  DroppedNotInQueue: 6,
  DequeuedAfterDropped: 7,
  DequeuedBeforeEntering: 8,
  DequeuedTwice: 9,
  /** The consumer still holds another item (`heldBy` says which). */
  DequeuedWhileHolding: 10,
  ProcessedTwice: 11,
  ProcessedNotDequeued: 12,
  ProcessedByAnother: 13,
} as const
export type Misstep = (typeof Misstep)[keyof typeof Misstep]

const nothing = -1

const waiting = (place: number): boolean => place === Place.Offered || place === Place.Queued

export class ItemLifecycle {
  /** Items waiting in the queue now. */
  depth = 0
  /** Items processed or dropped so far. */
  finished = 0
  /** Each item's place, for the checks that answer missteps; absent for folds of the engine's runs. */
  private readonly places: PlaceTable | undefined
  /** Creation time of each item still in the run. */
  private readonly created = new ItemTimes()
  // By actor index: what it holds (an item, or `nothing`), since when, the item's value, and how
  // many items it has made (a producer) or finished (a consumer).
  private heldItem: Array<number> = []
  private heldSinceAt: Array<number> = []
  private heldValue: Array<number | undefined> = []
  private doneCount: Array<number> = []

  constructor(options: { readonly keepsPlaces?: boolean } = {}) {
    this.places = options.keepsPlaces === false ? undefined : new PlaceTable()
  }

  /** Sets the item's place and answers the one it had; without places kept, the one the story expects. */
  private move(item: number, place: Place, expected: Place): number {
    const places = this.places
    return places === undefined ? expected : places.exchange(item, place)
  }

  /** Applies one item event; answers how it broke the story, or `Misstep.None`. */
  apply(code: number, at: number, actor: number, item: number, value: number | undefined): Misstep {
    // Every step counts its actor among those seen, even one that moves nothing of the actor's.
    if (actor >= this.heldItem.length) this.addActors(actor)
    switch (code) {
      case EventCode.produced:
        return this.produced(at, actor, item)
      case EventCode.blocked:
        return this.blocked(at, actor, item, value)
      case EventCode.enqueued:
        return this.enqueued(actor, item)
      case EventCode.dequeued:
        return this.dequeued(at, actor, item, value)
      case EventCode.processed:
        return this.processed(actor, item)
      case EventCode.dropped:
        return this.dropped(actor, item)
      case EventCode.handedOver:
        return this.places === undefined ? Misstep.None : this.unknownOr(this.places.get(item), Misstep.None)
      default:
        return Misstep.None
    }
  }

  // One method a step, which `apply` dispatches to: a fold that knows the step calls it directly,
  // small enough to be inlined on a path taken for every event.

  /** The producer `actor` made the item and offered it: it waits in the queue. */
  produced(at: number, actor: number, item: number): Misstep {
    if (actor >= this.heldItem.length) this.addActors(actor)
    this.depth++
    const place = this.move(item, Place.Offered, Place.Unknown)
    this.created.set(item, at)
    this.doneCount[actor] = (this.doneCount[actor] as number) + 1
    return place === Place.Unknown ? Misstep.None : Misstep.ProducedTwice
  }

  /** The queue was full: the producer holds the item, waiting for room. */
  blocked(at: number, actor: number, item: number, value: number | undefined): Misstep {
    if (actor >= this.heldItem.length) this.addActors(actor)
    this.depth--
    const place = this.move(item, Place.Blocked, Place.Offered)
    this.hold(actor, item, at, value)
    return place === Place.Offered ? Misstep.None : this.unknownOr(place, Misstep.BlockedNotOffered)
  }

  /** The blocked producer got the item into the queue. */
  enqueued(actor: number, item: number): Misstep {
    if (actor >= this.heldItem.length) this.addActors(actor)
    this.depth++
    const place = this.move(item, Place.Queued, Place.Blocked)
    this.heldItem[actor] = nothing
    return place === Place.Blocked ? Misstep.None : this.unknownOr(place, Misstep.EnqueuedNotBlocked)
  }

  /** The consumer `actor` took the item from the queue. */
  dequeued(at: number, actor: number, item: number, value: number | undefined): Misstep {
    if (actor >= this.heldItem.length) this.addActors(actor)
    this.depth--
    const holding = this.heldItem[actor] as number
    const place = this.move(item, Place.Held, Place.Offered)
    this.hold(actor, item, at, value)
    if (waiting(place)) return holding === nothing ? Misstep.None : Misstep.DequeuedWhileHolding
    if (place === Place.Dropped) return Misstep.DequeuedAfterDropped
    if (place === Place.Blocked) return Misstep.DequeuedBeforeEntering
    return this.unknownOr(place, Misstep.DequeuedTwice)
  }

  /** The consumer `actor` finished the item: it leaves the run. */
  processed(actor: number, item: number): Misstep {
    if (actor >= this.heldItem.length) this.addActors(actor)
    const holder = this.heldItem[actor] === item
    const place = this.move(item, Place.Processed, Place.Held)
    this.created.delete(item)
    this.heldItem[actor] = nothing
    this.doneCount[actor] = (this.doneCount[actor] as number) + 1
    this.finished++
    if (place === Place.Held) return holder ? Misstep.None : Misstep.ProcessedByAnother
    if (place === Place.Processed) return Misstep.ProcessedTwice
    return this.unknownOr(place, Misstep.ProcessedNotDequeued)
  }

  /** The queue refused or evicted the item: it leaves the run. */
  dropped(actor: number, item: number): Misstep {
    if (actor >= this.heldItem.length) this.addActors(actor)
    this.depth--
    const place = this.move(item, Place.Dropped, Place.Offered)
    this.created.delete(item)
    this.finished++
    if (waiting(place)) return Misstep.None
    return this.unknownOr(place, place === Place.Dropped ? Misstep.DroppedTwice : Misstep.DroppedNotInQueue)
  }

  private unknownOr(place: number, misstep: Misstep): Misstep {
    return place === Place.Unknown ? Misstep.NeverProduced : misstep
  }

  private addActors(actor: number): void {
    while (this.heldItem.length <= actor) {
      this.heldItem.push(nothing)
      this.heldSinceAt.push(0)
      this.heldValue.push(undefined)
      this.doneCount.push(0)
    }
  }

  private hold(actor: number, item: number, at: number, value: number | undefined): void {
    this.heldItem[actor] = item
    this.heldSinceAt[actor] = at
    this.heldValue[actor] = value
  }

  /** Where an item is (Unknown for every item when places are not kept). */
  placeOf(item: number): Place {
    return (this.places?.get(item) ?? Place.Unknown) as Place
  }

  /** When an item still in the run was made, or undefined. */
  createdAt(item: number): number | undefined {
    return this.created.get(item)
  }

  /** The item an actor holds (a consumer processing it, a producer blocked with it), or -1. */
  heldBy(actor: number): number {
    return this.heldItem[actor] ?? nothing
  }

  /** Since when an actor has held what it holds, or -1 when it holds nothing. */
  heldSince(actor: number): number {
    return (this.heldItem[actor] ?? nothing) === nothing ? -1 : (this.heldSinceAt[actor] as number)
  }

  /** The value of what an actor holds. */
  heldValueOf(actor: number): number | undefined {
    return this.heldValue[actor]
  }

  /** Items made so far by a producer, or finished by a consumer. */
  doneBy(actor: number): number {
    return this.doneCount[actor] ?? 0
  }

  /** Actors the lifecycle has seen (indices below this). */
  get actorCount(): number {
    return this.heldItem.length
  }

  /**
   * Starts from a known moment instead of the run's start (the page, from a snapshot): `depth`
   * items wait, the items given are where they are said to be, and each actor's count is set.
   */
  restore(
    state: {
      readonly depth: number
      readonly waiting: ReadonlyArray<{ readonly item: number; readonly producedAt: number }>
      readonly holding: ReadonlyArray<{
        readonly item: number
        readonly value: number | undefined
        readonly producedAt: number
        readonly since: number
      } | null>
      readonly done: ReadonlyArray<number>
    },
    isProducer: (actor: number) => boolean,
  ): void {
    this.depth = state.depth
    for (const { item, producedAt } of state.waiting) {
      this.places?.set(item, Place.Offered)
      this.created.set(item, producedAt)
    }
    if (state.done.length > 0) this.addActors(state.done.length - 1)
    state.done.forEach((done, actor) => {
      this.doneCount[actor] = done
      const held = state.holding[actor]
      if (held === null || held === undefined) return
      this.places?.set(held.item, isProducer(actor) ? Place.Blocked : Place.Held)
      this.created.set(held.item, held.producedAt)
      this.hold(actor, held.item, held.since, held.value)
    })
  }
}
