/**
 * The page's data, as one more sink over a run's events (like the recording writer and the terminal
 * view): it folds the events as they stream by, in bounded memory, into the PageData the HTML page
 * embeds. Its parts: the run's state (runState.ts), the lanes the actors are drawn in
 * (actorLanes.ts), the time columns (timeColumnsFold.ts), the latency histogram and the detail
 * windows (detailSampler.ts). The state is kept per actor; everything the page holds, per lane.
 */
import * as Effect from "effect/Effect"
import type { RunEnd, RunHeader, SimEvent } from "../engine/events.ts"
import { ActorRoster } from "../lifecycle/actorRoster.ts"
import type { RunSink } from "../sinks/sink.ts"
import { ActorLanes } from "./actorLanes.ts"
import { type DetailBudget, DetailSampler, defaultDetailBudget, type Snapshots } from "./detailSampler.ts"
import { DoublingBins } from "./doublingBins.ts"
import { EventCode, eventTypeCode, type PageData } from "./pageData.ts"
import { type PageFoldParts, PipelinePageFold } from "./pipelinePageFold.ts"
import { RunState } from "./runState.ts"
import { defaultColumnCapacity, TimeColumnsFold } from "./timeColumnsFold.ts"

export interface PageDataOptions {
  /** Most time columns (an even number); between half this and this many are used. */
  readonly columns?: number
  /** Most latency histogram bins (an even number). */
  readonly histogramBins?: number
  readonly detail?: DetailBudget
}

export const defaultHistogramBins = 64

/** Both page folds' columns, histogram and detail sampler, sized by `options` or the defaults. */
const pageFoldParts = (options: PageDataOptions): PageFoldParts => ({
  columns: (stages) => new TimeColumnsFold(options.columns ?? defaultColumnCapacity, stages),
  histogram: new DoublingBins(options.histogramBins ?? defaultHistogramBins),
  sampler: new DetailSampler(options.detail ?? defaultDetailBudget),
})

export class PageDataFold {
  private readonly roster: ActorRoster
  private readonly lanes: ActorLanes
  private readonly state = new RunState()
  private readonly columns: TimeColumnsFold
  private readonly histogram: DoublingBins
  private readonly histogramCounts: number
  private readonly sampler: DetailSampler
  /** The detail windows' starting states, per lane (the state itself is kept per actor). */
  private readonly laneSnapshots: Snapshots = {
    snapshot: (mostWaiting) => this.lanes.snapshot(this.state, mostWaiting),
  }

  constructor(header: RunHeader, options: PageDataOptions = {}) {
    const parts = pageFoldParts(options)
    this.columns = parts.columns(0)
    this.histogram = parts.histogram
    this.histogramCounts = this.histogram.addField("sum")
    this.sampler = parts.sampler
    // Every actor the scenario declares has a lane, even one that never got to act.
    this.roster = new ActorRoster(header.scenario)
    this.lanes = new ActorLanes(this.roster)
    for (let lane = 0; lane < this.lanes.count; lane++) this.columns.addActor(lane)
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
        if (latency !== undefined) this.histogram.add(this.histogramCounts, latency, 1)
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
    return {
      actors: this.lanes.pageActors(),
      columns: this.columns.finish(end.at),
      latencyHistogram: {
        width: this.histogram.width,
        count: this.histogram.count,
        counts: this.histogram.sums(this.histogramCounts),
      },
      detail: this.sampler.finish(end.at, this.laneSnapshots),
    }
  }
}

/** A run's page fold: a pipeline's (one lifecycle per stage) or the single queue's. */
export const pageFoldOf = (
  header: RunHeader,
  options: PageDataOptions = {},
): { add(event: SimEvent, actor?: number): void; finish(end: RunEnd): PageData } =>
  header.scenario.stages === undefined
    ? new PageDataFold(header, options)
    : new PipelinePageFold(header, pageFoldParts(options))

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
