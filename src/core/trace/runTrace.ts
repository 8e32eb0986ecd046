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
 */
import * as Effect from "effect/Effect"
import type { RunEnd, RunHeader, SimEvent } from "../engine/events.ts"
import { ActorRoster } from "../lifecycle/actorRoster.ts"
import { eventTypeCode, ItemLifecycle } from "../lifecycle/itemLifecycle.ts"
import type { RunSink } from "../sinks/sink.ts"
import { ActorThreads, nameArgs, sortArgs } from "./actorThreads.ts"
import { ItemSpans } from "./itemSpans.ts"
import { QueueDepthTrack } from "./queueDepthTrack.ts"
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
  /** Producers' pauses and blocked times under way. */
  readonly producerSpans: number
  /** Async beginnings held until their instant is over (itemSpans.ts). */
  readonly beginningsHeld: number
}

const text = {
  queue: jsonString("queue"),
  dropped: jsonString("dropped"),
  runEnd: jsonString("run end"),
} as const

/** What a started run writes with. */
interface Tracks {
  readonly pid: number
  readonly itemKeyOffset: number
  /** Items per producer, from the scenario, to tell a producer's last item. */
  readonly itemsPerProducer: number | undefined
  readonly threads: ActorThreads
  readonly spans: ItemSpans
  readonly depth: QueueDepthTrack
  readonly roster: ActorRoster
  readonly items: ItemLifecycle
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
    this.tracks = {
      pid,
      itemKeyOffset,
      itemsPerProducer: typeof items === "number" ? items : undefined,
      threads: new ActorThreads(this.write, pid, this.output.uniqueNumber),
      spans: new ItemSpans({ write: this.write, pid, keyOffset: itemKeyOffset }),
      depth: new QueueDepthTrack(this.write, pid),
      roster: new ActorRoster(header.scenario),
      items: new ItemLifecycle(),
    }
    this.write(
      metadataEvent("process_name", pid, undefined, nameArgs(`${header.mode} (seed ${header.seed})`)),
    )
    this.write(metadataEvent("process_sort_index", pid, undefined, sortArgs(pid)))
  }

  readonly event = (event: SimEvent): void => {
    const tracks = this.tracks
    const { at, item, value } = event
    // Events without an item, and types this version does not know, are skipped, as readers do.
    if (tracks === undefined || item === undefined) return
    tracks.spans.advanceTo(at)
    this.draw(tracks, event, item)
    const code = eventTypeCode(event.type)
    if (code < 0) return
    const actor = tracks.roster.indexOf(event.actor)
    if (actor < 0) throw new Error("the trace was fed an event of an unknown actor")
    tracks.items.apply(code, at, actor, item, value)
    // After the event's own drawing, as the counter's value for the instant before may come out now.
    tracks.depth.change(at, tracks.items.depth)
  }

  /** The event's slices, spans and marks. */
  private draw(tracks: Tracks, event: SimEvent, item: number): void {
    const { at, value } = event
    const { threads, spans } = tracks
    // The producer's count comes on `produced`, or on `handedOver` when the hand-over returned later.
    const isLastItem = event.index !== undefined && event.index === tracks.itemsPerProducer
    switch (event.type) {
      case "produced": {
        threads.produced(threads.of(event.actor), at, item, isLastItem)
        if (item > this.highestItem) this.highestItem = item
        spans.waiting.begin(item, at, itemArgs(item, value))
        return
      }
      case "handedOver":
        threads.handedOver(threads.of(event.actor), isLastItem)
        return
      case "blocked":
        threads.blocked(threads.of(event.actor), at, item)
        return
      case "enqueued":
        threads.enqueued(threads.of(event.actor), at, item)
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
      case "processed": {
        const consumer = threads.of(event.actor)
        if (threads.busyItem(consumer) !== item) return
        spans.processing.end(item, at)
        threads.finishBusy(consumer, at)
        return
      }
      case "dropped": {
        const { tid } = threads.of(event.actor)
        this.write(threadInstantEvent(text.dropped, text.queue, tracks.pid, tid, at, itemArgs(item, value)))
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
      const { pid, threads, spans, depth } = tracks
      depth.writeBefore(Number.POSITIVE_INFINITY)
      // Thread slices and item spans still open (timeout, interruption) end with the run.
      const closedAtEnd = threads.closeAll(end.at) + spans.endAll(end.at)
      this.write(processInstantEvent(text.runEnd, pid, end.at, `{"reason":${jsonString(end.reason)}}`))
      this.release()
      return { pid, traceEvents: this.traceEvents, closedAtEnd }
    })

  readonly abort = (): Effect.Effect<void> => Effect.sync(() => this.release())

  private release(): void {
    if (this.tracks === undefined) return
    this.output.endRun(this.tracks.itemKeyOffset + this.highestItem)
    this.tracks = undefined
  }

  /** What the fold holds now (tests check that it stays bounded). */
  held(): HeldState {
    const tracks = this.tracks
    if (tracks === undefined) {
      return { actors: 0, waitingItems: 0, processingItems: 0, producerSpans: 0, beginningsHeld: 0 }
    }
    return {
      actors: tracks.threads.count(),
      waitingItems: tracks.spans.waiting.openCount(),
      processingItems: tracks.spans.processing.openCount(),
      producerSpans: tracks.threads.openProducerSpans(),
      beginningsHeld: tracks.spans.waiting.heldBeginnings() + tracks.spans.processing.heldBeginnings(),
    }
  }
}
