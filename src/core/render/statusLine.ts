/**
 * A line of status on stderr that rewrites itself (a progress bar): only on a terminal, only once
 * the work has taken more than a second, at most ten times a second, and erased (overwritten with
 * spaces, no escape codes) when the work ends.
 */

const delayMillis = 1_000
const intervalMillis = 100

export interface StatusLine {
  /** Shows the text `describe` makes, if it is time to (it is not called otherwise). */
  readonly show: (describe: () => string) => void
  readonly done: () => void
}

export const makeStatusLine = (options: {
  readonly isTTY: boolean
  readonly write: (text: string) => void
  /** Wall time in milliseconds (the core takes it from its caller: it has no clock of its own). */
  readonly wallMillis: () => number
}): StatusLine => {
  const { wallMillis } = options
  const startedAt = wallMillis()
  let lastShownAt = Number.NEGATIVE_INFINITY
  let shownLength = 0
  return {
    show: (describe) => {
      if (!options.isTTY) return
      const now = wallMillis()
      if (now - startedAt < delayMillis || now - lastShownAt < intervalMillis) return
      lastShownAt = now
      const text = describe()
      options.write(`\r${text.padEnd(shownLength)}`)
      shownLength = text.length
    },
    done: () => {
      if (shownLength > 0) options.write(`\r${" ".repeat(shownLength)}\r`)
      shownLength = 0
    },
  }
}

/** A bar of `width` cells, `done` of `total` filled: `[#######-------------]`. */
export const progressBar = (done: number, total: number, width = 20): string => {
  const filled = total > 0 ? Math.round((width * done) / total) : width
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`
}
