/**
 * The `replay` command: read a recording and show it again through the same view `simulate` uses,
 * instantly or at its recorded pace, whole or in a window; or check it against the current code.
 */
import * as Effect from "effect/Effect"
import type { RunEnd } from "../engine/events.ts"
import { type OpenedRecording, readRecording } from "../recording/reader.ts"
import type { Verbosity } from "../render/runView.ts"
import { sanitizeForTerminal } from "../render/sanitize.ts"
import { type Pacing, waitUntil } from "../replay/pacing.ts"
import { verifyRecording } from "../replay/verify.ts"
import { parseDuration } from "../scenario/duration.ts"
import { UsageError, usageError } from "../scenario/errors.ts"
import type { TimeWindow } from "../stats/statistics.ts"
import { ExitCode } from "./exitCode.ts"
import { CliIO, displayPath, userPath } from "./io.ts"
import { makeTerminalView } from "./terminalView.ts"

export interface ReplayOptions {
  readonly file: string
  readonly speed?: number | undefined
  readonly maxIdle?: string | undefined
  readonly from?: string | undefined
  readonly until?: string | undefined
  readonly verbosity: Verbosity
  readonly timestamps: boolean
  readonly verify: boolean
  readonly noColor: boolean
}

const durationFlag = (flag: string, text: string | undefined): number | undefined => {
  if (text === undefined) return undefined
  const parsed = parseDuration(text)
  if ("error" in parsed) throw usageError(`--${flag}: ${parsed.error}`)
  return parsed.micros
}

const resolveWindow = (options: ReplayOptions): TimeWindow | undefined => {
  const fromMicros = durationFlag("from", options.from)
  const untilMicros = durationFlag("until", options.until)
  if (fromMicros === undefined && untilMicros === undefined) return undefined
  const window = { fromMicros: fromMicros ?? 0, untilMicros: untilMicros ?? Number.POSITIVE_INFINITY }
  if (window.fromMicros >= window.untilMicros) throw usageError("--from must be before --until")
  return window
}

const checkWindowInRun = (options: ReplayOptions, window: TimeWindow | undefined, end: RunEnd): void => {
  if (window !== undefined && window.fromMicros > end.at) {
    throw usageError(`--from ${options.from} is after the run's end (${end.at / 1_000_000} s)`)
  }
}

const resolvePacing = (options: ReplayOptions): Pacing | undefined => {
  const maxIdleMicros = durationFlag("max-idle", options.maxIdle)
  if (options.speed === undefined && maxIdleMicros === undefined) return undefined
  const speed = options.speed ?? 1
  if (!(speed > 0) || !Number.isFinite(speed))
    throw usageError(`--speed must be a number above zero (got ${speed})`)
  if (maxIdleMicros === 0) throw usageError("--max-idle must be above zero")
  return { speed, maxIdleMicros }
}

const verify = (recording: OpenedRecording) =>
  Effect.gen(function* () {
    const io = yield* CliIO
    const result = yield* verifyRecording(recording)
    if (result.identical) {
      io.stdout(`identical: the current code makes the same ${result.events} events and the same end\n`)
      return
    }
    io.stdout(
      `diverges at event ${result.index} (at ${result.at / 1_000_000} s):\n` +
        `  recorded: ${sanitizeForTerminal(result.recorded)}\n` +
        `  current:  ${sanitizeForTerminal(result.current)}\n`,
    )
    return yield* new ExitCode({ code: 1 })
  })

export const replay = Effect.fnUntraced(function* (options: ReplayOptions) {
  const io = yield* CliIO
  const file = userPath(io, options.file)
  const shownAs = displayPath(io, file)

  let window: TimeWindow | undefined
  let pacing: Pacing | undefined
  try {
    window = resolveWindow(options)
    pacing = resolvePacing(options)
  } catch (error) {
    if (error instanceof UsageError) return yield* error
    throw error
  }

  const { view, output } = makeTerminalView(io, { ...options, window, immediate: pacing !== undefined })

  // Statistics alone need one pass, folding events as they are read and checked: nothing is
  // printed before the end, so a problem found late still leaves the output empty. Lines are
  // printed only once the whole recording has been checked: a second pass.
  const singlePass = !options.verify && pacing === undefined && options.verbosity !== "full"
  const recording = readRecording(file, shownAs, singlePass ? view.event : undefined)
  if (recording instanceof UsageError) return yield* recording
  if (options.verify) return yield* verify(recording)
  try {
    checkWindowInRun(options, window, recording.end)
  } catch (error) {
    if (error instanceof UsageError) return yield* error
    throw error
  }
  const info = {
    mode: recording.meta.mode,
    seed: recording.meta.seed,
    consumers: recording.meta.scenario.consumers,
  }

  if (pacing === undefined) {
    if (!singlePass) for (const event of recording.events()) view.event(event)
    view.end(recording.end, info)
    output.flush()
    return
  }
  // Paced: events before the window are folded in at once; the rest wait for their moment.
  const pace = pacing
  const from = window?.fromMicros ?? 0
  const until = Math.min(window?.untilMicros ?? Number.POSITIVE_INFINITY, recording.end.at)
  yield* Effect.gen(function* () {
    let previousAt = from
    for (const event of recording.events()) {
      if (event.at >= from && event.at <= until) {
        yield* waitUntil(previousAt, event.at, pace)
        previousAt = event.at
      }
      view.event(event)
    }
    yield* waitUntil(previousAt, until, pace)
    view.end(recording.end, info)
  }).pipe(Effect.ensuring(Effect.sync(output.flush)))
})
