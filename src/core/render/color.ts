/**
 * Colours for the terminal: on for a TTY or with FORCE_COLOR, off with NO_COLOR or `--no-color`.
 * The decision is made once, here, and the lines are painted in the course's own bytes.
 */
import type { Color } from "./lines.ts"

export type { Color }

export interface ColorContext {
  readonly noColorFlag: boolean
  readonly isTTY: boolean
  readonly env: Readonly<Record<string, string | undefined>>
}

export const shouldUseColor = ({ noColorFlag, isTTY, env }: ColorContext): boolean => {
  if (noColorFlag) return false
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false
  const force = env.FORCE_COLOR
  if (force !== undefined) return force !== "0" && force !== "false"
  return isTTY
}

/** colorama's `Fore` codes, the ones the course's programs write. */
const foreground: Record<Color, string> = {
  white: "\u001b[37m",
  yellow: "\u001b[33m",
  cyan: "\u001b[36m",
  red: "\u001b[31m",
}

/** The terminal's own foreground colour. */
const defaultForeground = "\u001b[39m"

/**
 * A pipeline's stage names, each in its own colour by the stage's place in the pipeline: colours the
 * course's lines do not use (green, magenta, blue, then their bright kin), taken again from the first
 * past the sixth stage.
 */
const stageForeground = ["\u001b[32m", "\u001b[35m", "\u001b[34m", "\u001b[92m", "\u001b[95m", "\u001b[94m"]

/** Where a line's stage name stands, and which stage it is (its place in the pipeline, from 0). */
export interface StageMark {
  readonly start: number
  readonly end: number
  readonly stage: number
}

export interface Painter {
  /**
   * A line as the course's programs write it through colorama: its colour's code in front and no
   * reset after it, so that a line without a colour of its own shows in the colour the line before
   * it set, byte for byte as in the course. A pipeline's stage name is painted in the stage's colour,
   * and the line's own colour comes back after it.
   */
  readonly line: (color: Color | undefined, text: string, stage?: StageMark) => string
  /**
   * Written once after the course's lines, which the course leaves coloured: what follows (the
   * statistics, the shell's prompt) gets the terminal's own colour back. Empty without colour.
   */
  readonly reset: string
}

const colored: Painter = {
  line: (color, text, stage) => {
    const own = color === undefined ? "" : foreground[color]
    if (stage === undefined) return own + text
    const stageColor = stageForeground[stage.stage % stageForeground.length] as string
    const { start, end } = stage
    // Every line naming a stage has a colour of its own, which comes back after the name.
    return `${own}${text.slice(0, start)}${stageColor}${text.slice(start, end)}${own}${text.slice(end)}`
  },
  reset: defaultForeground,
}

const plain: Painter = { line: (_color, text) => text, reset: "" }

export const makePainter = (enabled: boolean): Painter => (enabled ? colored : plain)
