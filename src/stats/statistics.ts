/**
 * The statistics of a run, as one fold over its events: a sink of its own. Every command that shows
 * or compares runs reads its figures from here, so they cannot disagree. Other sinks read the state
 * it keeps: the course's cyan lines print the latency of each pick-up, a window opens with what is
 * queued and who is busy.
 *
 * A window (`replay --from/--until`) restricts the figures to a part of the run: events before it
 * still rebuild the state (what is queued, who is busy), but only what happens inside it counts.
 */
import * as Effect from "effect/Effect"
import { consumerName, type RunEnd, type RunHeader, type SimEvent } from "../engine/events.ts"
import { InternalError } from "../errors.ts"
import { microsToSeconds } from "../scenario/duration.ts"
import type { Sink } from "../sinks/sink.ts"
import { ItemTimes } from "./itemTimes.ts"
import { DurationSamples } from "./samples.ts"
import type { Statistics } from "./schema.ts"
import { roundToMicros } from "./summary.ts"

export type { Statistics }

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

/** What the queue and the consumers held at a moment. */
export interface Snapshot {
  readonly queueDepth: number
  readonly inProcess: ReadonlyMap<string, ItemInHand>
}

/** What one consumer is doing; one mutable record per consumer, so folding allocates nothing. */
interface ConsumerState {
  busy: boolean
  item: number
  value: number | undefined
  since: number
  /** Busy time inside the window, up to `since` when busy. */
  busyTime: number
}

export class StatisticsFold implements Sink<Statistics> {
  private header: RunHeader | undefined
  private produced = 0
  // Every item produced so far, in the window or before it: how far a run or a replay has come.
  private producedInRun = 0
  private consumed = 0
  private dropped = 0
  // Creation time of each item still in the run (a ring over the live ids: itemTimes.ts).
  private readonly createdAt = new ItemTimes()
  private readonly latencies = new DurationSamples()
  private readonly sojourns = new DurationSamples()
  private depth = 0
  private maxDepth = 0
  private depthArea = 0
  private lastAt = 0
  private readonly consumers = new Map<string, ConsumerState>()
  private readonly blockedSince = new Map<number, number>()
  private blocked = 0
  private blockedTime = 0

  private readonly window: TimeWindow
  private atWindowStart: Snapshot | undefined
  private result: Statistics | undefined

  constructor(window: TimeWindow = wholeRun) {
    this.window = window
  }

  readonly start = (header: RunHeader): void => {
    this.header = header
  }

  readonly end = (end: RunEnd): Effect.Effect<Statistics> => Effect.sync(() => this.finish(end))

  readonly abort = (): Effect.Effect<void> => Effect.void

  private creationOf(item: number): number | undefined {
    return this.createdAt.get(item)
  }

