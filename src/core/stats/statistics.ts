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
import { InternalError } from "../../errors.ts"
import type { RunEnd, RunHeader, SimEvent } from "../engine/events.ts"
import { ActorRoster } from "../lifecycle/actorRoster.ts"
import { EventCode, eventTypeCode, ItemLifecycle } from "../lifecycle/itemLifecycle.ts"
import { microsToSeconds } from "../scenario/duration.ts"
import type { RunContext, RunSink, Snapshot } from "../sinks/sink.ts"
import { PipelineFold } from "./pipelineFold.ts"
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

export class StatisticsFold implements RunSink<Statistics> {
  private header: RunHeader | undefined
  private roster: ActorRoster | undefined
  // The engine's runs and the recordings replayed (checked as they are read) keep to the story.
  private readonly items = new ItemLifecycle({ keepsPlaces: false })
  private produced = 0
  // Every item produced so far, in the window or before it: how far a run or a replay has come.
  private producedInRun = 0
  private consumed = 0
  private dropped = 0
  private readonly latencies = new DurationSamples()
  private readonly sojourns = new DurationSamples()
  private maxDepth = 0
  private depthArea = 0
  private lastAt = 0
  /** Busy time inside the window by actor index (consumers), up to when the current item was taken. */
  private busyTime: Array<number> = []
  private blocked = 0
  private blockedTime = 0

  /** A pipeline's figures, when the run has stages. */
  private pipeline: PipelineFold | undefined

  private readonly window: TimeWindow
  private atWindowStart: Snapshot | undefined
  private result: Statistics | undefined

  constructor(window: TimeWindow = wholeRun) {
    this.window = window
  }

  readonly start = (header: RunHeader): void => {
    this.header = header
    this.roster = new ActorRoster(header.scenario)
    this.busyTime = new Array<number>(this.roster.size).fill(0)
    if (this.roster.stages.length > 0) {
      this.pipeline = new PipelineFold(this.roster, {
        overlap: (start, end) => this.overlap(start, end),
        inWindow: (at) => this.inWindow(at),
      })
    }
  }

  readonly end = (end: RunEnd): Effect.Effect<Statistics> => Effect.sync(() => this.finish(end))

  readonly abort = (): Effect.Effect<void> => Effect.void

  /** Length of [start, end] that lies inside the window. */
  private overlap(start: number, end: number): number {
    return Math.max(0, Math.min(end, this.window.untilMicros) - Math.max(start, this.window.fromMicros))
  }

  private inWindow(at: number): boolean {
    return at >= this.window.fromMicros && at < this.window.untilMicros
  }

  private actorIndex(name: string): number {
    const index = this.roster?.indexOf(name) ?? -1
    if (index < 0)
      throw new InternalError({ message: `the statistics were fed an event of an unknown actor` })
    return index
  }

  /** Folds one event in; `known` is its actor's index when the feeder knows it (a run does). */
  readonly event = (event: SimEvent, known?: number): void => {
    // Events at the window's start belong to it: the state it opens with is the one before them.
    if (this.atWindowStart === undefined && event.at >= this.window.fromMicros)
      this.atWindowStart = this.snapshot()
    this.advanceTo(event.at)
    if (this.pipeline !== undefined) {
      this.pipeline.event(event, known ?? this.actorIndex(event.actor))
      return
    }
    const code = eventTypeCode(event.type)
    // Readers skip event types they do not know.
    if (code < 0) return
    const at = event.at
    const counts = this.inWindow(at)
    const item = event.item ?? -1
    const actor = known ?? this.actorIndex(event.actor)
    const items = this.items
    // Each case reads what it needs before the lifecycle moves on: this runs for every event.
    switch (code) {
      case EventCode.produced:
        items.produced(at, actor, item)
        this.producedInRun++
        if (counts) this.produced++
        return
      case EventCode.blocked:
        items.blocked(at, actor, item, event.value)
        if (counts) this.blocked++
        return
      case EventCode.enqueued: {
        // The end of the time the producer was held by the full queue.
        const heldSince = items.heldSince(actor)
        items.enqueued(actor, item)
        this.blockedTime += this.overlap(heldSince < 0 ? at : heldSince, at)
        return
      }
      case EventCode.dequeued: {
        const createdAt = items.createdAt(item)
        items.dequeued(at, actor, item, event.value)
        if (counts) {
          this.consumed++
          if (createdAt !== undefined) this.latencies.push(at - createdAt)
        }
        return
      }
      case EventCode.processed: {
        // The end of the consumer's busy span, and of the item's sojourn.
        const heldSince = items.heldSince(actor)
        const createdAt = items.createdAt(item)
        items.processed(actor, item)
        if (heldSince >= 0)
          this.busyTime[actor] = (this.busyTime[actor] as number) + this.overlap(heldSince, at)
        if (counts && createdAt !== undefined) this.sojourns.push(at - createdAt)
        return
      }
      case EventCode.dropped:
        items.dropped(actor, item)
        if (counts) this.dropped++
        return
      default:
        return
    }
  }

