/**
 * Text on its way to the terminal, collected and written in large pieces: a virtual run prints
 * thousands of lines in milliseconds. A live or paced run writes every line at once, so the user
 * sees it as it happens. What is still pending when a run is abandoned is dropped, never half-shown.
 */

export interface Output {
  readonly write: (text: string) => void
  /** Writes out what is pending. */
  readonly flush: () => void
  /** Drops what is pending. */
  readonly discard: () => void
}

const pieceLength = 1 << 16

export const bufferedOutput = (
  write: (text: string) => void,
  options: { readonly immediate: boolean },
): Output => {
  let pending = ""
  const flush = () => {
    if (pending.length > 0) write(pending)
    pending = ""
  }
  return {
    write: (text) => {
      pending += text
      if (options.immediate || pending.length >= pieceLength) flush()
    },
    flush,
    discard: () => {
      pending = ""
    },
  }
}
