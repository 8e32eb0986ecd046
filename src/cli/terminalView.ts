/**
 * The run view as the CLI sets it up for a terminal: colour decided from the terminal and the
 * user's settings, output buffered (or written line by line when the run is paced or live).
 */
import { makePainter, shouldUseColor } from "../render/color.ts"
import { makeRunView, type Verbosity } from "../render/runView.ts"
import type { TimeWindow } from "../stats/statistics.ts"
import { bufferedWriter, type CliIO } from "./io.ts"

export interface TerminalViewOptions {
  readonly verbosity: Verbosity
  readonly noColor: boolean
  readonly timestamps: boolean
  readonly window?: TimeWindow | undefined
  /** Write every line at once (a live or paced run), rather than in large pieces. */
  readonly immediate: boolean
  /** Where the text goes; stdout unless given. */
  readonly write?: ((text: string) => void) | undefined
}

export const makeTerminalView = (io: CliIO, options: TerminalViewOptions) => {
  const output = bufferedWriter(options.write ?? io.stdout, { immediate: options.immediate })
  const color = shouldUseColor({ noColorFlag: options.noColor, isTTY: io.stdoutIsTTY, env: io.env })
  const view = makeRunView({
    verbosity: options.verbosity,
    paint: makePainter(color),
    write: output.write,
    timestamps: options.timestamps,
    ...(options.window === undefined ? {} : { window: options.window }),
  })
  return { view, output }
}
