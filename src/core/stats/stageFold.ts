/**
 * One stage's figures in a pipeline: its queue is one more ItemLifecycle, fed the stage's events
 * under the lifecycle's own names. An item enters the stage's queue when it is produced into the
 * first stage, forwarded to this one, or retried here (each entry starts a new wait, so a retried
 * item's every wait is one latency sample); a worker held by this full queue is the lifecycle's
 * blocked producer; a failed attempt ends the worker's hold as a processed one does.
 */
import type { SimEvent } from "../engine/events.ts"
import { EventCode, ItemLifecycle } from "../lifecycle/itemLifecycle.ts"
import { stageStepOf } from "../lifecycle/stageSteps.ts"
import { microsToSeconds } from "../scenario/duration.ts"
import { DurationSamples } from "./samples.ts"
import type { StageStatistics } from "./schema.ts"
import { roundToMicros } from "./summary.ts"

/** What the stage fold needs of the statistics fold: its window. */
export interface WindowMeasure {
  readonly overlap: (start: number, end: number) => number
  readonly inWindow: (at: number) => boolean
}

export class StageFold {
  readonly queue = new ItemLifecycle({ keepsPlaces: false })
  private readonly latencies = new DurationSamples()
  private readonly services = new DurationSamples()
  private maxDepth = 0
  private depthArea = 0
  private lastAt = 0
  private busyTime = 0
  /** Worker-time of this stage's workers held by a full next queue. */
  blockedTime = 0
  private processed = 0
  private dropped = 0
  private failed = 0
  private retried = 0
  private deadLettered = 0

  readonly workers: number
  private readonly window: WindowMeasure

  constructor(workers: number, window: WindowMeasure) {
    this.workers = workers
    this.window = window
  }

  /** Time passes up to `at` with the queue as it is. */
  advanceTo(at: number): void {
    if (at <= this.lastAt) return
    const held = this.window.overlap(this.lastAt, at)
    if (held > 0) {
      const depth = this.queue.depth
      this.depthArea += depth * held
      if (depth > this.maxDepth) this.maxDepth = depth
    }
    this.lastAt = at
  }

  /** Folds an event naming this stage; `actor` is its index in the run's roster. */
  event(event: SimEvent, actor: number): void {
    const at = event.at
    const counts = this.window.inWindow(at)
    const item = event.item ?? -1
    const queue = this.queue
    // One step a case, each reading what it needs before the lifecycle moves on: this runs for every event.
    switch (stageStepOf(event.type)) {
      case EventCode.produced:
        if (counts && event.type === "retried") this.retried++
        queue.produced(at, actor, item)
        return
      case EventCode.blocked:
        queue.blocked(at, actor, item, event.value)
        return
      case EventCode.enqueued:
        queue.enqueued(actor, item)
        return
      case EventCode.dequeued: {
        const enteredAt = queue.createdAt(item)
        queue.dequeued(at, actor, item, event.value)
        if (counts && enteredAt !== undefined) this.latencies.push(at - enteredAt)
        return
      }
      case EventCode.processed: {
        const heldSince = queue.heldSince(actor)
        queue.processed(actor, item)
        if (heldSince >= 0) {
          this.busyTime += this.window.overlap(heldSince, at)
          if (counts) this.services.push(at - heldSince)
        }
        if (counts) {
          if (event.type === "processed") this.processed++
          else this.failed++
        }
        return
      }
      case EventCode.dropped:
        queue.dropped(actor, item)
        if (counts) this.dropped++
        return
      default:
        if (counts && event.type === "deadLettered") this.deadLettered++
        return
    }
  }

  /** Serving time of this stage's workers still at work when the run ends. */
  private busyUntil(end: number, workers: ReadonlyArray<number>): number {
    let busy = this.busyTime
    for (const actor of workers) {
      const since = this.queue.heldSince(actor)
      if (since >= 0) busy += this.window.overlap(since, end)
    }
    return busy
  }

  finish(end: number, elapsed: number, workerActors: ReadonlyArray<number>): StageStatistics {
    this.advanceTo(end)
    const busy = this.busyUntil(end, workerActors)
    const perSecond = (count: number) => (elapsed > 0 ? roundToMicros(count / microsToSeconds(elapsed)) : 0)
    return {
      latency: this.latencies.summarizeInPlace(),
      service: this.services.summarizeInPlace(),
      utilization: elapsed > 0 ? roundToMicros(busy / (elapsed * this.workers)) : 0,
      queue: {
        maxDepth: this.maxDepth,
        meanDepth: elapsed > 0 ? roundToMicros(this.depthArea / elapsed) : 0,
      },
      throughput: perSecond(this.processed),
      blockedTime: microsToSeconds(this.blockedTime),
      dropped: this.dropped,
      failed: this.failed,
      retried: this.retried,
      deadLettered: this.deadLettered,
    }
  }
}
