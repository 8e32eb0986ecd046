/**
 * Where every item of a run is at one instant: waiting in the queue (in order), held by a consumer
 * processing it, or held by a producer blocked on a full queue. The page-data fold moves it along
 * the whole run to learn each pick-up's wait and to snapshot the state where a detail window starts;
 * the page moves it from such a snapshot to the playhead to list the queue's contents.
 *
 * Queue depth follows the statistics fold's rule exactly (a stamped item counts until it is blocked,
 * picked up or dropped; an enqueued one counts again), which a test holds event by event.
 */
import { EventCode as Code, type HeldItem, type RunSnapshot, type WaitingItem } from "./pageData.ts"

export class RunState {
  /** Items waiting in the queue. */
  depth = 0
  /** Waiting items whose identity the state does not know (a snapshot lists only the oldest). */
  private unlisted = 0
  /** Waiting items, oldest first (a Map keeps insertion order; an enqueued item goes to the back). */
  private readonly queue = new Map<number, WaitingItem>()
  private readonly holding: Array<HeldItem | null> = []
  private readonly done: Array<number> = []

  static fromSnapshot(snapshot: RunSnapshot): RunState {
    const state = new RunState()
    state.depth = snapshot.depth
    for (const waiting of snapshot.waiting) state.queue.set(waiting.item, waiting)
    state.unlisted = Math.max(0, snapshot.depth - snapshot.waiting.length)
    state.holding.push(...snapshot.holding)
    state.done.push(...snapshot.done)
    return state
  }

  private ensureActor(actor: number): void {
    while (this.done.length <= actor) {
      this.done.push(0)
      this.holding.push(null)
    }
  }

  private leaveQueue(item: number): WaitingItem | undefined {
    const waiting = this.queue.get(item)
    if (waiting === undefined) {
      if (this.unlisted > 0) this.unlisted--
      return undefined
    }
    this.queue.delete(item)
    return waiting
  }

  /** Applies one event (by type code); for a pick-up, answers its wait in microseconds when known. */
  apply(
    at: number,
    code: number,
    actor: number,
    item: number,
    value: number | undefined,
  ): number | undefined {
    this.ensureActor(actor)
    switch (code) {
      case Code.produced:
        this.depth++
        this.done[actor] = (this.done[actor] as number) + 1
        this.queue.set(item, { item, value, producedAt: at, producer: actor })
        return undefined
      case Code.blocked: {
        this.depth--
        const waiting = this.leaveQueue(item)
        this.holding[actor] = { item, value, producedAt: waiting?.producedAt ?? at, since: at }
        return undefined
      }
      case Code.enqueued: {
        this.depth++
        const held = this.holding[actor]
        this.holding[actor] = null
        const producedAt = held?.item === item ? held.producedAt : at
        this.queue.set(item, { item, value, producedAt, producer: actor })
        return undefined
      }
      case Code.dequeued: {
        this.depth--
        const waiting = this.leaveQueue(item)
        const producedAt = waiting?.producedAt
        this.holding[actor] = { item, value, producedAt: producedAt ?? at, since: at }
        return producedAt === undefined ? undefined : at - producedAt
      }
      case Code.processed:
        this.holding[actor] = null
        this.done[actor] = (this.done[actor] as number) + 1
        return undefined
      case Code.dropped:
        this.depth--
        this.leaveQueue(item)
        return undefined
      default:
        return undefined
    }
  }

  /** The waiting items the state knows, oldest first, and how many more wait unlisted after them. */
  waiting(): { readonly listed: ReadonlyArray<WaitingItem>; readonly unlisted: number } {
    return { listed: [...this.queue.values()], unlisted: this.unlisted }
  }

  /** What each actor holds (by actor index), or null. */
  held(actor: number): HeldItem | null {
    return this.holding[actor] ?? null
  }

  /** Items stamped so far by a producer, or finished by a consumer. */
  doneBy(actor: number): number {
    return this.done[actor] ?? 0
  }

  /** The state now, listing at most `mostWaiting` of the waiting items (the oldest). */
  snapshot(mostWaiting: number): RunSnapshot {
    const waiting: Array<WaitingItem> = []
    for (const item of this.queue.values()) {
      if (waiting.length >= mostWaiting) break
      waiting.push(item)
    }
    return { depth: this.depth, waiting, holding: [...this.holding], done: [...this.done] }
  }
}
