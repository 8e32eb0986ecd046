/**
 * What a person sees of a run: the course's lines as events arrive, then the closing lines and the
 * statistics. `simulate` feeds it live from the engine, `replay` from a recording; it is the same
 * object either way, which is why the two print the same bytes.
 */
import type { RunEnd, SimEvent } from "../engine/events.ts"
import {
  type RunInfo,
  type Statistics,
  StatisticsFold,
  type TimeWindow,
  wholeRun,
} from "../stats/statistics.ts"
import type { Painter } from "./color.ts"
import { endLines, eventLine, type Line, startLine, windowEndLine, windowStartLine } from "./lines.ts"
import { formatTimestamp } from "./numbers.ts"
import { statisticsBlock } from "./statisticsBlock.ts"

export type Verbosity =
  /** The course's lines, then the statistics block. */
  | "full"
  /** The statistics block only. */
  | "quiet"
  /** The statistics object only, as JSON. */
  | "json"

export interface RunViewOptions {
  readonly verbosity: Verbosity
  readonly paint: Painter
  readonly write: (text: string) => void
  /** Prefix each line with its virtual time. */
  readonly timestamps?: boolean
  /** Show, and count, only this part of the run. */
  readonly window?: TimeWindow
}

export interface RunView {
  readonly event: (event: SimEvent) => void
  /** Closes the run; `info` (from the scenario or the recording's header) names it in the statistics. */
  readonly end: (end: RunEnd, info: RunInfo) => Statistics
}

export const makeRunView = (options: RunViewOptions): RunView => {
  const window = options.window ?? wholeRun
  const fold = new StatisticsFold(window)
  const showLines = options.verbosity === "full"
  const print = (at: number, line: Line) =>
    options.write(`${options.timestamps ? formatTimestamp(at) : ""}${options.paint(line.color, line.text)}\n`)

  let opened = false
  // The first line: "App started.", or for a window that starts later, the state it starts in.
  const open = () => {
    if (opened) return
    opened = true
    if (!showLines) return
    const from = window.fromMicros
    print(from, from === 0 ? startLine : windowStartLine(from, fold.queueDepth(), fold.inProcess()))
  }
  if (window.fromMicros === 0) open()

  return {
    event: (event) => {
      // Events at the window's start belong to it: open before folding them in.
      if (event.at >= window.fromMicros) open()
      const latency = fold.add(event)
      if (!showLines || event.at < window.fromMicros || event.at >= window.untilMicros) return
      const line = eventLine(event, latency)
      if (line !== undefined) print(event.at, line)
    },
    end: (end, info) => {
      open()
      const statistics = fold.finish(end, info)
      if (showLines) {
        if (end.at < window.untilMicros) for (const line of endLines(end)) print(end.at, line)
        else print(window.untilMicros, windowEndLine(window.untilMicros, end))
      }
      options.write(
        options.verbosity === "json"
          ? `${JSON.stringify(statistics, null, 2)}\n`
          : `${statisticsBlock(statistics)}\n`,
      )
      return statistics
    },
  }
}
