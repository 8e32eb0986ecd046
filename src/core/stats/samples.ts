/**
 * A growable list of durations in microseconds, kept compact: four bytes a value while they fit
 * (under 35 minutes), eight after; stored in chunks of a million, so growing never copies what is
 * already kept (a ten-million-item run keeps twenty million of them for its percentiles).
 */
import { type ChunkedDurations, type DurationSummary, summarizeChunksInPlace } from "./summary.ts"

const int32Limit = 2 ** 31
const chunkShift = 20
const chunkSize = 1 << chunkShift

export class DurationSamples {
  private readonly full: Array<Int32Array | Float64Array> = []
  private current: Int32Array | Float64Array = new Int32Array(1024)
  private used = 0
  private wide = false

  get length(): number {
    return this.full.length * chunkSize + this.used
  }

  push(micros: number): void {
    if (!this.wide && (micros >= int32Limit || micros < -int32Limit || !Number.isInteger(micros)))
      this.widen()
    if (this.used === this.current.length) this.grow()
    this.current[this.used++] = micros
  }

  private grow(): void {
    if (this.current.length < chunkSize) {
      // The first chunk grows by doubling, so a short run keeps a short list.
      const larger = this.wide
        ? new Float64Array(this.current.length * 2)
        : new Int32Array(this.current.length * 2)
      larger.set(this.current)
      this.current = larger
      return
    }
    this.full.push(this.current)
    this.current = this.wide ? new Float64Array(chunkSize) : new Int32Array(chunkSize)
    this.used = 0
  }

  /** Moves to eight-byte values from now on (the values kept so far are copied once). */
  private widen(): void {
    this.wide = true
    for (let index = 0; index < this.full.length; index++)
      this.full[index] = Float64Array.from(this.full[index] as Int32Array)
    this.current = Float64Array.from(this.current)
  }

  /** The values where they lie, in the order they came. */
  chunks(): ChunkedDurations {
    return { chunks: [...this.full, this.current.subarray(0, this.used)], shift: chunkShift }
  }

  /** Their order statistics; this reorders the values kept. */
  summarizeInPlace(): DurationSummary {
    return summarizeChunksInPlace(this.chunks())
  }
}
