/**
 * One queue's part of a trace: its item lifecycle (the one rule of its depth), the counter drawn from
 * it, its items' spans, and the threads of the workers that serve it. The course's one queue shares
 * the run's process and threads; each stage of a pipeline is a process of its own.
 */
import { ItemLifecycle } from "../lifecycle/itemLifecycle.ts"
import type { ActorThreads } from "./actorThreads.ts"
import { type ItemSpanOutput, ItemSpans } from "./itemSpans.ts"
import { QueueDepthTrack } from "./queueDepthTrack.ts"

export class QueueTracks {
  readonly pid: number
  readonly threads: ActorThreads
  readonly spans: ItemSpans
  readonly depth: QueueDepthTrack
  readonly items = new ItemLifecycle()

  constructor(spans: ItemSpanOutput, threads: ActorThreads, inPipeline = false) {
    this.pid = spans.pid
    this.threads = threads
    this.spans = new ItemSpans(spans, inPipeline)
    this.depth = new QueueDepthTrack(spans.write, spans.pid)
  }
}
