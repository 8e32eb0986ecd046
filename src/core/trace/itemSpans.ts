/**
 * The async spans keyed by item ("waiting", "processing"): their lives overlap, so they cannot be
 * thread slices. A beginning is held until its instant is over: a span that also ends within that
 * instant is written as one zero-length async instant (`n`) rather than a `b` and an `e` of the same
 * timestamp, whose order a viewer may change when it sorts (Perfetto sorts some end events first
 * within an instant). Only open spans are held, so memory follows them, not the length of the run.
 */
import {
  asyncBeginEvent,
  asyncEndEvent,
  asyncInstantEvent,
  type FlowEnd,
  type JsonString,
  jsonString,
} from "./traceEvents.ts"

/** Where a run's item spans go. */
export interface ItemSpanOutput {
  readonly write: (event: string) => void
  readonly pid: number
  /**
   * Offset + item is the span's id and its flow's id: unique in the document, since Perfetto
   * matches async ids and flow ids across processes.
   */
  readonly keyOffset: number
  /**
   * In a pipeline each stage's spans have ids of their own and share the item's flow: the span's id
   * is offset + item * `keysPerItem` + `spanSlot`, its flow's offset + item * `keysPerItem` +
   * `flowSlot` (one queue: 1, 0 and 0).
   */
  readonly keysPerItem?: number
  readonly spanSlot?: number
  readonly flowSlot?: number
}

const removed = -1

/** One kind of span, by item. */
export class ItemSpanKind {
  private readonly output: ItemSpanOutput
  /** Its name and category: Perfetto matches ids within a category. */
  private readonly name: JsonString
  /** Which end of the item's flow (production -> pick-up) the span's beginning is. */
  private readonly flow: FlowEnd
  /** Begun and not ended, whether the beginning is written or held. */
  private readonly open = new Set<number>()
  // Beginnings of the current instant, not written yet, in order (so output is stable); ended ones
  // are marked `removed`. Arrays reused from instant to instant: a Map here made garbage per event.
  private readonly heldItems: Array<number> = []
  private readonly heldArgs: Array<string> = []
  private readonly heldFlows: Array<FlowEnd> = []
  private heldCount = 0
  private heldRemoved = 0
  private heldAt = 0

  constructor(output: ItemSpanOutput, name: string, flow: FlowEnd) {
    this.output = output
    this.name = jsonString(name)
    this.flow = flow
  }

  private key(item: number): number {
    const { keyOffset, keysPerItem = 1, spanSlot = 0 } = this.output
    return keyOffset + item * keysPerItem + spanSlot
  }

  private flowKey(item: number): number {
    const { keyOffset, keysPerItem = 1, flowSlot = 0 } = this.output
    return keyOffset + item * keysPerItem + flowSlot
  }

  private writeBeginning(item: number, at: number, args: string, flow: FlowEnd): void {
    const { pid } = this.output
    this.output.write(
      asyncBeginEvent(this.name, this.name, this.key(item), pid, at, flow, args, this.flowKey(item)),
    )
  }

  /**
   * Begins the item's span at `at`, the current instant; `flow` when this beginning is another point
   * of the item's flow than the kind's own (a pipeline's item re-entering a stage).
   */
  begin(item: number, at: number, args: string, flow: FlowEnd = this.flow): void {
    if (this.open.has(item)) return
    this.open.add(item)
    this.heldItems[this.heldCount] = item
    this.heldArgs[this.heldCount] = args
    this.heldFlows[this.heldCount] = flow
    this.heldCount++
    this.heldAt = at
  }

  /** Writes the beginnings held for an instant that is over. */
  writeHeld(): void {
    for (let index = 0; index < this.heldCount; index++) {
      const item = this.heldItems[index] as number
      if (item !== removed)
        this.writeBeginning(
          item,
          this.heldAt,
          this.heldArgs[index] as string,
          this.heldFlows[index] as FlowEnd,
        )
      this.heldArgs[index] = ""
    }
    this.heldCount = 0
    this.heldRemoved = 0
  }

