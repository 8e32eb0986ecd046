/**
 * One run as one process of a trace: a fold over the run's events that writes trace events as it
 * goes and keeps only what its open spans need (a record per actor, the items whose spans are open,
 * the queue depth), so a run of any length goes through in bounded memory.
 *
 * What a run becomes:
 * - a process named "MODE (seed N)", and a thread per actor, named after it (actorThreads.ts);
 * - on a consumer's thread, a slice per item processed (dequeued -> processed), named by its value;
 * - on a producer's thread, its pauses (from an item's hand-over to its next item) and the time it
 *   was blocked on a full queue (blocked -> enqueued); the pause after a producer's last item is not
 *   drawn, since nothing records when it ends;
 * - per item, two async spans keyed by the item: "waiting" (produced -> dequeued, or dropped) and
 *   "processing" (dequeued -> processed), joined by a flow from production to pick-up (itemSpans.ts);
 * - a "dropped" mark on the thread of the producer whose offer dropped or evicted an item;
 * - a "queue depth" counter: the depth the run's item lifecycle keeps (queueDepthTrack.ts);
 * - at the end, every span still open (timeout, interruption) closed at the end's time, and a
 *   "run end" mark with the reason.
 *
 * A pipeline's run keeps its producers in that process and gives each stage a process of its own
 * (queueTracks.ts), named by the stage: its workers' threads, its queue's depth counter and its item
 * spans. An item's spans in every stage make one flow, from its production through each wait and
 * attempt to where it leaves; a failed attempt is a slice of its own ("... failed") followed by a
 * "backoff" span until the item is "retried" (a mark on the stage), or a "dead-lettered" mark; a worker
 * held by a full queue below it is "blocked" on its thread until it gets its item in.
 */
import * as Effect from "effect/Effect"
import type { RunEnd, RunHeader, SimEvent } from "../engine/events.ts"
import { ActorRoster } from "../lifecycle/actorRoster.ts"
import { eventTypeCode } from "../lifecycle/itemLifecycle.ts"
import { stageStepOf } from "../lifecycle/stageSteps.ts"
import type { RunSink } from "../sinks/sink.ts"
import { ActorThreads, nameArgs, sortArgs } from "./actorThreads.ts"
import { QueueTracks } from "./queueTracks.ts"
import {
  itemArgs,
  jsonString,
  metadataEvent,
  processInstantEvent,
  threadInstantEvent,
} from "./traceEvents.ts"

/** What a run needs from the document it is written into. */
export interface TraceOutput {
  /** Appends one encoded trace event. */
  readonly append: (event: string) => void
  /** A number that no other process or thread of the document has. */
  readonly uniqueNumber: () => number
  /**
   * Claims the document for this run (runs are written one after another) and answers the offset of
   * its item keys: item n is key offset + n, unique in the document.
   */
  readonly beginRun: () => number
  /** Releases the document; the next run's keys start above `highestItemKey`. */
  readonly endRun: (highestItemKey: number) => void
}

export interface TraceRunResult {
  /** The run's process in the document. */
  readonly pid: number
  /** Trace events written for the run. */
  readonly traceEvents: number
  /** Spans still open at the run's end, closed there. */
  readonly closedAtEnd: number
}

/** What the fold holds at a moment: it never grows with the number of events, only with these. */
export interface HeldState {
  readonly actors: number
  /** Items produced and neither picked up nor dropped yet. */
  readonly waitingItems: number
  /** Items picked up and not processed yet. */
  readonly processingItems: number
  /** Producers' pauses and blocked times, and pipeline workers held by a full queue, under way. */
  readonly producerSpans: number
  /** Async beginnings held until their instant is over (itemSpans.ts). */
  readonly beginningsHeld: number
}

const text = {
  queue: jsonString("queue"),
  dropped: jsonString("dropped"),
  failed: jsonString("failed"),
  deadLettered: jsonString("dead-lettered"),
  retried: jsonString("retried"),
  runEnd: jsonString("run end"),
} as const

/** What a started run writes with. */
interface Tracks {
  readonly pid: number
  readonly itemKeyOffset: number
  /** Items per producer, from the scenario, to tell a producer's last item. */
  readonly itemsPerProducer: number
  readonly roster: ActorRoster
  /** The run's own threads: every actor's, or in a pipeline the producers'. */
  readonly threads: ActorThreads
  /** The course's one queue, or a pipeline's stages in order. */
  readonly queues: ReadonlyArray<QueueTracks>
  /** Item keys per item: one, or one per stage. */
  readonly keysPerItem: number
  /** In a pipeline, each stage's allowed retries: a failed attempt beyond them is dead-lettered. */
  readonly retries: ReadonlyArray<number>
}

