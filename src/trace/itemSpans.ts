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
}

interface HeldBeginning {
  readonly at: number
  readonly args: string
}

/** One kind of span, by item. */
export class ItemSpanKind {
  private readonly output: ItemSpanOutput
  /** Its name and category: Perfetto matches ids within a category. */
  private readonly name: JsonString
  /** Which end of the item's flow (production -> pick-up) the span's beginning is. */
  private readonly flow: FlowEnd
  /** Begun and not ended, whether the beginning is written or held. */
  private readonly open = new Set<number>()
  /** Beginnings of the current instant, not written yet (insertion order: stable output). */
  private readonly held = new Map<number, HeldBeginning>()

  constructor(output: ItemSpanOutput, name: string, flow: FlowEnd) {
    this.output = output
    this.name = jsonString(name)
    this.flow = flow
  }

  private key(item: number): number {
    return this.output.keyOffset + item
  }

  private writeBeginning(item: number, { at, args }: HeldBeginning): void {
    this.output.write(
      asyncBeginEvent(this.name, this.name, this.key(item), this.output.pid, at, this.flow, args),
    )
  }

  begin(item: number, at: number, args: string): void {
    if (this.open.has(item)) return
    this.open.add(item)
    this.held.set(item, { at, args })
  }

  /** Writes the beginnings held for an instant that is over. */
  writeHeld(): void {
    for (const [item, beginning] of this.held) this.writeBeginning(item, beginning)
    this.held.clear()
  }

  /** Ends the item's span if it is open; answers whether it was. */
  end(item: number, at: number): boolean {
    if (!this.open.delete(item)) return false
    const { pid } = this.output
    const held = this.held.get(item)
    if (held !== undefined) {
      this.held.delete(item)
      if (held.at === at) {
        this.output.write(
          asyncInstantEvent(this.name, this.name, this.key(item), pid, at, this.flow, held.args),
        )
        return true
      }
      this.writeBeginning(item, held)
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
}

/** A run's two kinds of item spans, and the instant their held beginnings belong to. */
export class ItemSpans {
  readonly waiting: ItemSpanKind
  readonly processing: ItemSpanKind
  private instant = 0

  constructor(output: ItemSpanOutput) {
    this.waiting = new ItemSpanKind(output, "waiting", "flow_out")
    this.processing = new ItemSpanKind(output, "processing", "flow_in")
  }

  /** Call before each event: once its instant is over, held beginnings are written. */
  advanceTo(at: number): void {
    if (at <= this.instant) return
    this.instant = at
    this.waiting.writeHeld()
    this.processing.writeHeld()
  }

  /** Ends every open span at `at`; answers how many there were. */
  endAll(at: number): number {
    return this.waiting.endAll(at) + this.processing.endAll(at)
  }
}
