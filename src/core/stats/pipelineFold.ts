/**
 * A pipeline's statistics: one StageFold (one item lifecycle) per stage, and what only the whole
 * pipeline knows: when each item was created, its first pick-up (`latency`, the course's figure),
 * when it left (`sojourn`, end to end), and who is busy or held. Fed by the statistics fold for a
 * run whose header has stages.
 */
import { InternalError } from "../../errors.ts"
import type { RunEnd, SimEvent } from "../engine/events.ts"
import type { ActorRoster } from "../lifecycle/actorRoster.ts"
import { ItemTimes } from "../lifecycle/itemTimes.ts"
import { microsToSeconds } from "../scenario/duration.ts"
import type { Snapshot } from "../sinks/sink.ts"
import { DurationSamples } from "./samples.ts"
import type { StageStatistics, Statistics } from "./schema.ts"
import { StageFold, type WindowMeasure } from "./stageFold.ts"
import { roundToMicros } from "./summary.ts"

/** The figures a pipeline adds to, or puts in place of, the single queue's. */
export type PipelineFigures = Pick<
  Statistics,
  "produced" | "consumed" | "dropped" | "latency" | "sojourn" | "queue" | "utilization" | "producers"
> &
  Required<Pick<Statistics, "stages" | "deadLettered" | "bottleneck">>

export class PipelineFold {
  private readonly stageFolds: ReadonlyArray<StageFold>
  private readonly created = new ItemTimes()
  private readonly awaitingPickUp = new ItemTimes()
  private readonly latencies = new DurationSamples()
  private readonly sojourns = new DurationSamples()
  /** Serving time by actor index, up to each worker's current attempt. */
  private readonly busyTime: Array<number>
  producedInRun = 0
  private produced = 0
  private consumed = 0
  private dropped = 0
  private deadLettered = 0
  private blocked = 0
  private producersBlockedTime = 0

  private readonly roster: ActorRoster
  private readonly window: WindowMeasure

  constructor(roster: ActorRoster, window: WindowMeasure) {
    this.roster = roster
    this.window = window
    this.stageFolds = roster.stages.map((stage) => new StageFold(stage.workers, window))
    this.busyTime = new Array<number>(roster.size).fill(0)
  }

  private stageNamed(event: SimEvent): StageFold {
    const fold = this.stageFolds[this.roster.stageIndexOf(event.stage ?? "")]
    if (fold === undefined)
      throw new InternalError({ message: "the statistics were fed a pipeline event of an unknown stage" })
    return fold
  }

  event(event: SimEvent, actor: number): void {
    const at = event.at
    const fold = this.stageNamed(event)
    // Only the named stage's queue changes here; the others' depths are integrated when they next
    // change (or at the end), which sums to the same figures and keeps an event's cost apart from
    // the number of stages.
    fold.advanceTo(at)
    const counts = this.window.inWindow(at)
    const heldSince = fold.queue.heldSince(actor)
    fold.event(event, actor)
    const item = event.item ?? -1
    switch (event.type) {
      case "produced":
        this.producedInRun++
        if (counts) this.produced++
        this.created.set(item, at)
        this.awaitingPickUp.set(item, at)
        return
      case "blocked":
        if (counts && this.roster.isProducer(actor)) this.blocked++
        return
      case "enqueued":
        if (this.roster.isProducer(actor) && heldSince >= 0)
          this.producersBlockedTime += this.window.overlap(heldSince, at)
        return
      case "handedOn": {
        // The worker was held by this full queue: blocked time of its own stage.
        const own = this.stageFolds[this.roster.stageOf(actor)]
        if (own !== undefined && heldSince >= 0) own.blockedTime += this.window.overlap(heldSince, at)
        return
      }
      case "dequeued": {
        const createdAt = this.awaitingPickUp.get(item)
        if (createdAt === undefined) return
        this.awaitingPickUp.delete(item)
        if (counts) this.latencies.push(at - createdAt)
        return
      }
      case "processed":
      case "failed":
        if (heldSince >= 0)
          this.busyTime[actor] = (this.busyTime[actor] as number) + this.window.overlap(heldSince, at)
        return
      case "departed": {
        const createdAt = this.created.get(item)
        if (counts) {
          this.consumed++
          if (createdAt !== undefined) this.sojourns.push(at - createdAt)
        }
        this.forget(item)
        return
      }
      case "dropped":
        if (counts) this.dropped++
        this.forget(item)
        return
      case "deadLettered":
        if (counts) this.deadLettered++
        this.forget(item)
        return
    }
  }

