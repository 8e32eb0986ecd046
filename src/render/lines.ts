/**
 * The lines the course's programs print (lecture.md), one function of the events. Simulate and
 * replay both print through here.
 */
import type { RunEnd, SimEvent } from "../engine/events.ts"
import type { Color } from "./color.ts"
import { formatSecondsAsCourse } from "./numbers.ts"

export interface Line {
  readonly color: Color
  readonly text: string
}

export const startLine: Line = { color: "white", text: "App started." }

/** The line an event prints, if it prints one. `latencyMicros` comes from the statistics fold. */
export const eventLine = (event: SimEvent, latencyMicros: number | undefined): Line | undefined => {
  switch (event.type) {
    case "produced":
      return { color: "yellow", text: ` -- generated item ${event.index ?? event.item}` }
    case "dequeued":
      return {
        color: "cyan",
        text: ` +++ Processed value ${event.value} after ${latencyMicros === undefined ? "?" : formatSecondsAsCourse(latencyMicros)} sec.`,
      }
    case "dropped":
      return { color: "red", text: ` xxx Dropped value ${event.value}: the queue was full` }
    default:
      return undefined
  }
}

/** The closing lines; a run stopped by Ctrl-C says so, as the course's cancellable program does. */
export const endLines = (end: RunEnd): ReadonlyArray<Line> => [
  ...(end.reason === "interrupted" ? [{ color: "red", text: "Cancelling on your request!" } as const] : []),
  { color: "white", text: `App exiting, total time: ${formatSecondsAsCourse(end.at)} sec.` },
]
