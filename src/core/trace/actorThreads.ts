/**
 * One thread track per actor of a run, numbered as actors appear and named after them, with the
 * slices drawn on it: a producer's pauses and blocked times, a consumer's processing of each item;
 * in a pipeline, a worker's failed attempts and the time it was held by a full queue below it.
 * Thread slices follow one another and never overlap, as Perfetto requires of them. One mutable
 * record per actor holds what is open on its thread.
 */
import { completeEvent, itemArgs, type JsonString, jsonString, metadataEvent } from "./traceEvents.ts"

const none = -1

/** One actor's thread and what is open on it. */
export interface ActorThread {
  readonly tid: number
  /** A producer's pause since its last hand-over, or `none`. */
  pauseSince: number
  pauseItem: number
  /** Whether the producer pauses after handing over its current item (not after its last one). */
  pausesAfterHandOver: boolean
  /** Since when a producer waits for room in the queue, or `none`. */
  blockedSince: number
  blockedItem: number
  /** The item a consumer is processing, or `none`. */
  busyItem: number
  busySince: number
  busyName: JsonString
  busyValue: number | undefined
}

const text = {
  producer: jsonString("producer"),
  pause: jsonString("pause"),
  blocked: jsonString("blocked"),
  processing: jsonString("processing"),
  failed: jsonString("failed"),
} as const

/** A consumer's slice is named by the item's value, as the course prints it. */
const processingName = (item: number, value: number | undefined): JsonString =>
  (value === undefined ? `"item ${item}"` : `"${value}"`) as JsonString

export const nameArgs = (name: string) => `{"name":${jsonString(name)}}`
export const sortArgs = (index: number) => `{"sort_index":${index}}`

export class ActorThreads {
  private readonly write: (event: string) => void
  private readonly pid: number
  private readonly newTid: () => number
  private readonly threads = new Map<string, ActorThread>()
  /** The category of blocked slices: a producer's, or a pipeline's worker's. */
  private readonly blockedCategory: JsonString

  constructor(
    write: (event: string) => void,
    pid: number,
    newTid: () => number,
    blockedCategory: "producer" | "blocked" = "producer",
  ) {
    this.write = write
    this.pid = pid
    this.newTid = newTid
    this.blockedCategory = text[blockedCategory]
  }

  /** The actor's thread, named and placed (in order of appearance) when it first appears. */
  of(name: string): ActorThread {
    let thread = this.threads.get(name)
    if (thread === undefined) {
      const tid = this.newTid()
      this.write(metadataEvent("thread_name", this.pid, tid, nameArgs(name)))
      this.write(metadataEvent("thread_sort_index", this.pid, tid, sortArgs(tid)))
      thread = {
        tid,
        pauseSince: none,
        pauseItem: 0,
        pausesAfterHandOver: true,
        blockedSince: none,
        blockedItem: 0,
        busyItem: none,
        busySince: 0,
        busyName: text.processing,
        busyValue: undefined,
      }
      this.threads.set(name, thread)
    }
    return thread
  }

  private slice(
    thread: ActorThread,
    name: JsonString,
    cat: JsonString,
    since: number,
    until: number,
    item: number,
  ) {
    this.write(
      completeEvent(name, cat, this.pid, thread.tid, since, until - since, itemArgs(item, undefined)),
    )
  }

  /** Ends a producer's pause; answers whether one was drawn (a zero pause is none: `--produce 0ms`). */
  private endPause(thread: ActorThread, at: number): boolean {
    const drawn = thread.pauseSince !== none && at > thread.pauseSince
    if (drawn) this.slice(thread, text.pause, text.producer, thread.pauseSince, at, thread.pauseItem)
    thread.pauseSince = none
    return drawn
  }

  private handOver(thread: ActorThread, at: number, item: number): void {
    thread.pauseSince = thread.pausesAfterHandOver ? at : none
    thread.pauseItem = item
  }

  private endBlocked(thread: ActorThread, at: number): void {
    this.slice(thread, text.blocked, this.blockedCategory, thread.blockedSince, at, thread.blockedItem)
    thread.blockedSince = none
  }

  /** A producer made an item: its previous pause is over, and it hands the item over at once. */
  produced(thread: ActorThread, at: number, item: number, isLastItem: boolean): void {
    this.endPause(thread, at)
    thread.pausesAfterHandOver = !isLastItem
    this.handOver(thread, at, item)
  }

  /**
   * The hand-over returned later than the stamp (trio's send, a put that waited), at the instant the
   * pause starts; the item's count comes with it then, so only now is its last item known.
   */
  handedOver(thread: ActorThread, isLastItem: boolean): void {
    if (!isLastItem) return
    thread.pausesAfterHandOver = false
    thread.pauseSince = none
  }

  /** The queue is full: no hand-over yet, so no pause; the producer is blocked. */
  blocked(thread: ActorThread, at: number, item: number): void {
    thread.pauseSince = none
    thread.blockedSince = at
    thread.blockedItem = item
  }

  enqueued(thread: ActorThread, at: number, item: number): void {
    if (thread.blockedSince !== none) this.endBlocked(thread, at)
    this.handOver(thread, at, item)
  }

  /** A pipeline's worker held by a full queue below got its item in: it is free again. */
  handedOn(thread: ActorThread, at: number): void {
    if (thread.blockedSince !== none) this.endBlocked(thread, at)
  }

  /** The item the consumer holds, if any. */
  busyItem(thread: ActorThread): number | undefined {
    return thread.busyItem === none ? undefined : thread.busyItem
  }

  pickedUp(thread: ActorThread, at: number, item: number, value: number | undefined): void {
    thread.busyItem = item
    thread.busySince = at
    thread.busyName = processingName(item, value)
    thread.busyValue = value
  }

  /** Draws the consumer's slice for the item it holds. */
  finishBusy(thread: ActorThread, at: number): void {
    const { busyItem, busySince, busyName } = thread
    this.slice(thread, busyName, text.processing, busySince, at, busyItem)
    thread.busyItem = none
  }

  /** Draws a worker's failed attempt at the item it holds, named by its value and the attempt. */
  finishFailed(thread: ActorThread, at: number, attempt: number | undefined): void {
    const { busyItem, busySince, busyValue } = thread
    const served = busyValue === undefined ? `item ${busyItem}` : `${busyValue}`
    const name = jsonString(`${served} (attempt ${attempt ?? "?"} failed)`)
    this.slice(thread, name, text.failed, busySince, at, busyItem)
    thread.busyItem = none
  }

  /** Ends at `at` every slice still open; answers how many producer spans there were. */
  closeAll(at: number): number {
    let producerSpans = 0
    for (const thread of this.threads.values()) {
      if (thread.blockedSince !== none) {
        this.endBlocked(thread, at)
        producerSpans++
      }
      if (this.endPause(thread, at)) producerSpans++
      if (thread.busyItem !== none) this.finishBusy(thread, at)
    }
    return producerSpans
  }

  count(): number {
    return this.threads.size
  }

  /** Producers' pauses and blocked times, and pipeline workers held by a full queue, under way. */
  openProducerSpans(): number {
    let open = 0
    for (const thread of this.threads.values()) {
      if (thread.pauseSince !== none) open++
      if (thread.blockedSince !== none) open++
    }
    return open
  }
}
