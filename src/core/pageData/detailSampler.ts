/**
 * Which events the page holds one by one, in bounded memory, when the run's length is not known in
 * advance. Events are cut into chunks of about `chunkEvents` (a chunk ends only where time moves
 * on, so an instant is never split unless it alone holds twice that many). The sampler keeps the
 * chunks whose number is a multiple of a stride, starting at 1; when more than `keptChunks` are
 * kept, the stride doubles and every other one goes. It also keeps the last two chunks, so the end
 * of the run is always there. Neighbouring kept chunks join into one window: a short run ends as a
 * single window holding every event. Chunks record into reused number buffers: this runs for every
 * event of a long run, and most chunks are dropped again.
 */
import {
  actorShift,
  type DetailSample,
  type DetailWindow,
  EventCode,
  pipelineActorShift,
  pipelineCodeHasExtra,
  type RunSnapshot,
} from "./pageData.ts"

/** Where a chunk's starting state comes from: the run's state, or its lanes' view of it (actorLanes.ts). */
export interface Snapshots {
  snapshot(mostWaiting: number): RunSnapshot
}

export interface DetailBudget {
  readonly chunkEvents: number
  readonly keptChunks: number
  /** Waiting items listed in a window's starting state (the oldest); the rest are only counted. */
  readonly snapshotItems: number
}

/** About 100,000 events at most, some 3 MB of page. */
export const defaultDetailBudget: DetailBudget = { chunkEvents: 2000, keptChunks: 48, snapshotItems: 200 }

interface Chunk {
  readonly index: number
  readonly from: number
  readonly start: RunSnapshot
  /** The encoded events (pageData.ts), an absent number as NaN; `length` numbers are used. */
  readonly numbers: Float64Array
  length: number
  count: number
  lastAt: number
  lastItem: number
  /** Where the next chunk starts (past the run's end for the last one). */
  until: number
}

export class DetailSampler {
  private readonly budget: DetailBudget
  private stride = 1
  private kept: Array<Chunk> = []
  private previous: Chunk | undefined
  private current: Chunk | undefined
  private runEvents = 0
  private readonly spareBuffers: Array<Float64Array> = []

  constructor(budget: DetailBudget = defaultDetailBudget) {
    this.budget = budget
  }

  /** Call before `state` takes in the event at `at`: a new chunk starts from the state as it is. */
  beforeEvent(at: number, state: Snapshots): void {
    const current = this.current
    const full =
      current !== undefined &&
      current.count >= this.budget.chunkEvents &&
      (at !== current.lastAt || current.count >= 2 * this.budget.chunkEvents)
    if (current !== undefined && !full) return
    if (current !== undefined) {
      current.until = at
      this.close(current)
    }
    const index = current === undefined ? 0 : current.index + 1
    this.current = {
      index,
      from: index === 0 ? 0 : at,
      start: state.snapshot(this.budget.snapshotItems),
      // At most six numbers an event (a pipeline's), and at most twice a chunk's events (an instant is not split).
      numbers: this.spareBuffers.pop() ?? new Float64Array(12 * this.budget.chunkEvents),
      length: 0,
      count: 0,
      lastAt: index === 0 ? 0 : at,
      lastItem: 0,
      until: Number.POSITIVE_INFINITY,
    }
  }

  private close(chunk: Chunk): void {
    const before = this.previous
    this.previous = chunk
    if (before !== undefined) this.releaseUnlessHeld(before)
    if (chunk.index % this.stride !== 0) return
    this.kept.push(chunk)
    if (this.kept.length > this.budget.keptChunks) {
      this.stride *= 2
      const dropped = this.kept.filter((kept) => kept.index % this.stride !== 0)
      this.kept = this.kept.filter((kept) => kept.index % this.stride === 0)
      for (const gone of dropped) this.releaseUnlessHeld(gone)
    }
  }

