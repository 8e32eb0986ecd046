/**
 * The statistics of a run, as one fold over its events. `simulate` and `replay` both feed events
 * through this fold, so their figures cannot disagree. The fold also answers, event by event, the
 * latency of each pick-up, which is what the course's cyan lines print.
 */
import type { RunEnd, SimEvent } from "../engine/events.ts"
import { microsToSeconds } from "../scenario/duration.ts"
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
}

export interface RunInfo {
  readonly mode: string
  readonly seed: number
  readonly consumers: number
}

export class StatisticsFold {
  private produced = 0
  private consumed = 0
  private dropped = 0
  private readonly createdAt = new Map<number, number>()
  private readonly latencies: Array<number> = []
  private readonly sojourns: Array<number> = []
  private depth = 0
  private maxDepth = 0
  private depthArea = 0
  private lastAt = 0
  private readonly busySince = new Map<string, number>()
  private busyTime = 0
  private readonly blockedSince = new Map<number, number>()
  private blocked = 0
  private blockedTime = 0

  constructor(private readonly info: RunInfo) {}

  /** Folds one event in; for a pick-up, returns its latency in microseconds. */
  add(event: SimEvent): number | undefined {
    this.advanceTo(event.at)
    const item = event.item ?? -1
    switch (event.type) {
      case "produced":
        this.produced++
        this.createdAt.set(item, event.at)
        this.depth++
        return undefined
      case "blocked":
        this.blocked++
        this.blockedSince.set(item, event.at)
        this.depth--
        return undefined
      case "enqueued":
        this.blockedTime += event.at - (this.blockedSince.get(item) ?? event.at)
        this.blockedSince.delete(item)
        this.depth++
        return undefined
      case "dequeued": {
        this.consumed++
        this.depth--
        this.busySince.set(event.actor, event.at)
        const createdAt = this.createdAt.get(item)
        if (createdAt === undefined) return undefined
        const latency = event.at - createdAt
        this.latencies.push(latency)
        return latency
      }
      case "processed": {
        const since = this.busySince.get(event.actor)
        if (since !== undefined) this.busyTime += event.at - since
        this.busySince.delete(event.actor)
        const createdAt = this.createdAt.get(item)
        if (createdAt !== undefined) this.sojourns.push(event.at - createdAt)
        this.createdAt.delete(item)
        return undefined
      }
      case "dropped":
        this.dropped++
        this.depth--
        this.createdAt.delete(item)
        return undefined
      default:
        // Readers skip event types they do not know.
        return undefined
    }
  }

  /** Depth only counts once it has been held for some time, so same-instant steps do not show. */
  private advanceTo(at: number): void {
    if (at <= this.lastAt) return
    this.depthArea += this.depth * (at - this.lastAt)
    if (this.depth > this.maxDepth) this.maxDepth = this.depth
    this.lastAt = at
  }

  finish(end: RunEnd): Statistics {
    this.advanceTo(end.at)
    let busyTime = this.busyTime
    for (const since of this.busySince.values()) busyTime += end.at - since
    let blockedTime = this.blockedTime
    for (const since of this.blockedSince.values()) blockedTime += end.at - since
    const elapsed = end.at
    const perSecond = (count: number) => (elapsed > 0 ? roundToMicros(count / microsToSeconds(elapsed)) : 0)
    return {
      mode: this.info.mode,
      seed: this.info.seed,
      elapsed: microsToSeconds(elapsed),
      produced: this.produced,
      consumed: this.consumed,
      dropped: this.dropped,
      latency: summarizeMicros(this.latencies),
      sojourn: summarizeMicros(this.sojourns),
      queue: {
        maxDepth: this.maxDepth,
        meanDepth: elapsed > 0 ? roundToMicros(this.depthArea / elapsed) : 0,
      },
      throughput: perSecond(this.consumed),
      utilization: {
        consumers: elapsed > 0 ? roundToMicros(busyTime / (elapsed * this.info.consumers)) : 0,
      },
      producers: { blocked: this.blocked, blockedTime: microsToSeconds(blockedTime) },
    }
  }
}
