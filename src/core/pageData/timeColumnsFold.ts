/**
 * The run cut into equal time columns, for drawing where single events would be thinner than a
 * pixel: per consumer its busy time and pick-ups, per producer its stamps and blocked time, and per
 * column the queue depth's least, greatest and time-weighted area, the drops and the waits. Bounded
 * memory whatever the run's length (DoublingBins).
 */
import { DoublingBins } from "./doublingBins.ts"
import type { TimeColumns } from "./pageData.ts"

export const defaultColumnCapacity = 2048

export class TimeColumnsFold {
  private readonly bins: DoublingBins
  private readonly depthMin: number
  private readonly depthMax: number
  private readonly depthArea: number
  private readonly dropped: number
  private readonly waitSum: number
  private readonly waitMax: number
  private readonly spanFields: Array<number> = []
  private readonly itemFields: Array<number> = []
  /** A pipeline's: each stage's depth fields (min, max, area), and each lane's held time. */
  private readonly stageFields: Array<readonly [number, number, number]> = []
  private readonly stageDrops: Array<number> = []
  private readonly heldFields: Array<number> = []
  private readonly pipeline: boolean
  private lastAt = 0

  /** `stages`: a pipeline's stage count (0 for the course's single queue). */
  constructor(capacity = defaultColumnCapacity, stages = 0) {
    this.bins = new DoublingBins(capacity)
    this.depthMin = this.bins.addField("min")
    this.depthMax = this.bins.addField("max")
    this.depthArea = this.bins.addField("sum")
    this.dropped = this.bins.addField("sum")
    this.waitSum = this.bins.addField("sum")
    this.waitMax = this.bins.addField("max")
    this.pipeline = stages > 0
    for (let stage = 0; stage < stages; stage++) {
      this.stageFields.push([this.bins.addField("min"), this.bins.addField("max"), this.bins.addField("sum")])
      this.stageDrops.push(this.bins.addField("sum"))
    }
  }

  /** Makes room for actors up to `actor` (an index in the page's actor list). */
  addActor(actor: number): void {
    while (this.spanFields.length <= actor) {
      this.spanFields.push(this.bins.addField("sum"))
      this.itemFields.push(this.bins.addField("sum"))
      if (this.pipeline) this.heldFields.push(this.bins.addField("sum"))
    }
  }

  /**
   * Time moves on to `at`; `depth` is what the queue held since the last event (in a pipeline, the
   * first stage's; `stageDepths` every stage's).
   */
  advance(at: number, depth: number, stageDepths?: ArrayLike<number>): void {
    if (at <= this.lastAt) return
    this.bins.holdLevel(this.depthMin, this.depthMax, this.depthArea, this.lastAt, at, depth)
    if (stageDepths !== undefined) {
      for (const [stage, [min, max, area]] of this.stageFields.entries())
        this.bins.holdLevel(min, max, area, this.lastAt, at, stageDepths[stage] as number)
    }
    this.lastAt = at
  }

  /** A pipeline worker held by a full queue below, [from, to). */
  held(actor: number, from: number, to: number): void {
    this.bins.addSpan(this.heldFields[actor] as number, from, to)
  }

  /** An item stamped by a producer, or picked up by a consumer (with its wait, when known). */
  countItem(actor: number, at: number): void {
    this.bins.add(this.itemFields[actor] as number, at, 1)
  }

  pickUp(actor: number, at: number, waitMicros: number | undefined): void {
    this.countItem(actor, at)
    if (waitMicros === undefined) return
    this.bins.add(this.waitSum, at, waitMicros)
    this.bins.add(this.waitMax, at, waitMicros)
  }

  /** An item dropped (in a pipeline, by `stage`'s full queue). */
  drop(at: number, stage?: number): void {
    this.bins.add(this.dropped, at, 1)
    if (stage !== undefined) this.bins.add(this.stageDrops[stage] as number, at, 1)
  }

  /** A consumer's busy span or a producer's blocked span, [from, to). */
  span(actor: number, from: number, to: number): void {
    this.bins.addSpan(this.spanFields[actor] as number, from, to)
  }

  /** The columns up to the run's end (advance to it first). */
  finish(endAt: number): TimeColumns {
    if (endAt > 0) this.bins.binOf(endAt - 1)
    const bins = this.bins
    return {
      width: bins.width,
      count: bins.count,
      spanMicros: this.spanFields.map((field) => bins.sums(field)),
      itemCount: this.itemFields.map((field) => bins.sums(field)),
      depthMin: bins.values(this.depthMin),
      depthMax: bins.values(this.depthMax),
      depthArea: bins.sums(this.depthArea),
      dropped: bins.sums(this.dropped),
      waitSum: bins.sums(this.waitSum),
      waitMax: bins.sums(this.waitMax).map((value) => Math.max(0, value)),
      ...(this.pipeline
        ? {
            stageDepths: this.stageFields.map(([min, max, area], stage) => ({
              depthMin: bins.values(min),
              depthMax: bins.values(max),
              depthArea: bins.sums(area),
              dropped: bins.sums(this.stageDrops[stage] as number),
            })),
            heldMicros: this.heldFields.map((field) => bins.sums(field)),
          }
        : {}),
    }
  }
}
