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

export interface Painter {
  /**
   * A line as the course's programs write it through colorama: its colour's code in front and no
   * reset after it, so that a line without a colour of its own shows in the colour the line before
   * it set, byte for byte as in the course.
   */
  readonly line: (color: Color | undefined, text: string) => string
  /**
   * Written once after the course's lines, which the course leaves coloured: what follows (the
   * statistics, the shell's prompt) gets the terminal's own colour back. Empty without colour.
   */
  readonly reset: string
}

const colored: Painter = {
  line: (color, text) => (color === undefined ? text : foreground[color] + text),
  reset: defaultForeground,
}

const plain: Painter = { line: (_color, text) => text, reset: "" }

export const makePainter = (enabled: boolean): Painter => (enabled ? colored : plain)
