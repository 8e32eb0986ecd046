/**
 * What the page lists of a run at one instant: the items waiting in the queue, in order, and what
 * each actor holds (a consumer processing, a producer blocked on a full queue), over the run's item
 * lifecycle (lifecycle/itemLifecycle.ts), which keeps the depth, the holdings and the counts. The
 * page-data fold moves it along the whole run to learn each pick-up's wait and to snapshot the
 * state where a detail window starts; the page moves it from such a snapshot to the playhead.
 *
 * It runs for every event of a run, so it allocates nothing per event once warm: records of items
 * that leave the queue are reused, and what it answers is read at once or copied (snapshots).
 */
import { EventCode as Code, ItemLifecycle } from "../lifecycle/itemLifecycle.ts"
import type { HeldItem, RunSnapshot, WaitingItem } from "./pageData.ts"

interface MutableWaiting {
  item: number
  value: number | undefined
  producedAt: number
  producer: number
}

const copyWaiting = ({ item, value, producedAt, producer }: WaitingItem): WaitingItem => ({
  item,
  value,
  producedAt,
  producer,
})

export class RunState {
  private readonly items = new ItemLifecycle({ keepsPlaces: false })
  /** Waiting items whose identity the state does not know (a snapshot lists only the oldest). */
  private unlisted = 0
  /** Waiting items, oldest first (a Map keeps insertion order; an enqueued item goes to the back). */
  private readonly queue = new Map<number, MutableWaiting>()
  private readonly spare: Array<MutableWaiting> = []

  /** The state a snapshot describes; `isProducer` tells a blocked producer from a busy consumer. */
  static fromSnapshot(snapshot: RunSnapshot, isProducer: (actor: number) => boolean): RunState {
    const state = new RunState()
    state.items.restore(snapshot, isProducer)
    for (const waiting of snapshot.waiting) state.queue.set(waiting.item, copyWaiting(waiting))
    state.unlisted = Math.max(0, snapshot.depth - snapshot.waiting.length)
    return state
  }

  /** Items waiting in the queue. */
  get depth(): number {
    return this.items.depth
  }

  private enterQueue(item: number, value: number | undefined, producedAt: number, producer: number): void {
    const record = this.spare.pop() ?? { item, value, producedAt, producer }
    record.item = item
    record.value = value
    record.producedAt = producedAt
    record.producer = producer
    this.queue.set(item, record)
  }

  private leaveQueue(item: number): void {
    const waiting = this.queue.get(item)
    if (waiting === undefined) {
      if (this.unlisted > 0) this.unlisted--
      return
    }
    this.queue.delete(item)
    this.spare.push(waiting)
  }

  /** Applies one event (by type code); for a pick-up, answers its wait in microseconds when known. */
  apply(
    at: number,
    code: number,
    actor: number,
    item: number,
    value: number | undefined,
  ): number | undefined {
    const items = this.items
    const producedAt = items.createdAt(item)
    items.apply(code, at, actor, item, value)
    switch (code) {
      case Code.produced:
        this.enterQueue(item, value, at, actor)
        return undefined
      case Code.enqueued:
        this.enterQueue(item, value, producedAt ?? at, actor)
        return undefined
      case Code.blocked:
      case Code.dropped:
        this.leaveQueue(item)
        return undefined
      case Code.dequeued:
        this.leaveQueue(item)
        return producedAt === undefined ? undefined : at - producedAt
      default:
        return undefined
    }
  }

  /** The waiting items the state knows, oldest first, and how many more wait unlisted after them. */
  waiting(): { readonly listed: ReadonlyArray<WaitingItem>; readonly unlisted: number } {
    return { listed: Array.from(this.queue.values(), copyWaiting), unlisted: this.unlisted }
  }

  /** What an actor (by index) holds, or null. */
  held(actor: number): HeldItem | null {
    const item = this.items.heldBy(actor)
    if (item < 0) return null
    const since = this.items.heldSince(actor)
    return {
      item,
      value: this.items.heldValueOf(actor),
      producedAt: this.items.createdAt(item) ?? since,
      since,
    }
  }

  /** Since when an actor has held what it holds, or -1 when it holds nothing (no copy: hot path). */
  heldSince(actor: number): number {
    return this.items.heldSince(actor)
  }

  /** Actors the state has seen (indices below this). */
  get actorCount(): number {
    return this.items.actorCount
  }

  /** Items stamped so far by a producer, or finished by a consumer. */
  doneBy(actor: number): number {
    return this.items.doneBy(actor)
  }

  /** The state now, listing at most `mostWaiting` of the waiting items (the oldest). */
  snapshot(mostWaiting: number): RunSnapshot {
    const waiting: Array<WaitingItem> = []
    for (const item of this.queue.values()) {
      if (waiting.length >= mostWaiting) break
      waiting.push(copyWaiting(item))
    }
    const holding: Array<HeldItem | null> = []
    const done: Array<number> = []
    for (let actor = 0; actor < this.items.actorCount; actor++) {
      holding.push(this.held(actor))
      done.push(this.items.doneBy(actor))
    }
    return { depth: this.items.depth, waiting, holding, done }
  }
}
