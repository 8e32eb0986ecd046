/**
 * The lines the course's programs print, one function of the events. Simulate and
 * replay both print through here.
 */
import type { RunEnd, RunHeader, SimEvent } from "../engine/events.ts"
import { cancelsOnEnter } from "../scenario/modes.ts"
import type { Snapshot } from "../sinks/sink.ts"
import { formatSecondsAsCourse } from "./numbers.ts"
import { sanitizeForTerminal } from "./sanitize.ts"

/** The colours of the course's lines (the terminal paints them through color.ts, the page with CSS). */
export type Color = "white" | "yellow" | "cyan" | "red"

export interface Line {
  /**
   * Undefined for a line the course prints without a colour code of its own: it shows in the colour
   * the line before it set, since colorama's codes are never reset.
   */
  readonly color: Color | undefined
  readonly text: string
  /**
   * In a pipeline's line, where the stage's tag (`[store]`) stands in `text`, from its first
   * character to past its last: the terminal paints it in the stage's own colour.
   */
  readonly stageTag?: readonly [start: number, end: number]
}

/**
 * The colour each line shows in, one line after the other, as on the terminal: its own, or for a
 * line without one, the colour shown before it (white, the programs' first colour, at the start).
 */
export const colorShown = (): ((line: Line) => Color) => {
  let shown: Color = "white"
  return (line) => {
    shown = line.color ?? shown
    return shown
  }
}

/** The opening lines: "App started.", and in the threads program the red "Press enter to cancel...". */
export const startLines = (header: RunHeader): ReadonlyArray<Line> => [
  { color: "white", text: "App started." },
  // A recording's mode is checked against the known modes, so this is one of them.
  ...(cancelsOnEnter(header.mode) ? [{ color: "red", text: "Press enter to cancel..." } as const] : []),
]

/**
 * A line whose text names the event's stage between `before` and `after` (`[store] `), and says
 * where; a single-stage run's event has no stage, and its line is `before` + `after`.
 */
const stagedLine = (event: SimEvent, color: Color, before: string, after: string): Line => {
  if (event.stage === undefined) return { color, text: before + after }
  const tag = `[${sanitizeForTerminal(event.stage)}]`
  return { color, text: `${before}${tag} ${after}`, stageTag: [before.length, before.length + tag.length] }
}

/**
 * The line an event prints, if it prints one. `latencyMicros` comes from the statistics fold (in a
 * pipeline, the wait in that stage's queue).
 */
export const eventLine = (event: SimEvent, latencyMicros: number | undefined): Line | undefined => {
  switch (event.type) {
    case "produced":
    case "handedOver":
      // The event that carries the producer's count is the one where the course prints this line.
      return event.index === undefined
        ? undefined
        : { color: "yellow", text: ` -- generated item ${event.index}` }
    case "dequeued":
      return stagedLine(
        event,
        "cyan",
        " +++ ",
        `Processed value ${event.value} after ${latencyMicros === undefined ? "?" : formatSecondsAsCourse(latencyMicros)} sec.`,
      )
    case "dropped":
      return stagedLine(event, "red", " xxx ", `Dropped value ${event.value}: the queue was full`)
    case "blocked":
      // Not in the course's programs, whose queues never fill in the lecture's runs.
      return stagedLine(
        event,
        "yellow",
        " ... ",
        `Waiting to hand over value ${event.value}: the queue is full`,
      )
    // A pipeline's own lines.
    case "held":
      return stagedLine(
        event,
        "yellow",
        ` ... ${sanitizeForTerminal(event.actor)} holds value ${event.value}: the `,
        "queue is full",
      )
    case "failed":
      return stagedLine(
        event,
        "red",
        " !!! ",
        `Attempt ${event.attempt ?? "?"} at value ${event.value} failed`,
      )
    case "retried":
      return stagedLine(event, "yellow", " ~~~ ", `Retrying value ${event.value}`)
    case "deadLettered":
      return stagedLine(event, "red", " xxx ", `Gave up on value ${event.value}: dead-lettered`)
    default:
      return undefined
  }
}

/**
 * The closing lines; a run stopped by Ctrl-C or Enter says so, as the course's cancellable program
 * does, which prints that line with no colour code (threaded_prod.py).
 */
export const endLines = (end: RunEnd): ReadonlyArray<Line> => [
  ...(end.reason === "interrupted" ? [{ color: undefined, text: "Cancelling on your request!" }] : []),
  { color: "white", text: `App exiting, total time: ${formatSecondsAsCourse(end.at)} sec.` },
]

/** Opens a window that starts mid-run: the state the events before it left behind. */
export const windowStartLine = (fromMicros: number, snapshot: Snapshot): Line => {
  const { queueDepth, inProcess, queues } = snapshot
  const items = `${queueDepth} ${queueDepth === 1 ? "item" : "items"}`
  // A pipeline says where its waiting items are: one total would hide which queue holds them.
  const queued =
    queues === undefined
      ? `${items} waiting in the queue`
      : `${items} waiting (${queues.map(({ stage, depth }) => `${depth} in [${sanitizeForTerminal(stage)}]`).join(", ")})`
  const busy =
    inProcess.size === 0
      ? "no consumer busy"
      : [...inProcess]
          .map(([actor, held]) => {
            const value = held.value ?? `of item ${held.item}`
            return held.heldFor === undefined
              ? `${sanitizeForTerminal(actor)} processing value ${value}`
              : `${sanitizeForTerminal(actor)} holding value ${value} for the full [${sanitizeForTerminal(held.heldFor)}] queue`
          })
          .join(", ")
  return { color: "white", text: `From ${formatSecondsAsCourse(fromMicros)} sec.: ${queued}; ${busy}.` }
}

/** Closes a window that ends before the run did. */
export const windowEndLine = (untilMicros: number, end: RunEnd): Line => ({
  color: "white",
  text: `Until ${formatSecondsAsCourse(untilMicros)} sec. (the run went on to ${formatSecondsAsCourse(end.at)} sec.)`,
})
