/**
 * Events packed into flat arrays, to hand them to the recording worker thread cheaply (the arrays
 * are transferred, not copied). Numbers travel as float64, which holds every value a recording can
 * carry exactly; NaN marks an absent field.
 */
import type { SimEvent } from "../engine/events.ts"
import { serializeEventFields, serializeLabel } from "./serialize.ts"

export const fieldsPerEvent = 4

export interface EventBatch {
  /** Labels (`[type, actor]`) first used in this batch, numbered after those of earlier batches. */
  readonly newLabels: ReadonlyArray<readonly [string, string]>
  readonly labelCodes: Uint32Array
  /** at, item, value, index of each event, in that order. */
  readonly numbers: Float64Array
  readonly count: number
}

const absent = Number.NaN

/** Collects events into batches of `capacity`, numbering each distinct (type, actor) pair once. */
export class EventBatcher {
  // By actor, the few types it emits: one Map lookup per event, then a scan of two to four entries.
  private readonly labelCodes = new Map<string, Array<{ readonly type: string; readonly code: number }>>()
  private nextLabel = 0
  private newLabels: Array<readonly [string, string]> = []
  private codes: Uint32Array
  private numbers: Float64Array
  private count = 0
  private readonly capacity: number

  constructor(capacity: number) {
    this.capacity = capacity
    this.codes = new Uint32Array(capacity)
    this.numbers = new Float64Array(capacity * fieldsPerEvent)
  }

  private labelOf(type: string, actor: string): number {
    let known = this.labelCodes.get(actor)
    if (known === undefined) {
      known = []
      this.labelCodes.set(actor, known)
    }
    for (const entry of known) if (entry.type === type) return entry.code
    const code = this.nextLabel++
    known.push({ type, code })
    this.newLabels.push([type, actor])
    return code
  }

  /** Adds an event; returns true when the batch is full. */
  add(event: SimEvent): boolean {
    const offset = this.count * fieldsPerEvent
    this.codes[this.count] = this.labelOf(event.type, event.actor)
    this.numbers[offset] = event.at
    this.numbers[offset + 1] = event.item ?? absent
    this.numbers[offset + 2] = event.value ?? absent
    this.numbers[offset + 3] = event.index ?? absent
    this.count++
    return this.count === this.capacity
  }

  /** The events so far, as a batch; starts a new one. */
  take(): EventBatch {
    const batch = {
      newLabels: this.newLabels,
      labelCodes: this.codes,
      numbers: this.numbers,
      count: this.count,
    }
    this.newLabels = []
    this.codes = new Uint32Array(this.capacity)
    this.numbers = new Float64Array(this.capacity * fieldsPerEvent)
    this.count = 0
    return batch
  }
}

/** Serialises a batch into event lines; `labels` (serialised labels) accumulates across batches. */
export const serializeBatch = (
  batch: EventBatch,
  labels: Array<string>,
  line: (text: string) => void,
): void => {
  for (const [type, actor] of batch.newLabels) labels.push(serializeLabel(type, actor))
  const { numbers, labelCodes } = batch
  for (let index = 0; index < batch.count; index++) {
    const offset = index * fieldsPerEvent
    const item = numbers[offset + 1] as number
    const value = numbers[offset + 2] as number
    const count = numbers[offset + 3] as number
    line(
      serializeEventFields(
        numbers[offset] as number,
        labels[labelCodes[index] as number] as string,
        Number.isNaN(item) ? undefined : item,
        Number.isNaN(value) ? undefined : value,
        Number.isNaN(count) ? undefined : count,
      ),
    )
  }
}
