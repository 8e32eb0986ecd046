/**
 * When each item still in the run was created, by item id: the statistics fold's one per-item
 * record. Ids are consecutive integers and items leave the run roughly in the order they came, so
 * the live ones fill a window of ids: a ring over that window (it grows while the oldest live item
 * stays), not an array over every id ever made. A run of ten million items holds a few thousand
 * entries instead of ten million. Ids far outside the window (a recording numbers its items as it
 * likes) go to a map.
 */

const gone = -1
const initialSize = 1 << 12
/** Past this, a stray id waits in the map rather than stretching the ring. */
const mostSize = 1 << 26

export class ItemTimes {
  private times = new Float64Array(initialSize).fill(gone)
  private mask = initialSize - 1
  /** The window is ids base .. base + size - 1. */
  private base = 0
  /** Entries of the ring that are live. */
  private live = 0
  private readonly far = new Map<number, number>()

  private inWindow(item: number): boolean {
    return item >= this.base && item - this.base <= this.mask
  }

  /** The creation time of a live item, or undefined. */
  get(item: number): number | undefined {
    if (this.inWindow(item)) {
      const at = this.times[item & this.mask] as number
      return at === gone ? undefined : at
    }
    return this.far.get(item)
  }

  set(item: number, at: number): void {
    if (!this.inWindow(item) && item >= this.base) this.reach(item)
    if (!this.inWindow(item) || !Number.isSafeInteger(item)) {
      this.far.set(item, at)
      return
    }
    if (this.times[item & this.mask] === gone) this.live++
    this.times[item & this.mask] = at
  }

  /** The item has left the run (processed, or dropped). */
  delete(item: number): void {
    if (this.inWindow(item)) {
      if (this.times[item & this.mask] !== gone) this.live--
      this.times[item & this.mask] = gone
    } else {
      this.far.delete(item)
    }
  }

  /**
   * Moves the window on to hold `item`: past the items gone, or wider while the oldest stays; an
   * id far beyond the window (more than its size again) is left to the map instead.
   */
  private reach(item: number): void {
    if (this.live === 0) {
      this.base = item
      return
    }
    while (!this.inWindow(item)) {
      if (this.times[this.base & this.mask] === gone) {
        this.base++
        continue
      }
      const size = this.times.length
      if (item - this.base >= 2 * size || size >= mostSize) return
      const wider = new Float64Array(size * 2).fill(gone)
      const mask = size * 2 - 1
      for (let id = this.base; id < this.base + size; id++)
        wider[id & mask] = this.times[id & this.mask] as number
      this.times = wider
      this.mask = mask
    }
  }
}
