/**
 * What both page folds draw into, the single queue's (pageDataSink.ts) and a pipeline's
 * (pipelinePageFold.ts): the run's roster and its actors' lanes, the time columns (a depth column
 * per stage's queue), the latency histogram and the detail windows, sized by the page's options or
 * their defaults; and the PageData they make of it at the end. The folds differ only in the run's
 * state they keep and in how an event moves it.
 */
import type { RunHeader } from "../engine/events.ts"
import { ActorRoster } from "../lifecycle/actorRoster.ts"
import { ActorLanes } from "./actorLanes.ts"
import { type DetailBudget, DetailSampler, defaultDetailBudget, type Snapshots } from "./detailSampler.ts"
import { DoublingBins } from "./doublingBins.ts"
import type { PageData } from "./pageData.ts"
import { defaultColumnCapacity, TimeColumnsFold } from "./timeColumnsFold.ts"

export interface PageDataOptions {
  /** Most time columns (an even number); between half this and this many are used. */
  readonly columns?: number
  /** Most latency histogram bins (an even number). */
  readonly histogramBins?: number
  readonly detail?: DetailBudget
}

export const defaultHistogramBins = 64

export class PageFoldParts {
  readonly roster: ActorRoster
  readonly lanes: ActorLanes
  readonly columns: TimeColumnsFold
  readonly sampler: DetailSampler
  private readonly histogram: DoublingBins
  private readonly histogramCounts: number

  constructor(header: RunHeader, options: PageDataOptions) {
    // Every actor the scenario declares has a lane, even one that never got to act.
    this.roster = new ActorRoster(header.scenario)
    this.lanes = new ActorLanes(this.roster)
    this.columns = new TimeColumnsFold(options.columns ?? defaultColumnCapacity, this.roster.stages.length)
    this.histogram = new DoublingBins(options.histogramBins ?? defaultHistogramBins)
    this.histogramCounts = this.histogram.addField("sum")
    this.sampler = new DetailSampler(options.detail ?? defaultDetailBudget)
    for (let lane = 0; lane < this.lanes.count; lane++) this.columns.addActor(lane)
  }

  /** One latency (creation to first pick-up) for the histogram. */
  countLatency(latency: number): void {
    this.histogram.add(this.histogramCounts, latency, 1)
  }

  /** The page's data once the run has ended at `endAt`; `stages` are a pipeline's, in order. */
  pageData(endAt: number, snapshots: Snapshots, stages?: ReadonlyArray<{ readonly name: string }>): PageData {
    return {
      actors: this.lanes.pageActors(),
      ...(stages === undefined ? {} : { stages: stages.map(({ name }) => ({ name })) }),
      columns: this.columns.finish(endAt),
      latencyHistogram: {
        width: this.histogram.width,
        count: this.histogram.count,
        counts: this.histogram.sums(this.histogramCounts),
      },
      detail: this.sampler.finish(endAt, snapshots),
    }
  }
}
