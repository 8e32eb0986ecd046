/**
 * The lines the course's programs print, one function of the events. Simulate and
 * replay both print through here.
 */
import type { RunEnd, RunHeader, SimEvent } from "../engine/events.ts"
import { cancelsOnEnter } from "../scenario/scenario.ts"
import type { Snapshot } from "../sinks/sink.ts"
import { formatSecondsAsCourse } from "./numbers.ts"
import { sanitizeForTerminal } from "./sanitize.ts"

/** The colours of the course's lines (the terminal paints them through color.ts, the page with CSS). */
export type Color = "white" | "yellow" | "cyan" | "red"

export interface Line {
  readonly color: Color
  readonly text: string
}

/** The opening lines: "App started.", and in the threads program the red "Press enter to cancel...". */
export const startLines = (header: RunHeader): ReadonlyArray<Line> => [
  { color: "white", text: "App started." },
  // A recording's mode is checked against the known modes, so this is one of them.
  ...(cancelsOnEnter(header.mode) ? [{ color: "red", text: "Press enter to cancel..." } as const] : []),
]

/** The line an event prints, if it prints one. `latencyMicros` comes from the statistics fold. */
export const eventLine = (event: SimEvent, latencyMicros: number | undefined): Line | undefined => {
  switch (event.type) {
    case "produced":
    case "handedOver":
      // The event that carries the producer's count is the one where the course prints this line.
      return event.index === undefined
        ? undefined
        : { color: "yellow", text: ` -- generated item ${event.index}` }
    case "dequeued":
      return {
        color: "cyan",
        text: ` +++ Processed value ${event.value} after ${latencyMicros === undefined ? "?" : formatSecondsAsCourse(latencyMicros)} sec.`,
      }
    case "dropped":
      return { color: "red", text: ` xxx Dropped value ${event.value}: the queue was full` }
    case "blocked":
      // Not in the course's programs, whose queues never fill in the lecture's runs.
      return { color: "yellow", text: ` ... Waiting to hand over value ${event.value}: the queue is full` }
    default:
      return undefined
  }
}

/** The closing lines; a run stopped by Ctrl-C or Enter says so, as the course's cancellable program does. */
export const endLines = (end: RunEnd): ReadonlyArray<Line> => [
  ...(end.reason === "interrupted" ? [{ color: "red", text: "Cancelling on your request!" } as const] : []),
  { color: "white", text: `App exiting, total time: ${formatSecondsAsCourse(end.at)} sec.` },
]

/** Opens a window that starts mid-run: the state the events before it left behind. */
export const windowStartLine = (
  fromMicros: number,
  queueDepth: number,
  inProcess: Snapshot["inProcess"],
): Line => {
  const queued = `${queueDepth} ${queueDepth === 1 ? "item" : "items"} waiting in the queue`
  const busy =
    inProcess.size === 0
      ? "no consumer busy"
      : [...inProcess]
          .map(
            ([actor, held]) =>
              `${sanitizeForTerminal(actor)} processing value ${held.value ?? `of item ${held.item}`}`,
          )
          .join(", ")
  return { color: "white", text: `From ${formatSecondsAsCourse(fromMicros)} sec.: ${queued}; ${busy}.` }
}

/** Closes a window that ends before the run did. */
export const windowEndLine = (untilMicros: number, end: RunEnd): Line => ({
  color: "white",
  text: `Until ${formatSecondsAsCourse(untilMicros)} sec. (the run went on to ${formatSecondsAsCourse(end.at)} sec.)`,
})
