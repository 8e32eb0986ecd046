/**
 * Equal-width bins over a quantity whose range is not known in advance (a run's time, its
 * latencies), in bounded memory: at most `capacity` bins; when a position falls past the last one,
 * neighbouring bins merge pairwise and the width doubles. Each field of a bin is a sum, a least or a
 * greatest value, so a merged bin is exactly what one bin of twice the width would have held.
 */

export type Combine = "sum" | "min" | "max"

interface Field {
  readonly combine: Combine
  readonly empty: number
  values: Float64Array
}

const emptyOf = (combine: Combine): number =>
  combine === "sum" ? 0 : combine === "min" ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY

const merge = (combine: Combine, a: number, b: number): number =>
  combine === "sum" ? a + b : combine === "min" ? Math.min(a, b) : Math.max(a, b)

export class DoublingBins {
  /** Width of each bin; starts at one unit (a microsecond) and only ever doubles. */
  width = 1
  /** Bins used so far: one past the highest bin touched. */
  count = 0
  private readonly fields: Array<Field> = []
  readonly capacity: number

  constructor(capacity: number) {
    if (capacity < 2 || capacity % 2 !== 0) throw new Error("capacity must be an even number of at least 2")
    this.capacity = capacity
  }

  /** A new field, empty in every bin; answers its number. */
  addField(combine: Combine): number {
    const empty = emptyOf(combine)
    this.fields.push({ combine, empty, values: new Float64Array(this.capacity).fill(empty) })
    return this.fields.length - 1
  }

  /** The bin holding `position` (>= 0), widening the bins until it fits. */
  binOf(position: number): number {
    let bin = Math.floor(position / this.width)
    while (bin >= this.capacity) {
      this.halve()
      bin = Math.floor(position / this.width)
    }
    if (bin >= this.count) this.count = bin + 1
    return bin
  }

  private halve(): void {
    const half = this.capacity / 2
    for (const field of this.fields) {
      const values = field.values
      for (let bin = 0; bin < half; bin++) {
        values[bin] = merge(field.combine, values[2 * bin] as number, values[2 * bin + 1] as number)
      }
      values.fill(field.empty, half)
    }
    this.width *= 2
    this.count = Math.ceil(this.count / 2)
  }

  /** Folds `amount` into the field at the bin holding `position`. */
  add(field: number, position: number, amount: number): void {
    const bin = this.binOf(position)
    const target = this.fields[field] as Field
    target.values[bin] = merge(target.combine, target.values[bin] as number, amount)
  }

  /** Adds, to a sum field, `weight` times the length of [from, to) that each bin covers. */
  addSpan(field: number, from: number, to: number, weight = 1): void {
    if (to <= from) return
    this.binOf(to - 1) // widen first, so that the bins do not change below
    const values = (this.fields[field] as Field).values
    const width = this.width
    for (let bin = Math.floor(from / width); bin * width < to; bin++) {
      values[bin] =
        (values[bin] as number) + weight * (Math.min(to, (bin + 1) * width) - Math.max(from, bin * width))
    }
  }

  /**
   * A level held over [from, to): folds it into a least and a greatest field at every bin the span
   * overlaps, and adds level times the overlap to an area field (a sum). One pass, as it runs for
   * nearly every event.
   */
  holdLevel(least: number, greatest: number, area: number, from: number, to: number, level: number): void {
    if (to <= from) return
    this.binOf(to - 1)
    const width = this.width
    const low = (this.fields[least] as Field).values
    const high = (this.fields[greatest] as Field).values
    const areas = (this.fields[area] as Field).values
    const last = Math.floor((to - 1) / width)
    for (let bin = Math.floor(from / width); bin <= last; bin++) {
      if (level < (low[bin] as number)) low[bin] = level
      if (level > (high[bin] as number)) high[bin] = level
      areas[bin] =
        (areas[bin] as number) + level * (Math.min(to, (bin + 1) * width) - Math.max(from, bin * width))
    }
  }

  /** The field's used bins, as plain numbers; an empty least or greatest is null. */
  values(field: number): Array<number | null> {
    const values = (this.fields[field] as Field).values
    const out: Array<number | null> = new Array(this.count)
    for (let bin = 0; bin < this.count; bin++) {
      const value = values[bin] as number
      out[bin] = Number.isFinite(value) ? value : null
    }
    return out
  }

  /** A sum field's used bins (never null). */
  sums(field: number): Array<number> {
    return Array.from((this.fields[field] as Field).values.subarray(0, this.count))
  }
}