  /**
   * Drops the ended beginnings once they are half of what is held, so that an instant with many
   * events (`--produce 0ms --process 0ms` runs everything at 0) holds no more than twice its open
   * spans.
   */
  private forgetHeld(index: number): void {
    this.heldItems[index] = removed
    this.heldArgs[index] = ""
    if (++this.heldRemoved * 2 <= this.heldCount) return
    let kept = 0
    for (let from = 0; from < this.heldCount; from++) {
      const item = this.heldItems[from] as number
      if (item === removed) continue
      this.heldItems[kept] = item
      this.heldArgs[kept] = this.heldArgs[from] as string
      this.heldFlows[kept] = this.heldFlows[from] as FlowEnd
      kept++
    }
    for (let rest = kept; rest < this.heldCount; rest++) this.heldArgs[rest] = ""
    this.heldCount = kept
    this.heldRemoved = 0
  }

  /** Where the item's beginning is held, or -1 when it is written (or was never begun). */
  private heldIndex(item: number): number {
    // The latest beginnings are the likeliest to end within their instant: search from the end.
    for (let index = this.heldCount - 1; index >= 0; index--) if (this.heldItems[index] === item) return index
    return -1
  }

  /** Ends the item's span if it is open; answers whether it was. */
  end(item: number, at: number): boolean {
    if (!this.open.delete(item)) return false
    const { pid } = this.output
    const held = this.heldCount === 0 ? -1 : this.heldIndex(item)
    if (held >= 0) {
      const args = this.heldArgs[held] as string
      const flow = this.heldFlows[held] as FlowEnd
      this.forgetHeld(held)
      if (this.heldAt === at) {
        const key = this.key(item)
        this.output.write(
          asyncInstantEvent(this.name, this.name, key, pid, at, flow, args, this.flowKey(item)),
        )
        return true
      }
      this.writeBeginning(item, this.heldAt, args, flow)
    }
    this.output.write(asyncEndEvent(this.name, this.name, this.key(item), pid, at))
    return true
  }

  /** Ends every open span at `at`; answers how many there were. */
  endAll(at: number): number {
    const count = this.open.size
    // Deleting the entry being visited is safe while iterating a Set.
    for (const item of this.open) this.end(item, at)
    return count
  }

  openCount(): number {
    return this.open.size
  }

  /** Beginnings held for the current instant, ended ones not yet dropped included. */
  heldBeginnings(): number {
    return this.heldCount
  }
}

/**
 * A queue's kinds of item spans, and the instant their held beginnings belong to. In a pipeline every
 * beginning is a step of the item's flow from stage to stage (its production is where the flow
 * leaves), and a failed item's pause before it re-enters the stage is a span of its own.
 */
export class ItemSpans {
  readonly waiting: ItemSpanKind
  readonly processing: ItemSpanKind
  /** A pipeline's failed item waiting out its backoff; absent for the course's one queue. */
  readonly backoff: ItemSpanKind | undefined
  private instant = 0

  constructor(output: ItemSpanOutput, inPipeline = false) {
    this.waiting = new ItemSpanKind(output, "waiting", inPipeline ? "flow_step" : "flow_out")
    this.processing = new ItemSpanKind(output, "processing", inPipeline ? "flow_step" : "flow_in")
    this.backoff = inPipeline ? new ItemSpanKind(output, "backoff", "flow_step") : undefined
  }

  /** Call before each event: once its instant is over, held beginnings are written. */
  advanceTo(at: number): void {
    if (at <= this.instant) return
    this.instant = at
    this.waiting.writeHeld()
    this.processing.writeHeld()
    this.backoff?.writeHeld()
  }

  /** Ends every open span at `at`; answers how many there were. */
  endAll(at: number): number {
    return this.waiting.endAll(at) + this.processing.endAll(at) + (this.backoff?.endAll(at) ?? 0)
  }

  openCount(): number {
    return this.waiting.openCount() + this.processing.openCount() + (this.backoff?.openCount() ?? 0)
  }

  heldBeginnings(): number {
    return (
      this.waiting.heldBeginnings() + this.processing.heldBeginnings() + (this.backoff?.heldBeginnings() ?? 0)
    )
  }
}
