/**
 * What a person sees of a run: the course's lines as events arrive, then the closing lines and the
 * statistics. `simulate` feeds it live from the engine, `replay` from a recording; it is the same
 * object either way, which is why the two print the same bytes.
 */
import type { RunEnd, SimEvent } from "../engine/events.ts"
import { type RunInfo, type Statistics, StatisticsFold } from "../stats/statistics.ts"
import type { Painter } from "./color.ts"
import { endLines, eventLine, type Line, startLine } from "./lines.ts"
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
}

export interface RunView {
  readonly start: () => void
  readonly event: (event: SimEvent) => void
  readonly end: (end: RunEnd) => Statistics
}

export const makeRunView = (info: RunInfo, options: RunViewOptions): RunView => {
  const fold = new StatisticsFold(info)
  const showLines = options.verbosity === "full"
  const print = (line: Line) => options.write(`${options.paint(line.color, line.text)}\n`)
  return {
    start: () => {
      if (showLines) print(startLine)
    },
    event: (event) => {
      const latency = fold.add(event)
      if (!showLines) return
      const line = eventLine(event, latency)
      if (line !== undefined) print(line)
    },
    end: (end) => {
      const statistics = fold.finish(end)
      if (showLines) for (const line of endLines(end)) print(line)
      options.write(
        options.verbosity === "json"
          ? `${JSON.stringify(statistics, null, 2)}\n`
          : `${statisticsBlock(statistics)}\n`,
      )
      return statistics
    },
  }
}