  /** A chunk no longer kept gives its buffer to the next chunk. */
  private releaseUnlessHeld(chunk: Chunk): void {
    if (chunk === this.previous || chunk === this.current || this.kept.includes(chunk)) return
    this.spareBuffers.push(chunk.numbers)
  }

  /** Records one event (after beforeEvent); `extra` is the index of a stamp or the wait of a pick-up. */
  record(
    at: number,
    code: number,
    actor: number,
    item: number,
    value: number | undefined,
    extra?: number,
  ): void {
    const chunk = this.current as Chunk
    let length = this.begin(chunk, at, code + actorShift * actor, item, value)
    if (code === EventCode.produced || code === EventCode.dequeued || code === EventCode.handedOver) {
      chunk.numbers[length++] = extra ?? Number.NaN
    }
    this.closeEvent(chunk, length, at, item)
  }

  /** Records one pipeline event (pageData.ts: its stage, then its extra number where its type has one). */
  recordPipeline(
    at: number,
    code: number,
    lane: number,
    item: number,
    value: number | undefined,
    stage: number,
    extra: number | undefined,
  ): void {
    const chunk = this.current as Chunk
    let length = this.begin(chunk, at, code + pipelineActorShift * lane, item, value)
    chunk.numbers[length++] = stage
    if (pipelineCodeHasExtra(code)) chunk.numbers[length++] = extra ?? Number.NaN
    this.closeEvent(chunk, length, at, item)
  }

  /** Writes the four numbers every event has; answers where the next number goes. */
  private begin(chunk: Chunk, at: number, packed: number, item: number, value: number | undefined): number {
    const numbers = chunk.numbers
    let length = chunk.length
    numbers[length++] = at - chunk.lastAt
    numbers[length++] = packed
    numbers[length++] = item - chunk.lastItem
    numbers[length++] = value ?? Number.NaN
    return length
  }

  private closeEvent(chunk: Chunk, length: number, at: number, item: number): void {
    chunk.length = length
    chunk.lastAt = at
    chunk.lastItem = item
    chunk.count++
    this.runEvents++
  }

  /** The windows held, in time order; `endAt` is the run's end, `state` the run's state there. */
  finish(endAt: number, state: Snapshots): DetailSample {
    // A run without events still has its one (empty) window, so the page can say it holds everything.
    if (this.current === undefined) this.beforeEvent(0, state)
    ;(this.current as Chunk).until = endAt + 1
    const chunks = [...this.kept]
    for (const tail of [this.previous, this.current]) {
      if (tail !== undefined && !chunks.includes(tail)) chunks.push(tail)
    }
    chunks.sort((a, b) => a.index - b.index)
    const groups: Array<Array<Chunk>> = []
    for (const chunk of chunks) {
      const group = groups[groups.length - 1]
      if (group !== undefined && (group[group.length - 1] as Chunk).index + 1 === chunk.index)
        group.push(chunk)
      else groups.push([chunk])
    }
    const windows = groups.map(joinChunks)
    return {
      runEvents: this.runEvents,
      heldEvents: windows.reduce((sum, window) => sum + window.eventCount, 0),
      windows,
    }
  }
}

/** One window of consecutive chunks; each chunk's first event is re-based on the one before it. */
const joinChunks = (group: ReadonlyArray<Chunk>): DetailWindow => {
  const first = group[0] as Chunk
  const events: Array<number | null> = []
  let eventCount = 0
  let previous: Chunk | undefined
  for (const chunk of group) {
    const offset = events.length
    for (let index = 0; index < chunk.length; index++) {
      const number = chunk.numbers[index] as number
      events.push(Number.isNaN(number) ? null : number)
    }
    if (previous !== undefined && chunk.count > 0) {
      events[offset] = (events[offset] as number) + chunk.from - previous.lastAt
      events[offset + 2] = (events[offset + 2] as number) - previous.lastItem
    }
    eventCount += chunk.count
    previous = chunk
  }
  return {
    from: first.from,
    until: (group[group.length - 1] as Chunk).until,
    start: first.start,
    eventCount,
    events,
  }
}
