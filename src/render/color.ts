/**
 * Colours for the terminal: on for a TTY or with FORCE_COLOR, off with NO_COLOR or `--no-color`.
 * Painting goes through node:util styleText; the decision is made once, here.
 */
import { styleText } from "node:util"
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

export type Painter = (color: Color, text: string) => string

export const makePainter = (enabled: boolean): Painter =>
  enabled ? (color, text) => styleText(color, text, { validateStream: false }) : (_color, text) => text
