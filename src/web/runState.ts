/**
 * Where every item of a run is at one instant: waiting in the queue (in order), held by a consumer
 * processing it, or held by a producer blocked on a full queue. The page-data fold moves it along
 * the whole run to learn each pick-up's wait and to snapshot the state where a detail window starts;
 * the page moves it from such a snapshot to the playhead to list the queue's contents.
 *
 * Queue depth follows the statistics fold's rule exactly (a stamped item counts until it is blocked,
 * picked up or dropped; an enqueued one counts again), which a test holds event by event.
 *
 * It runs for every event of a run, so it allocates nothing per event once warm: records of items
 * that leave the queue are reused, and what it answers is read at once or copied (snapshots).
 */
import { EventCode as Code, type HeldItem, type RunSnapshot, type WaitingItem } from "./pageData.ts"

interface MutableWaiting {
  item: number
  value: number | undefined
  producedAt: number
  producer: number
}

interface Holding {
  busy: boolean
  item: number
  value: number | undefined
  producedAt: number
  since: number
}

const copyWaiting = ({ item, value, producedAt, producer }: WaitingItem): WaitingItem => ({
  item,
  value,
  producedAt,
  producer,
})

export class RunState {
  /** Items waiting in the queue. */
  depth = 0
  /** Waiting items whose identity the state does not know (a snapshot lists only the oldest). */
  private unlisted = 0
  /** Waiting items, oldest first (a Map keeps insertion order; an enqueued item goes to the back). */
  private readonly queue = new Map<number, MutableWaiting>()
  private readonly spare: Array<MutableWaiting> = []
  private readonly holding: Array<Holding> = []
  private readonly done: Array<number> = []

  static fromSnapshot(snapshot: RunSnapshot): RunState {
    const state = new RunState()
    state.depth = snapshot.depth
    for (const waiting of snapshot.waiting) state.queue.set(waiting.item, copyWaiting(waiting))
    state.unlisted = Math.max(0, snapshot.depth - snapshot.waiting.length)
    snapshot.done.forEach((done, actor) => {
      state.ensureActor(actor)
      state.done[actor] = done
      const held = snapshot.holding[actor]
      if (held !== null && held !== undefined)
        state.hold(actor, held.item, held.value, held.producedAt, held.since)
    })
    return state
  }

  private ensureActor(actor: number): void {
    while (this.done.length <= actor) {
      this.done.push(0)
      this.holding.push({ busy: false, item: 0, value: undefined, producedAt: 0, since: 0 })
    }
  }

  private hold(
    actor: number,
    item: number,
    value: number | undefined,
    producedAt: number,
    since: number,
  ): void {
    const holding = this.holding[actor] as Holding
    holding.busy = true
    holding.item = item
    holding.value = value
    holding.producedAt = producedAt
    holding.since = since
  }

  private enterQueue(item: number, value: number | undefined, producedAt: number, producer: number): void {
    const record = this.spare.pop() ?? { item, value, producedAt, producer }
    record.item = item
    record.value = value
    record.producedAt = producedAt
    record.producer = producer
    this.queue.set(item, record)
  }

  /** Takes the item out of the queue; answers when it was made (-1 when the state does not know it). */
  private leaveQueue(item: number): number {
    const waiting = this.queue.get(item)
    if (waiting === undefined) {
      if (this.unlisted > 0) this.unlisted--
      return -1
    }
    this.queue.delete(item)
    this.spare.push(waiting)
    return waiting.producedAt
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
        this.enterQueue(item, value, at, actor)
        return undefined
      case Code.blocked: {
        this.depth--
        const producedAt = this.leaveQueue(item)
        this.hold(actor, item, value, producedAt < 0 ? at : producedAt, at)
        return undefined
      }
      case Code.enqueued: {
        this.depth++
        const held = this.holding[actor] as Holding
        held.busy = false
        this.enterQueue(item, value, held.item === item ? held.producedAt : at, actor)
        return undefined
      }
      case Code.dequeued: {
        this.depth--
        const producedAt = this.leaveQueue(item)
        this.hold(actor, item, value, producedAt < 0 ? at : producedAt, at)
        return producedAt < 0 ? undefined : at - producedAt
      }
      case Code.processed:
        ;(this.holding[actor] as Holding).busy = false
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
    return { listed: Array.from(this.queue.values(), copyWaiting), unlisted: this.unlisted }
  }

  /** What an actor (by index) holds, or null. */
  held(actor: number): HeldItem | null {
    const holding = this.holding[actor]
    if (holding === undefined || !holding.busy) return null
    const { item, value, producedAt, since } = holding
    return { item, value, producedAt, since }
  }

  /** Since when an actor has held what it holds, or -1 when it holds nothing (no copy: hot path). */
  heldSince(actor: number): number {
    const holding = this.holding[actor]
    return holding?.busy === true ? holding.since : -1
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
      waiting.push(copyWaiting(item))
    }
    return {
      depth: this.depth,
      waiting,
      holding: this.holding.map((_, actor) => this.held(actor)),
      done: [...this.done],
    }
  }
}
