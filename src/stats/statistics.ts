/**
 * The statistics of a run, as one fold over its events. `simulate` and `replay` both feed events
 * through this fold, so their figures cannot disagree. The fold also answers, event by event, the
 * latency of each pick-up, which is what the course's cyan lines print.
 *
 * A window (`replay --from/--until`) restricts the figures to a part of the run: events before it
 * still rebuild the state (what is queued, who is busy), but only what happens inside it counts.
 */
import type { RunEnd, SimEvent } from "../engine/events.ts"
import { microsToSeconds } from "../scenario/duration.ts"
import { DurationSamples } from "./samples.ts"
import { type DurationSummary, roundToMicros, summarizeMicros } from "./summary.ts"

export interface Statistics {
  readonly mode: string
  readonly seed: number
  readonly elapsed: number
  readonly produced: number
  readonly consumed: number
  readonly dropped: number
  /** From an item's creation stamp until a consumer picks it up (the course's figure). */
  readonly latency: DurationSummary
  /** From creation until its processing finished. */
  readonly sojourn: DurationSummary
  readonly queue: { readonly maxDepth: number; readonly meanDepth: number }
  readonly throughput: number
  readonly utilization: { readonly consumers: number }
  /** How often producers found the queue full and waited (`--when-full suspend`), and for how long. */
  readonly producers: { readonly blocked: number; readonly blockedTime: number }
  /** Present only when the figures cover part of the run: its bounds, in seconds. */
  readonly window?: { readonly from: number; readonly until: number }
}

export interface RunInfo {
  readonly mode: string
  readonly seed: number
  readonly consumers: number
}

/** A part of the run, in microseconds: from inclusive, until exclusive. */
export interface TimeWindow {
  readonly fromMicros: number
  readonly untilMicros: number
}

export const wholeRun: TimeWindow = { fromMicros: 0, untilMicros: Number.POSITIVE_INFINITY }

export interface ItemInHand {
  readonly item: number
  readonly value: number | undefined
}

/** What one consumer is doing; one mutable record per consumer, so folding allocates nothing. */
interface ConsumerState {
  busy: boolean
  item: number
  value: number | undefined
  since: number
}

export class StatisticsFold {
  private produced = 0
  private consumed = 0
  private dropped = 0
  // Creation time by item id; -1 once the item is gone. Ids are small consecutive integers in
  // practice, which makes this a dense array (a Map here costs a third of the whole fold).
  private readonly createdAt: Array<number> = []
  private readonly latencies = new DurationSamples()
  private readonly sojourns = new DurationSamples()
  private depth = 0
  private maxDepth = 0
  private depthArea = 0
  private lastAt = 0
  private readonly consumers = new Map<string, ConsumerState>()
  private busyTime = 0
  private readonly blockedSince = new Map<number, number>()
  private blocked = 0
  private blockedTime = 0

  private readonly window: TimeWindow

  constructor(window: TimeWindow = wholeRun) {
    this.window = window
  }

  private creationOf(item: number): number | undefined {
    const at = this.createdAt[item]
    return at === undefined || at < 0 ? undefined : at
  }

  private consumer(actor: string): ConsumerState {
    let state = this.consumers.get(actor)
    if (state === undefined) {
      state = { busy: false, item: 0, value: undefined, since: 0 }
      this.consumers.set(actor, state)
    }
    return state
  }

  /** Length of [start, end] that lies inside the window. */
  private overlap(start: number, end: number): number {
    return Math.max(0, Math.min(end, this.window.untilMicros) - Math.max(start, this.window.fromMicros))
  }

  private inWindow(at: number): boolean {
    return at >= this.window.fromMicros && at < this.window.untilMicros
  }

