/**
 * A progress line on stderr for long runs and replays: a user of a ten-million-item run sees it
 * move, and during `--compare` sees which mode is running. Only on a terminal, only once a run has
 * taken more than a second of wall time, at most ten updates a second, and erased (overwritten with
 * spaces, no escape codes) when the run ends. As a sink it looks at the wall clock every few
 * thousand events and reads the count of items from the statistics fold.
 */
import * as Effect from "effect/Effect"
import type { RunContext, RunSink } from "../sinks/sink.ts"
import { formatNumber, formatSecondsAsCourse } from "./numbers.ts"
import { sanitizeForTerminal } from "./sanitize.ts"

const delayMillis = 1_000
const intervalMillis = 100
/** Events between two looks at the wall clock: cheap enough for the hot path. */
const eventsBetweenLooks = 4096

export interface Progress {
  /** Shows how far the run named `what` ("simulating async") has come, if it is time to. */
  readonly update: (what: string, virtualMicros: number, itemsProduced: number, totalItems: number) => void
  readonly done: () => void
}

export const makeProgress = (options: {
  readonly isTTY: boolean
  readonly write: (text: string) => void
  /** Wall time in milliseconds (the core takes it from its caller: it has no clock of its own). */
  readonly wallMillis: () => number
  /** When the user started waiting, on that clock (several runs of one command share it); now by default. */
  readonly startedAt?: number
}): Progress => {
  const { wallMillis } = options
  const startedAt = options.startedAt ?? wallMillis()
  let lastShownAt = Number.NEGATIVE_INFINITY
  let shownLength = 0
  return {
    update: (what, virtualMicros, itemsProduced, totalItems) => {
      if (!options.isTTY) return
      const now = wallMillis()
      if (now - startedAt < delayMillis || now - lastShownAt < intervalMillis) return
      lastShownAt = now
      const percent = totalItems > 0 ? Math.floor((100 * itemsProduced) / totalItems) : 100
      const text = `${what}: ${formatNumber(itemsProduced)} of ${formatNumber(totalItems)} items (${percent}%), virtual time ${formatSecondsAsCourse(virtualMicros)} s`
      options.write(`\r${text.padEnd(shownLength)}`)
      shownLength = text.length
    },
    done: () => {
      if (shownLength > 0) options.write(`\r${" ".repeat(shownLength)}\r`)
      shownLength = 0
    },
  }
}

/**
 * The progress line as a sink of a run; `verb` says what is happening to it ("simulating", "replaying"), and the run's mode follows.
 */
export const progressSink = (progress: Progress, verb: string): RunSink => {
  let what = verb
  let totalItems = 0
  let untilLook = eventsBetweenLooks
  let run: RunContext | undefined
  const done = () => Effect.sync(progress.done)
  return {
    start: (header, context) => {
      run = context
      what = `${verb} ${sanitizeForTerminal(header.mode)}`
      totalItems = header.scenario.producers * header.scenario.items
    },
    event: (event) => {
      if (--untilLook > 0) return
      untilLook = eventsBetweenLooks
      progress.update(what, event.at, (run as RunContext).producedSoFar(), totalItems)
    },
    end: done,
    abort: done,
  }
}
