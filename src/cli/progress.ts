/**
 * A progress line on stderr for long virtual runs: a user of a ten-million-item run sees it move.
 * Only on a terminal, only once a run has taken more than a second, at most ten updates a second,
 * and erased (overwritten with spaces, no escape codes) when the run ends.
 */
import { formatSecondsAsCourse } from "../render/numbers.ts"

const delayMillis = 1_000
const intervalMillis = 100

export interface Progress {
  /** Called between slices of the run with how far it has come. */
  readonly update: (virtualMicros: number, itemsProduced: number) => void
  readonly done: () => void
}

export const makeProgress = (options: {
  readonly isTTY: boolean
  readonly write: (text: string) => void
  readonly totalItems: number
  readonly wallMillis?: () => number
}): Progress => {
  const wallMillis = options.wallMillis ?? (() => performance.now())
  const startedAt = wallMillis()
  let lastShownAt = Number.NEGATIVE_INFINITY
  let shownLength = 0
  return {
    update: (virtualMicros, itemsProduced) => {
      if (!options.isTTY) return
      const now = wallMillis()
      if (now - startedAt < delayMillis || now - lastShownAt < intervalMillis) return
      lastShownAt = now
      const percent = options.totalItems > 0 ? Math.floor((100 * itemsProduced) / options.totalItems) : 100
      const text = `simulating: ${itemsProduced.toLocaleString("en-US")} of ${options.totalItems.toLocaleString("en-US")} items (${percent}%), virtual time ${formatSecondsAsCourse(virtualMicros)} s`
      options.write(`\r${text.padEnd(shownLength)}`)
      shownLength = text.length
    },
    done: () => {
      if (shownLength > 0) options.write(`\r${" ".repeat(shownLength)}\r`)
      shownLength = 0
    },
  }
}