  /** Folds one event in; for a pick-up, returns its latency in microseconds. */
  add(event: SimEvent): number | undefined {
    this.advanceTo(event.at)
    const counts = this.inWindow(event.at)
    const item = event.item ?? -1
    switch (event.type) {
      case "produced":
        if (counts) this.produced++
        this.createdAt[item] = event.at
        this.depth++
        return undefined
      case "blocked":
        if (counts) this.blocked++
        this.blockedSince.set(item, event.at)
        this.depth--
        return undefined
      case "enqueued":
        this.blockedTime += this.overlap(this.blockedSince.get(item) ?? event.at, event.at)
        this.blockedSince.delete(item)
        this.depth++
        return undefined
      case "dequeued": {
        this.depth--
        const consumer = this.consumer(event.actor)
        consumer.busy = true
        consumer.item = item
        consumer.value = event.value
        consumer.since = event.at
        const createdAt = this.creationOf(item)
        const latency = createdAt === undefined ? undefined : event.at - createdAt
        if (counts) {
          this.consumed++
          if (latency !== undefined) this.latencies.push(latency)
        }
        return latency
      }
      case "processed": {
        const consumer = this.consumer(event.actor)
        if (consumer.busy) this.busyTime += this.overlap(consumer.since, event.at)
        consumer.busy = false
        const createdAt = this.creationOf(item)
        if (counts && createdAt !== undefined) this.sojourns.push(event.at - createdAt)
        this.createdAt[item] = -1
        return undefined
      }
      case "dropped":
        if (counts) this.dropped++
        this.depth--
        this.createdAt[item] = -1
        return undefined
      default:
        // Readers skip event types they do not know.
        return undefined
    }
  }

  /** Depth only counts once it has been held for some time, so same-instant steps do not show. */
  private advanceTo(at: number): void {
    if (at <= this.lastAt) return
    const held = this.overlap(this.lastAt, at)
    if (held > 0) {
      this.depthArea += this.depth * held
      if (this.depth > this.maxDepth) this.maxDepth = this.depth
    }
    this.lastAt = at
  }

  /** Items waiting in the queue right now. */
  queueDepth(): number {
    return this.depth
  }

  /** What each busy consumer is processing right now. */
  inProcess(): ReadonlyMap<string, ItemInHand> {
    const busy = new Map<string, ItemInHand>()
    for (const [actor, state] of this.consumers) {
      if (state.busy) busy.set(actor, { item: state.item, value: state.value })
    }
    return busy
  }

  /** The figures of the run; `info` names it and says how many consumers shared the work. */
  finish(end: RunEnd, info: RunInfo): Statistics {
    this.advanceTo(end.at)
    let busyTime = this.busyTime
    for (const state of this.consumers.values()) if (state.busy) busyTime += this.overlap(state.since, end.at)
    let blockedTime = this.blockedTime
    for (const since of this.blockedSince.values()) blockedTime += this.overlap(since, end.at)
    const windowed = this.window !== wholeRun
    const windowEnd = Math.min(end.at, this.window.untilMicros)
    const elapsed = Math.max(0, windowEnd - this.window.fromMicros)
    const perSecond = (count: number) => (elapsed > 0 ? roundToMicros(count / microsToSeconds(elapsed)) : 0)
    return {
      mode: info.mode,
      seed: info.seed,
      elapsed: microsToSeconds(elapsed),
      produced: this.produced,
      consumed: this.consumed,
      dropped: this.dropped,
      latency: summarizeMicros(this.latencies.view()),
      sojourn: summarizeMicros(this.sojourns.view()),
      queue: {
        maxDepth: this.maxDepth,
        meanDepth: elapsed > 0 ? roundToMicros(this.depthArea / elapsed) : 0,
      },
      throughput: perSecond(this.consumed),
      utilization: {
        consumers: elapsed > 0 ? roundToMicros(busyTime / (elapsed * info.consumers)) : 0,
      },
      producers: { blocked: this.blocked, blockedTime: microsToSeconds(blockedTime) },
      ...(windowed
        ? { window: { from: microsToSeconds(this.window.fromMicros), until: microsToSeconds(windowEnd) } }
        : {}),
    }
  }
}