  private consumer(actor: string): ConsumerState {
    let state = this.consumers.get(actor)
    if (state === undefined) {
      state = { busy: false, item: 0, value: undefined, since: 0, busyTime: 0 }
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

  /** Folds one event in. */
  readonly event = (event: SimEvent): void => {
    // Events at the window's start belong to it: the state it opens with is the one before them.
    if (this.atWindowStart === undefined && event.at >= this.window.fromMicros)
      this.atWindowStart = this.snapshot()
    this.advanceTo(event.at)
    const counts = this.inWindow(event.at)
    const item = event.item ?? -1
    switch (event.type) {
      case "produced":
        this.producedInRun++
        if (counts) this.produced++
        this.createdAt.set(item, event.at)
        this.depth++
        return
      case "blocked":
        if (counts) this.blocked++
        this.blockedSince.set(item, event.at)
        this.depth--
        return
      case "enqueued":
        this.blockedTime += this.overlap(this.blockedSince.get(item) ?? event.at, event.at)
        this.blockedSince.delete(item)
        this.depth++
        return
      case "dequeued": {
        this.depth--
        const consumer = this.consumer(event.actor)
        consumer.busy = true
        consumer.item = item
        consumer.value = event.value
        consumer.since = event.at
        const createdAt = this.creationOf(item)
        if (counts) {
          this.consumed++
          if (createdAt !== undefined) this.latencies.push(event.at - createdAt)
        }
        return
      }
      case "processed": {
        const consumer = this.consumer(event.actor)
        if (consumer.busy) consumer.busyTime += this.overlap(consumer.since, event.at)
        consumer.busy = false
        const createdAt = this.creationOf(item)
        if (counts && createdAt !== undefined) this.sojourns.push(event.at - createdAt)
        this.createdAt.delete(item)
        return
      }
      case "dropped":
        if (counts) this.dropped++
        this.depth--
        this.createdAt.delete(item)
        return
      default:
        // Readers skip event types they do not know.
        return
    }
  }

  /**
   * The latency of a pick-up (a `dequeued` event) in microseconds: what the course's cyan line
   * prints. The same before or after the event is folded in.
   */
  latencyOf(event: SimEvent): number | undefined {
    const createdAt = event.item === undefined ? undefined : this.creationOf(event.item)
    return createdAt === undefined ? undefined : event.at - createdAt
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

  /** Items produced so far, counted from the run's start whatever the window (the progress line shows them). */
  get producedSoFar(): number {
    return this.producedInRun
  }

  /** What the queue and the consumers hold right now. */
  snapshot(): Snapshot {
    const inProcess = new Map<string, ItemInHand>()
    for (const [actor, state] of this.consumers) {
      if (state.busy) inProcess.set(actor, { item: state.item, value: state.value })
    }
    return { queueDepth: this.depth, inProcess }
  }

  /** What the queue and the consumers held when the window opened (before its first event). */
  windowStart(): Snapshot {
    return this.atWindowStart ?? this.snapshot()
  }

  /** The figures, once the run has ended. */
  get statistics(): Statistics {
    if (this.result === undefined)
      throw new InternalError({ message: "statistics asked before the run ended" })
    return this.result
  }

  /**
   * The busy fraction of all consumers together, and of each: the run's consumers by number, then
   * any other consumer a recording names. One that never took an item was idle throughout.
   */
  private utilization(header: RunHeader, end: RunEnd, elapsed: number): Statistics["utilization"] {
    const names = new Set(
      Array.from({ length: header.scenario.consumers }, (_, index) => consumerName(index + 1)),
    )
    for (const name of this.consumers.keys()) names.add(name)
    const fraction = (busyTime: number) => (elapsed > 0 ? roundToMicros(busyTime / elapsed) : 0)
    let busyTime = 0
    const byConsumer = new Map<string, number>()
    for (const name of names) {
      const state = this.consumers.get(name)
      const busy =
        state === undefined ? 0 : state.busyTime + (state.busy ? this.overlap(state.since, end.at) : 0)
      busyTime += busy
      byConsumer.set(name, fraction(busy))
    }
    return {
      consumers: fraction(busyTime / header.scenario.consumers),
      // fromEntries makes every name an own key, even one such as "__proto__" in a crafted recording.
      byConsumer: Object.fromEntries(byConsumer),
    }
  }

  /** The figures of the run; the header names it and says how many consumers shared the work. */
  finish(end: RunEnd): Statistics {
    if (this.result !== undefined) return this.result
    const header = this.header
    if (header === undefined) throw new InternalError({ message: "a statistics fold was never started" })
    this.atWindowStart ??= this.snapshot()
    this.advanceTo(end.at)
    let blockedTime = this.blockedTime
    for (const since of this.blockedSince.values()) blockedTime += this.overlap(since, end.at)
    const windowed = this.window !== wholeRun
    const windowEnd = Math.min(end.at, this.window.untilMicros)
    const elapsed = Math.max(0, windowEnd - this.window.fromMicros)
    const perSecond = (count: number) => (elapsed > 0 ? roundToMicros(count / microsToSeconds(elapsed)) : 0)
    this.result = {
      mode: header.mode,
      seed: header.seed,
      elapsed: microsToSeconds(elapsed),
      end: { at: microsToSeconds(end.at), reason: end.reason },
      produced: this.produced,
      consumed: this.consumed,
      dropped: this.dropped,
      latency: this.latencies.summarizeInPlace(),
      sojourn: this.sojourns.summarizeInPlace(),
      queue: {
        maxDepth: this.maxDepth,
        meanDepth: elapsed > 0 ? roundToMicros(this.depthArea / elapsed) : 0,
      },
      throughput: perSecond(this.consumed),
      utilization: this.utilization(header, end, elapsed),
      producers: { blocked: this.blocked, blockedTime: microsToSeconds(blockedTime) },
      ...(windowed
        ? { window: { from: microsToSeconds(this.window.fromMicros), until: microsToSeconds(windowEnd) } }
        : {}),
      scenario: header.scenario,
    }
    return this.result
  }
}
