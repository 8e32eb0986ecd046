/**
 * The lines pane at the playhead T: exactly the lines `replay --until` prints (no timestamps) for the
 * microsecond after T, so an event at the playhead has its line; made by the functions of
 * src/render/lines.ts. Where the page holds no events (a long run keeps
 * samples), a note says so instead of a line it cannot know.
 */
import {
  type Color,
  colorShown,
  endLines,
  type Line,
  startLines,
  windowEndLine,
} from "../../core/render/lines.ts"
import { formatDurationShort } from "./format.ts"
import { countBefore, untilOf } from "./playhead.ts"
import { type PreparedRun, windowBefore } from "./preparedRun.ts"

type Note = { readonly kind: "note"; readonly text: string }

export type PaneLine = { readonly kind: "line"; readonly color: Color; readonly text: string } | Note

/** A line before its colour is resolved (a line may have none of its own). */
type Entry = ({ readonly kind: "line" } & Line) | Note

export interface PaneLines {
  /** What to show, the last lines before the playhead at most. */
  readonly lines: ReadonlyArray<PaneLine>
  /** Lines left out to keep the pane short (a note in their place says how many). */
  readonly omitted: number
}

const seconds = (micros: number) => `${(micros / 1_000_000).toFixed(2)} s`

export const paneLinesAt = (prepared: PreparedRun, at: number, most: number): PaneLines => {
  const end = prepared.run.end
  const until = untilOf(at, end.at)
  const window = windowBefore(prepared, until)
  const head: Array<Entry> = []
  const tail: Array<Entry> = []
  const isFirst = window === prepared.windows[0]
  if (isFirst) for (const line of startLines(prepared.run.header)) head.push({ kind: "line", ...line })
  else if (window !== undefined) {
    head.push({
      kind: "note",
      text: `(the lines before ${seconds(window.window.from)} are not held in this page)`,
    })
  }
  const shown = window === undefined ? 0 : countBefore(window.lineTimes, until)
  if (window !== undefined && until > window.window.until) {
    tail.push({
      kind: "note",
      text: `(no lines held from ${seconds(window.window.until)} to ${seconds(Math.min(until, end.at))}: ${formatDurationShort(until - window.window.until)} of the run not held in this page)`,
    })
  }
  const closing = until > end.at ? endLines(end) : [windowEndLine(until, end)]
  for (const line of closing) tail.push({ kind: "line", ...line })
  const room = Math.max(0, most - head.length - tail.length - 1)
  const first = Math.max(0, shown - room)
  const body: Array<Entry> = []
  if (first > 0) body.push({ kind: "note", text: `(${first.toLocaleString("en-US")} earlier lines)` })
  for (let index = first; index < shown; index++) {
    const line = window?.lines[index]
    if (line !== undefined) body.push({ kind: "line", ...line })
  }
  // A line without a colour of its own shows in the colour of the line above it, as on a terminal.
  const colorOf = colorShown()
  const lines = [...head, ...body, ...tail].map(
    (line): PaneLine => (line.kind === "line" ? { ...line, color: colorOf(line) } : line),
  )
  return { lines, omitted: first }
}
