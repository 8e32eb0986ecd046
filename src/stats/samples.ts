/**
 * A growable list of durations in microseconds, kept compact: four bytes a value while they fit
 * (under 35 minutes), eight after. A million-item run keeps two million of them for its
 * percentiles, so this halves what the statistics hold.
 */
const int32Limit = 2 ** 31

export class DurationSamples {
  private values: Int32Array | Float64Array = new Int32Array(1024)
  private count = 0

  get length(): number {
    return this.count
  }

  push(micros: number): void {
    if (this.count === this.values.length) this.grow(this.values instanceof Int32Array)
    if (
      this.values instanceof Int32Array &&
      (micros >= int32Limit || micros < -int32Limit || !Number.isInteger(micros))
    ) {
      this.grow(false)
    }
    this.values[this.count++] = micros
  }

  /** Doubles the room, or moves to eight-byte values when `compact` is false. */
  private grow(compact: boolean): void {
    const size = this.count === this.values.length ? this.values.length * 2 : this.values.length
    const larger = compact ? new Int32Array(size) : new Float64Array(size)
    larger.set(this.values.subarray(0, this.count))
    this.values = larger
  }

  /** The values so far, as a view (no copy). */
  view(): Int32Array | Float64Array {
    return this.values.subarray(0, this.count)
  }
}
