/**
 * The page's data, as one more sink over a run's events (like the recording writer and the terminal
 * view): it folds the events as they stream by, in bounded memory, into the PageData the HTML page
 * embeds. Its parts: the run's state (runState.ts), and what both page folds draw into
 * (pageFoldParts.ts: the actors' lanes, the time columns, the latency histogram and the detail
 * windows). The state is kept per actor; everything the page holds, per lane.
 */
import * as Effect from "effect/Effect"
import type { RunEnd, RunHeader, SimEvent } from "../engine/events.ts"
import type { ActorRoster } from "../lifecycle/actorRoster.ts"
import type { RunSink } from "../sinks/sink.ts"
import type { ActorLanes } from "./actorLanes.ts"
import type { DetailSampler, Snapshots } from "./detailSampler.ts"
import { EventCode, eventTypeCode, type PageData } from "./pageData.ts"
import { type PageDataOptions, PageFoldParts } from "./pageFoldParts.ts"
import { PipelinePageFold } from "./pipelinePageFold.ts"
import { RunState } from "./runState.ts"
import type { TimeColumnsFold } from "./timeColumnsFold.ts"

export { defaultHistogramBins, type PageDataOptions } from "./pageFoldParts.ts"

export class PageDataFold {
  private readonly parts: PageFoldParts
  private readonly roster: ActorRoster
  private readonly lanes: ActorLanes
  private readonly state = new RunState()
  private readonly columns: TimeColumnsFold
  private readonly sampler: DetailSampler
  /** The detail windows' starting states, per lane (the state itself is kept per actor). */
  private readonly laneSnapshots: Snapshots = {
    snapshot: (mostWaiting) => this.lanes.snapshot(this.state, mostWaiting),
  }

  constructor(header: RunHeader, options: PageDataOptions = {}) {
    const parts = new PageFoldParts(header, options)
    this.parts = parts
    this.roster = parts.roster
    this.lanes = parts.lanes
    this.columns = parts.columns
    this.sampler = parts.sampler
  }

  /** Folds one event in; `known` is its actor's index when the feeder knows it (a run does). */
  add(event: SimEvent, known?: number): void {
    const code = eventTypeCode(event.type)
    if (code < 0) return // readers skip event types they do not know
    const at = event.at
    const actor = known ?? this.roster.indexOf(event.actor)
    if (actor < 0) throw new Error("the page's data was fed an event of an unknown actor")
    const lane = this.lanes.laneOf(actor)
    const item = event.item ?? 0
    const state = this.state
    this.sampler.beforeEvent(at, this.laneSnapshots)
    this.columns.advance(at, state.depth)
    // A busy or blocked span ends with this event: it started when the actor took the item.
    const heldSince = state.heldSince(actor)
    const latency = state.apply(at, code, actor, item, event.value)
    switch (code) {
      case EventCode.produced:
        this.columns.countItem(lane, at)
        break
      case EventCode.dequeued:
        this.columns.pickUp(lane, at, latency)
        if (latency !== undefined) this.parts.countLatency(latency)
        break
      case EventCode.processed:
      case EventCode.enqueued:
        if (heldSince >= 0) this.columns.span(lane, heldSince, at)
        break
      case EventCode.dropped:
        this.columns.drop(at)
        break
    }
    this.sampler.record(
      at,
      code,
      lane,
      item,
      event.value,
      code === EventCode.produced || code === EventCode.handedOver ? event.index : latency,
    )
  }

  finish(end: RunEnd): PageData {
    this.columns.advance(end.at, this.state.depth)
    // Spans still open at the end (a run cut by its timeout) last until the end.
    for (let actor = 0; actor < this.roster.size; actor++) {
      const since = this.state.heldSince(actor)
      if (since >= 0) this.columns.span(this.lanes.laneOf(actor), since, end.at)
    }
    return this.parts.pageData(end.at, this.laneSnapshots)
  }
}

/** A run's page fold: a pipeline's (one lifecycle per stage) or the single queue's. */
export const pageFoldOf = (
  header: RunHeader,
  options: PageDataOptions = {},
): { add(event: SimEvent, actor?: number): void; finish(end: RunEnd): PageData } =>
  header.scenario.stages === undefined
    ? new PageDataFold(header, options)
    : new PipelinePageFold(header, options)

/** The page-data sink: start it with the run's header, feed it every event, end it for the PageData. */
export const makePageDataSink = (options: PageDataOptions = {}): RunSink<PageData> => {
  let fold: ReturnType<typeof pageFoldOf> | undefined
  const started = () => {
    if (fold === undefined) throw new Error("the page-data sink was used before start")
    return fold
  }
  return {
    start: (header) => {
      fold = pageFoldOf(header, options)
    },
    event: (event, actor) => started().add(event, actor),
    end: (end) => Effect.sync(() => started().finish(end)),
    abort: () => Effect.void,
  }
}
