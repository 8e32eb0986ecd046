/**
 * The page's data of a pipeline run, folded as its events stream by: the same parts as a single
 * queue's (pageFoldParts.ts: lanes, time columns, latency histogram, detail windows), over one item
 * lifecycle per stage's queue (pipelineRunState.ts). Workers' lanes are grouped stage by stage;
 * each stage's queue has its own depth columns; a worker held by a full queue below has its held
 * time beside its busy time. The histogram holds the waits in the first stage's queue: the
 * latency, creation to first pick-up.
 */
import type { RunEnd, RunHeader, SimEvent } from "../engine/events.ts"
import type { ActorRoster } from "../lifecycle/actorRoster.ts"
import type { ActorLanes } from "./actorLanes.ts"
import type { DetailSampler, Snapshots } from "./detailSampler.ts"
import { type PageData, PipelineCode, pipelineTypeCode } from "./pageData.ts"
import { type PageDataOptions, PageFoldParts } from "./pageFoldParts.ts"
import { PipelineRunState } from "./pipelineRunState.ts"
import type { TimeColumnsFold } from "./timeColumnsFold.ts"

export class PipelinePageFold {
  private readonly parts: PageFoldParts
  private readonly roster: ActorRoster
  private readonly lanes: ActorLanes
  private readonly state: PipelineRunState
  private readonly columns: TimeColumnsFold
  private readonly sampler: DetailSampler
  private readonly laneSnapshots: Snapshots = {
    snapshot: (mostWaiting) => this.lanes.snapshot(this.state, mostWaiting),
  }

  constructor(header: RunHeader, options: PageDataOptions) {
    const parts = new PageFoldParts(header, options)
    const roster = parts.roster
    this.parts = parts
    this.roster = roster
    this.lanes = parts.lanes
    this.columns = parts.columns
    this.sampler = parts.sampler
    this.state = new PipelineRunState(roster.stages.length, (actor) => roster.stageOf(actor))
  }

  /** `known` is the actor's index in the run's roster when the engine gives it (a reader does not). */
  add(event: SimEvent, known?: number): void {
    const code = pipelineTypeCode(event.type)
    if (code < 0) return // readers skip event types they do not know
    const at = event.at
    const actor = known ?? this.roster.indexOf(event.actor)
    const stage = this.roster.stageIndexOf(event.stage ?? "")
    if (actor < 0 || stage < 0)
      throw new Error("the page's data was fed an event of an unknown actor or stage")
    const lane = this.lanes.laneOf(actor)
    const item = event.item ?? 0
    const state = this.state
    this.sampler.beforeEvent(at, this.laneSnapshots)
    this.columns.advance(at, state.depth, state.depths)
    // A busy, held or blocked span ends with this event: it started when the actor took the item.
    const heldSince = state.heldSinceIn(stage, actor)
    const wait = state.apply(at, stage, event.type, actor, item, event.value)
    let extra: number | undefined
    switch (code) {
      case PipelineCode.produced:
        this.columns.countItem(lane, at)
        extra = event.index
        break
      case PipelineCode.handedOver:
        extra = event.index
        break
      case PipelineCode.dequeued:
        this.columns.pickUp(lane, at, wait)
        if (stage === 0 && wait !== undefined) this.parts.countLatency(wait)
        extra = wait
        break
      case PipelineCode.failed:
        extra = event.attempt
        if (heldSince >= 0) this.columns.span(lane, heldSince, at)
        break
      case PipelineCode.processed:
        if (heldSince >= 0) this.columns.span(lane, heldSince, at)
        break
      case PipelineCode.enqueued:
      case PipelineCode.handedOn:
        if (heldSince >= 0) this.spanHeld(actor, lane, heldSince, at)
        break
      case PipelineCode.dropped:
        this.columns.drop(at, stage)
        break
    }
    this.sampler.recordPipeline(at, code, lane, item, event.value, stage, extra)
  }

  /** A producer's blocked time is its lane's span; a worker's held time is kept beside its busy time. */
  private spanHeld(actor: number, lane: number, from: number, to: number): void {
    if (this.roster.isProducer(actor)) this.columns.span(lane, from, to)
    else this.columns.held(lane, from, to)
  }

  finish(end: RunEnd): PageData {
    const { roster, state } = this
    this.columns.advance(end.at, state.depth, state.depths)
    // Spans still open at the end (a run cut by its timeout) last until the end.
    for (let actor = 0; actor < roster.size; actor++) {
      const lane = this.lanes.laneOf(actor)
      for (let stage = 0; stage < roster.stages.length; stage++) {
        const since = state.heldSinceIn(stage, actor)
        if (since < 0) continue
        if (roster.stageOf(actor) === stage) this.columns.span(lane, since, end.at)
        else this.spanHeld(actor, lane, since, end.at)
      }
    }
    return this.parts.pageData(end.at, this.laneSnapshots, roster.stages)
  }
}