export class RunTrace implements RunSink<TraceRunResult> {
  private readonly output: TraceOutput
  /** Present from the start to the end of the run. */
  private tracks: Tracks | undefined
  private highestItem = 0
  private traceEvents = 0

  constructor(output: TraceOutput) {
    this.output = output
  }

  private readonly write = (event: string): void => {
    this.output.append(event)
    this.traceEvents++
  }

  readonly start = (header: RunHeader): void => {
    const itemKeyOffset = this.output.beginRun()
    const pid = this.output.uniqueNumber()
    const items: unknown = header.scenario.items
    const stages = header.scenario.stages ?? []
    const keysPerItem = Math.max(1, stages.length)
    const { write } = this
    const newTid = this.output.uniqueNumber
    const threads = new ActorThreads(write, pid, newTid)
    this.write(
      metadataEvent("process_name", pid, undefined, nameArgs(`${header.mode} (seed ${header.seed})`)),
    )
    this.write(metadataEvent("process_sort_index", pid, undefined, sortArgs(pid)))
    const queues =
      stages.length === 0
        ? [new QueueTracks({ write, pid, keyOffset: itemKeyOffset }, threads)]
        : stages.map((stage, index) => {
            const stagePid = this.output.uniqueNumber()
            this.write(metadataEvent("process_name", stagePid, undefined, nameArgs(stage.name)))
            this.write(metadataEvent("process_sort_index", stagePid, undefined, sortArgs(stagePid)))
            // Item n's key in stage s is offset + n * stages + s + 1 - stages: its flow is stage 0's.
            const spans = {
              write,
              pid: stagePid,
              keyOffset: itemKeyOffset,
              keysPerItem,
              spanSlot: index + 1 - keysPerItem,
              flowSlot: 1 - keysPerItem,
            }
            return new QueueTracks(spans, new ActorThreads(write, stagePid, newTid, "blocked"), true)
          })
    this.tracks = {
      pid,
      itemKeyOffset,
      itemsPerProducer: typeof items === "number" ? items : -1,
      roster: new ActorRoster(header.scenario),
      threads,
      queues,
      keysPerItem,
      retries: stages.map((stage) => stage.retries ?? 0),
    }
  }

  /** `known` is the actor's index in the run's roster when the feeder gives it (a run and a replay do). */
  readonly event = (event: SimEvent, known?: number): void => {
    const tracks = this.tracks
    const { at, item, value } = event
    // Events without an item, and types this version does not know, are skipped, as readers do.
    if (tracks === undefined || item === undefined) return
    const { queues, roster } = tracks
    const inPipeline = tracks.retries.length > 0
    for (const queue of queues) queue.spans.advanceTo(at)
    const queue = inPipeline ? queues[roster.stageIndexOf(event.stage ?? "")] : queues[0]
    if (queue === undefined) return
    const code = inPipeline ? stageStepOf(event.type) : eventTypeCode(event.type)
    const actor = known ?? roster.indexOf(event.actor)
    this.draw(tracks, queue, event, item, actor)
    if (code < 0) return
    if (actor < 0) throw new Error("the trace was fed an event of an unknown actor")
    queue.items.apply(code, at, actor, item, value)
    // After the event's own drawing, as the counter's value for the instant before may come out now.
    queue.depth.change(at, queue.items.depth)
  }

  /** The threads an actor's slices go on: its stage's process in a pipeline, the run's otherwise. */
  private threadsOf(tracks: Tracks, actor: number): { readonly threads: ActorThreads; readonly pid: number } {
    const stage =
      tracks.retries.length > 0 && actor >= 0 ? tracks.queues[tracks.roster.stageOf(actor)] : undefined
    return stage === undefined ? { threads: tracks.threads, pid: tracks.pid } : stage
  }