  /**
   * The latency of a pick-up (a `dequeued` event) in microseconds: what the course's cyan line
   * prints. The same before or after the event is folded in.
   */
  latencyOf(event: SimEvent): number | undefined {
    if (this.pipeline !== undefined) return this.pipeline.latencyOf(event)
    const createdAt = event.item === undefined ? undefined : this.items.createdAt(event.item)
    return createdAt === undefined ? undefined : event.at - createdAt
  }

  /** Depth only counts once it has been held for some time, so same-instant steps do not show. */
  private advanceTo(at: number): void {
    if (at <= this.lastAt) return
    const held = this.overlap(this.lastAt, at)
    if (held > 0) {
      const depth = this.items.depth
      this.depthArea += depth * held
      if (depth > this.maxDepth) this.maxDepth = depth
    }
    this.lastAt = at
  }

  /** What the run's other sinks may read of this fold. */
  readonly context: RunContext = {
    latencyOf: (event) => this.latencyOf(event),
    windowStart: () => this.windowStart(),
    producedSoFar: () => this.pipeline?.producedInRun ?? this.producedInRun,
    statistics: () => this.statistics,
  }

  /** What the queue and the consumers hold right now. */
  snapshot(): Snapshot {
    if (this.pipeline !== undefined) return this.pipeline.snapshot()
    const inProcess = new Map<string, { item: number; value: number | undefined }>()
    const roster = this.roster
    if (roster !== undefined) {
      for (let actor = roster.producers; actor < roster.size; actor++) {
        const item = this.items.heldBy(actor)
        if (item >= 0) inProcess.set(roster.nameOf(actor), { item, value: this.items.heldValueOf(actor) })
      }
    }
    return { queueDepth: this.items.depth, inProcess }
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

  /** The busy fraction of all consumers together, and of each; one that never took an item was idle throughout. */
  private utilization(header: RunHeader, end: RunEnd, elapsed: number): Statistics["utilization"] {
    const roster = this.roster as ActorRoster
    const fraction = (busyTime: number) => (elapsed > 0 ? roundToMicros(busyTime / elapsed) : 0)
    let busyTime = 0
    const byConsumer = new Map<string, number>()
    for (let actor = roster.producers; actor < roster.size; actor++) {
      const since = this.items.heldSince(actor)
      const busy = (this.busyTime[actor] as number) + (since < 0 ? 0 : this.overlap(since, end.at))
      busyTime += busy
      byConsumer.set(roster.nameOf(actor), fraction(busy))
    }
    return {
      consumers: fraction(busyTime / header.scenario.consumers),
      // fromEntries makes every name an own key, even one such as "__proto__".
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
    const roster = this.roster as ActorRoster
    for (let actor = 0; actor < roster.producers; actor++) {
      const since = this.items.heldSince(actor)
      if (since >= 0) blockedTime += this.overlap(since, end.at)
    }
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
      dropRate: this.produced > 0 ? roundToMicros(this.dropped / this.produced) : null,
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
    if (this.pipeline !== undefined) {
      const figures = this.pipeline.finish(end, elapsed)
      const { window, scenario, ...single } = this.result
      this.result = {
        ...single,
        ...figures,
        dropRate: figures.produced > 0 ? roundToMicros(figures.dropped / figures.produced) : null,
        throughput: perSecond(figures.consumed),
        ...(window === undefined ? {} : { window }),
        scenario,
      }
    }
    return this.result
  }
}
