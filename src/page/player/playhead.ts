/**
 * The playhead: an instant in integer microseconds. At instant T the page shows what happened up to
 * and including T (what `replay --until` prints for the microsecond after T): an item drawn at the
 * playhead is counted and its line printed. Once the playhead reaches a run's end it shows the whole
 * run, as `replay` does. Stepping moves from one instant that holds events to the next, so each step
 * shows the lines of one more instant; the address's `#t=5.2` opens at 5.2 s.
 */

/** The `--until` the playhead stands for in a run that ends at `endAt`: the events at `at` are in. */
export const untilOf = (at: number, endAt: number): number => Math.min(at, endAt) + 1

/** Instants that hold at least one event, sorted, without repeats. */
export const distinctInstants = (times: Iterable<number>): Float64Array => {
  const sorted = Float64Array.from(times).sort()
  let kept = 0
  for (let index = 0; index < sorted.length; index++) {
    if (kept === 0 || sorted[index] !== sorted[kept - 1]) sorted[kept++] = sorted[index] as number
  }
  return sorted.subarray(0, kept)
}

/** How many instants lie before `at`. */
export const countBefore = (instants: ArrayLike<number>, at: number): number => {
  let low = 0
  let high = instants.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((instants[middle] as number) < at) low = middle + 1
    else high = middle
  }
  return low
}

/** The playhead on the next instant that holds events, or where it is when none is left. */
export const stepForward = (instants: ArrayLike<number>, at: number, endAt: number): number => {
  const next = countBefore(instants, untilOf(at, endAt))
  if (next >= instants.length) return at
  return Math.min(instants[next] as number, endAt)
}

/** The playhead on the instant before the last one shown (the start when there is none). */
export const stepBack = (instants: ArrayLike<number>, at: number, endAt: number): number => {
  const shown = countBefore(instants, untilOf(at, endAt))
  return shown >= 2 ? (instants[shown - 2] as number) : 0
}

/** `#t=5.2` (seconds) as microseconds, or undefined when the address says nothing usable. */
export const parseTimeHash = (hash: string): number | undefined => {
  const match = /(?:^#|&)t=([0-9]+(?:\.[0-9]+)?)(?:&|$)/.exec(hash)
  if (match === null) return undefined
  // Whole microseconds only: digits past the sixth after the point say nothing usable.
  const [whole = "", fraction = ""] = (match[1] as string).split(".")
  if (fraction.length > 6) return undefined
  const micros = Number(whole) * 1_000_000 + Number(fraction.padEnd(6, "0"))
  return Number.isSafeInteger(micros) ? micros : undefined
}

export const formatTimeHash = (at: number): string => `#t=${Math.round(at) / 1_000_000}`

export const playSpeeds = [0.5, 1, 2, 5, 10, 20, 50, 100] as const

/** The next speed up (`direction` 1) or down (-1) the list, staying at its ends. */
export const changeSpeed = (speed: number, direction: 1 | -1): number => {
  const index = playSpeeds.findIndex((candidate) => candidate >= speed)
  const current = index < 0 ? playSpeeds.length - 1 : index
  return playSpeeds[Math.min(playSpeeds.length - 1, Math.max(0, current + direction))] as number
}