  /** The event's slices, spans and marks: `queue` is the one the event is about, `actor` who acted. */
  private draw(tracks: Tracks, queue: QueueTracks, event: SimEvent, item: number, actor: number): void {
    const { at, value } = event
    const { spans } = queue
    const { threads, pid } = this.threadsOf(tracks, actor)
    // The producer's count comes on `produced`, or on `handedOver` when the hand-over returned later.
    const isLastItem = event.index !== undefined && event.index === tracks.itemsPerProducer
    switch (event.type) {
      case "produced": {
        threads.produced(threads.of(event.actor), at, item, isLastItem)
        if (item > this.highestItem) this.highestItem = item
        // Where the item's flow leaves, in a pipeline as with one queue.
        spans.waiting.begin(item, at, itemArgs(item, value), "flow_out")
        return
      }
      case "handedOver":
        threads.handedOver(threads.of(event.actor), isLastItem)
        return
      case "blocked":
      case "held":
        threads.blocked(threads.of(event.actor), at, item)
        return
      case "enqueued":
        threads.enqueued(threads.of(event.actor), at, item)
        return
      case "handedOn":
        threads.handedOn(threads.of(event.actor), at)
        return
      case "forwarded":
        spans.waiting.begin(item, at, itemArgs(item, value))
        return
      case "dequeued": {
        const consumer = threads.of(event.actor)
        const holding = threads.busyItem(consumer)
        if (holding !== undefined) {
          spans.processing.end(holding, at)
          threads.finishBusy(consumer, at)
        }
        spans.waiting.end(item, at)
        threads.pickedUp(consumer, at, item, value)
        spans.processing.begin(item, at, itemArgs(item, value))
        return
      }
      case "processed":
      case "failed": {
        const consumer = threads.of(event.actor)
        if (threads.busyItem(consumer) !== item) return
        spans.processing.end(item, at)
        if (event.type === "processed") {
          threads.finishBusy(consumer, at)
          return
        }
        threads.finishFailed(consumer, at, event.attempt)
        const retries = tracks.retries[tracks.roster.stageIndexOf(event.stage ?? "")] ?? 0
        // The item pauses before it re-enters the stage, unless this was its last allowed attempt.
        if ((event.attempt ?? 0) <= retries) spans.backoff?.begin(item, at, itemArgs(item, value))
        return
      }
      case "retried":
        spans.backoff?.end(item, at)
        this.write(processInstantEvent(text.retried, queue.pid, at, itemArgs(item, value)))
        spans.waiting.begin(item, at, itemArgs(item, value))
        return
      case "deadLettered": {
        const { tid } = threads.of(event.actor)
        this.write(threadInstantEvent(text.deadLettered, text.failed, pid, tid, at, itemArgs(item, value)))
        return
      }
      case "dropped": {
        const { tid } = threads.of(event.actor)
        this.write(threadInstantEvent(text.dropped, text.queue, pid, tid, at, itemArgs(item, value)))
        spans.waiting.end(item, at)
        return
      }
      default:
        return
    }
  }

  readonly end = (end: RunEnd): Effect.Effect<TraceRunResult> =>
    Effect.sync(() => {
      const tracks = this.tracks
      if (tracks === undefined) throw new Error("the trace of a run ended before it started")
      const { pid, threads, queues } = tracks
      for (const queue of queues) queue.depth.writeBefore(Number.POSITIVE_INFINITY)
      // Thread slices and item spans still open (timeout, interruption) end with the run.
      let closedAtEnd = threads.closeAll(end.at)
      for (const queue of queues) if (queue.threads !== threads) closedAtEnd += queue.threads.closeAll(end.at)
      for (const queue of queues) closedAtEnd += queue.spans.endAll(end.at)
      this.write(processInstantEvent(text.runEnd, pid, end.at, `{"reason":${jsonString(end.reason)}}`))
      this.release()
      return { pid, traceEvents: this.traceEvents, closedAtEnd }
    })

  readonly abort = (): Effect.Effect<void> => Effect.sync(() => this.release())

  private release(): void {
    if (this.tracks === undefined) return
    const { itemKeyOffset, keysPerItem } = this.tracks
    this.output.endRun(itemKeyOffset + this.highestItem * keysPerItem)
    this.tracks = undefined
  }

  /** What the fold holds now (tests check that it stays bounded). */
  held(): HeldState {
    const tracks = this.tracks
    if (tracks === undefined) {
      return { actors: 0, waitingItems: 0, processingItems: 0, producerSpans: 0, beginningsHeld: 0 }
    }
    const { threads, queues } = tracks
    const sum = (of: (queue: QueueTracks) => number) => queues.reduce((total, queue) => total + of(queue), 0)
    const ownThreads = (of: (threads: ActorThreads) => number) =>
      sum((queue) => (queue.threads === threads ? 0 : of(queue.threads)))
    return {
      actors: threads.count() + ownThreads((stage) => stage.count()),
      waitingItems: sum((queue) => queue.spans.waiting.openCount()),
      processingItems: sum((queue) => queue.spans.openCount() - queue.spans.waiting.openCount()),
      producerSpans: threads.openProducerSpans() + ownThreads((stage) => stage.openProducerSpans()),
      beginningsHeld: sum((queue) => queue.spans.heldBeginnings()),
    }
  }
}
