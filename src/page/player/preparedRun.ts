/**
 * A run as the page works with it: its detail windows decoded once into events and the course's
 * lines (through the same functions the terminal prints with), and the instants that hold events.
 */

import { type DetailEvent, decodeWindow } from "../../core/pageData/detailEvents.ts"
import type { DetailWindow } from "../../core/pageData/pageData.ts"
import type { PageRun } from "../../core/pageData/pageRun.ts"
import { eventLine, type Line } from "../../core/render/lines.ts"
import { countBefore, distinctInstants } from "./playhead.ts"

export interface PreparedWindow {
  readonly window: DetailWindow
  readonly events: ReadonlyArray<DetailEvent>
  /** Each event's time, for binary searches. */
  readonly times: Float64Array
  /** The lines the events print, and when each is printed. */
  readonly lines: ReadonlyArray<Line>
  readonly lineTimes: Float64Array
}

export interface PreparedRun {
  readonly run: PageRun
  readonly windows: ReadonlyArray<PreparedWindow>
  readonly instants: Float64Array
}

const prepareWindow = (run: PageRun, window: DetailWindow): PreparedWindow => {
  const events = decodeWindow(window, run.data.actors, run.data.stages)
  const lines: Array<Line> = []
  const lineTimes: Array<number> = []
  for (const event of events) {
    const line = eventLine(event, event.latency)
    if (line === undefined) continue
    lines.push(line)
    lineTimes.push(event.at)
  }
  return {
    window,
    events,
    times: Float64Array.from(events, (event) => event.at),
    lines,
    lineTimes: Float64Array.from(lineTimes),
  }
}

export const prepareRun = (run: PageRun): PreparedRun => {
  const windows = run.data.detail.windows.map((window) => prepareWindow(run, window))
  const instants = distinctInstants(
    (function* () {
      for (const window of windows) yield* window.times
    })(),
  )
  return { run, windows, instants }
}

/** The window that holds what happened just before `until` (the last one starting before it). */
export const windowBefore = (prepared: PreparedRun, until: number): PreparedWindow | undefined => {
  let found = prepared.windows[0]
  for (const window of prepared.windows) {
    if (window.window.from < until) found = window
    else break
  }
  return found
}

/** Events of a window before `until`. */
export const eventsBefore = (window: PreparedWindow, until: number): number =>
  countBefore(window.times, until)
