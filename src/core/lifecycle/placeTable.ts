/**
 * Where each item is (a small code), by item id, for every item a run has made: one byte an item
 * in pages of 4,096 ids allocated as ids are reached, so a run's ids (consecutive from 1) cost a
 * byte each and a recording's scattered ids cost only the pages they touch.
 */
const pageBits = 12
const pageSize = 1 << pageBits
const pageMask = pageSize - 1

/** Whether an id is a whole number from 0 to 2^32 - 1 (an array index): one operation on this hot path. */
const isIndex = (item: number): boolean => item >>> 0 === item

export class PlaceTable {
  private readonly pages: Array<Uint8Array | undefined> = []
  /** Ids that are no array index (negative, fractional, huge): rare, from a crafted recording. */
  private readonly odd = new Map<number, number>()

  get(item: number): number {
    if (isIndex(item)) {
      return this.pages[item >>> pageBits]?.[item & pageMask] ?? 0
    }
    return this.odd.get(item) ?? 0
  }

  /** Sets the item's place and answers the one it had: one look-up where a get and a set take two. */
  exchange(item: number, place: number): number {
    if (isIndex(item)) {
      const index = item >>> pageBits
      let page = this.pages[index]
      if (page === undefined) {
        page = new Uint8Array(pageSize)
        this.pages[index] = page
      }
      const offset = item & pageMask
      const previous = page[offset] as number
      page[offset] = place
      return previous
    }
    const previous = this.odd.get(item) ?? 0
    this.odd.set(item, place)
    return previous
  }

  set(item: number, place: number): void {
    this.exchange(item, place)
  }
}
