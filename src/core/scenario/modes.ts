/**
 * The course's four programs as presets of one scenario: the defaults each mode chooses and how it
 * starts and hands work over. Apart from the scenario's validation (and its Schema), so that what
 * only needs a mode's facts (the page's lines: does the program ask for Enter?) carries no parser.
 */
import type { Handoff, Mode, Start } from "./scenarioJson.ts"

/**
 * How the modelled runtime runs the tasks that are ready. `fifo`: in the order they became ready
 * (asyncio's ready queue, and Effect's own order). `trio`: in batches, each run in or against that
 * order with probability 1/2, and a channel operation that does not wait is a checkpoint
 * (engine/trioScheduler.ts). It follows from the mode, so recordings do not store it.
 */
export type Scheduling = "fifo" | "trio"

export interface ModePreset {
  /** The program prints "Press enter to cancel..." and stops when Enter is pressed (threads). */
  readonly cancelsOnEnter: boolean
  readonly producers: number
  readonly capacity: number | null
  readonly timeoutMicros: number | null
  readonly start: Start
  readonly handoff: Handoff
  readonly scheduling: Scheduling
}

const together = {
  cancelsOnEnter: false,
  start: "together",
  capacity: null,
  timeoutMicros: null,
  handoff: "wait",
  scheduling: "fifo",
} as const
export const presets: Record<Mode, ModePreset> = {
  sync: { ...together, producers: 1, start: "production-first" },
  async: { ...together, producers: 2 },
  threads: { ...together, producers: 2, handoff: "poll", cancelsOnEnter: true },
  trio: { ...together, producers: 2, capacity: 10, timeoutMicros: 5_000_000, scheduling: "trio" },
}

/**
 * Whether the mode's program asks for Enter to cancel it, as the course's threads program does: it
 * prints a red "Press enter to cancel..." after "App started.", and Enter stops it. On the live clock
 * Enter then stops the run as Ctrl-C does; a virtual run is over before it could be pressed.
 */
export const cancelsOnEnter = (mode: Mode): boolean => presets[mode].cancelsOnEnter