  private forget(item: number): void {
    this.created.delete(item)
    this.awaitingPickUp.delete(item)
  }

  /** The wait of a pick-up in its stage's queue: what its line prints. */
  latencyOf(event: SimEvent): number | undefined {
    const fold = this.stageFolds[this.roster.stageIndexOf(event.stage ?? "")]
    const enteredAt = event.item === undefined ? undefined : fold?.queue.createdAt(event.item)
    return enteredAt === undefined ? undefined : event.at - enteredAt
  }

  /** Items waiting in every queue, and what every worker serves or holds for a full queue below. */
  snapshot(): Snapshot {
    const inProcess = new Map<string, { item: number; value: number | undefined; heldFor?: string }>()
    let queueDepth = 0
    const queues: Array<{ stage: string; depth: number }> = []
    this.stageFolds.forEach((fold, index) => {
      queueDepth += fold.queue.depth
      const { name, first, workers } = this.roster.stages[index] as {
        readonly name: string
        readonly first: number
        readonly workers: number
      }
      queues.push({ stage: name, depth: fold.queue.depth })
      for (let actor = first; actor < first + workers; actor++) {
        const item = fold.queue.heldBy(actor)
        if (item >= 0) {
          inProcess.set(this.roster.nameOf(actor), { item, value: fold.queue.heldValueOf(actor) })
          continue
        }
        // A worker held by a full queue below holds its item in that stage's story, as a blocked producer.
        this.stageFolds.forEach((below, other) => {
          const held = below.queue.heldBy(actor)
          if (other !== index && held >= 0)
            inProcess.set(this.roster.nameOf(actor), {
              item: held,
              value: below.queue.heldValueOf(actor),
              heldFor: (this.roster.stages[other] as { readonly name: string }).name,
            })
        })
      }
    })
    return { queueDepth, inProcess, queues }
  }

  finish(end: RunEnd, elapsed: number): PipelineFigures {
    const roster = this.roster
    const stages: Array<[string, StageStatistics]> = []
    const byConsumer = new Map<string, number>()
    let allBusy = 0
    const fraction = (busy: number, workers: number) =>
      elapsed > 0 && workers > 0 ? roundToMicros(busy / (elapsed * workers)) : 0
    this.stageFolds.forEach((fold, index) => {
      const stage = roster.stages[index] as {
        readonly name: string
        readonly first: number
        readonly workers: number
      }
      const actors = Array.from({ length: stage.workers }, (_, worker) => stage.first + worker)
      for (const actor of actors) {
        const since = fold.queue.heldSince(actor)
        const busy = (this.busyTime[actor] as number) + (since < 0 ? 0 : this.window.overlap(since, end.at))
        allBusy += busy
        byConsumer.set(roster.nameOf(actor), fraction(busy, 1))
        // A worker still held by a full queue below at the end: blocked until then.
        for (const [other, below] of this.stageFolds.entries()) {
          const heldSince = below.queue.heldSince(actor)
          if (other !== index && heldSince >= 0) fold.blockedTime += this.window.overlap(heldSince, end.at)
        }
      }
      stages.push([stage.name, fold.finish(end.at, elapsed, actors)])
    })
    let producersBlockedTime = this.producersBlockedTime
    const entry = this.stageFolds[0]
    for (let actor = 0; actor < roster.producers; actor++) {
      const since = entry?.queue.heldSince(actor) ?? -1
      if (since >= 0) producersBlockedTime += this.window.overlap(since, end.at)
    }
    // Serving, not held: a stage held up by a full queue below it is not the bottleneck.
    const busiest = stages.reduce<[string, StageStatistics] | undefined>(
      (best, candidate) =>
        candidate[1].utilization > 0 && (best === undefined || candidate[1].utilization > best[1].utilization)
          ? candidate
          : best,
      undefined,
    )
    const [, first] = stages[0] as [string, StageStatistics]
    return {
      produced: this.produced,
      consumed: this.consumed,
      dropped: this.dropped,
      deadLettered: this.deadLettered,
      latency: this.latencies.summarizeInPlace(),
      sojourn: this.sojourns.summarizeInPlace(),
      queue: first.queue,
      utilization: {
        consumers: fraction(allBusy, roster.consumers),
        byConsumer: Object.fromEntries(byConsumer),
      },
      producers: { blocked: this.blocked, blockedTime: microsToSeconds(producersBlockedTime) },
      // fromEntries makes every name an own key, even one such as "__proto__".
      stages: Object.fromEntries(stages),
      bottleneck: busiest === undefined ? null : busiest[0],
    }
  }
}
