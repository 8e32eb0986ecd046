/**
 * What a person sees of a run, as a sink: the course's lines as events arrive, then the closing
 * lines and the statistics. `simulate` feeds it live from the engine, `replay` from a recording;
 * it is the same sink either way, which is why the two print the same bytes. The figures, and the
 * latency each cyan line prints, come from the run's context (its statistics fold).
 */
import * as Effect from "effect/Effect"
import { consumerName, producerName, type RunHeader, type SimEvent } from "../engine/events.ts"
import { workerName } from "../scenario/stages.ts"
import type { RunContext, RunSink } from "../sinks/sink.ts"
import { type TimeWindow, wholeRun } from "../stats/statistics.ts"
import type { Painter } from "./color.ts"
import { endLines, eventLine, type Line, startLines, windowEndLine, windowStartLine } from "./lines.ts"
import { formatTimestamp } from "./numbers.ts"
import type { Output } from "./output.ts"
import { sanitizeForTerminal } from "./sanitize.ts"
import { statisticsBlock } from "./statisticsBlock.ts"

export type Verbosity =
  /** The course's lines, then the statistics block. */
  | "full"
  /** The statistics block only. */
  | "quiet"
  /** The statistics object only, as JSON. */
  | "json"

export interface RunViewOptions {
  readonly verbosity: Verbosity
  readonly paint: Painter
  readonly output: Output
  /** Prefix each line with its virtual time. */
  readonly timestamps?: boolean
  /** Prefix each event's line with its actor (`producer-2`), padded to the run's longest name. */
  readonly actors?: boolean
  /** Show only this part of the run (the fold counts only it too). */
  readonly window?: TimeWindow
}

export const makeRunView = (options: RunViewOptions): RunSink => {
  const window = options.window ?? wholeRun
  const { output } = options
  const showLines = options.verbosity === "full"
  // Whether a line went out, leaving the terminal in its colour (see Painter.reset).
  let printed = false
  // A pipeline's stages by name, to paint each stage's name in its colour.
  const stageIndex = new Map<string, number>()
  const print = (at: number, line: Line, actor = "", stage?: string) => {
    printed = true
    // The prefixes go after the colour code, so a line shows in one colour, as the course's do.
    const prefix = `${options.timestamps ? formatTimestamp(at) : ""}${actor}`
    const place = stage === undefined ? undefined : stageIndex.get(stage)
    const tag = line.stageTag
    const mark =
      tag === undefined || place === undefined
        ? undefined
        : { start: prefix.length + tag[0], end: prefix.length + tag[1], stage: place }
    output.write(`${options.paint.line(line.color, prefix + line.text, mark)}\n`)
  }
  const resetColor = () => {
    if (printed) output.write(options.paint.reset)
  }
  let actorWidth = 0
  const actorOf = (event: SimEvent) =>
    options.actors ? `${sanitizeForTerminal(event.actor).padEnd(actorWidth)} ` : ""

  let header: RunHeader | undefined
  let run: RunContext | undefined
  let opened = false
  // The first line: "App started.", or for a window that starts later, the state it starts in.
  const open = () => {
    if (opened) return
    opened = true
    if (!showLines) return
    const from = window.fromMicros
    if (from === 0) {
      for (const line of header === undefined ? [] : startLines(header)) print(0, line)
      return
    }
    print(from, windowStartLine(from, (run as RunContext).windowStart()))
  }

  return {
    start: (runHeader, context) => {
      header = runHeader
      run = context
      const { producers, consumers, stages } = runHeader.scenario
      // A pipeline's actors are its stages' workers, in place of the consumers.
      const workers =
        stages === undefined
          ? [consumerName(consumers)]
          : stages.map((stage) => workerName(stage.name, stage.workers ?? 1))
      actorWidth = Math.max(
        producerName(producers).length,
        ...workers.map((name) => sanitizeForTerminal(name).length),
      )
      for (const [index, stage] of (stages ?? []).entries()) stageIndex.set(stage.name, index)
      if (window.fromMicros === 0) open()
    },
    event: (event) => {
      if (!opened && event.at >= window.fromMicros) open()
      if (!showLines || event.at < window.fromMicros || event.at >= window.untilMicros) return
      const line = eventLine(event, (run as RunContext).latencyOf(event))
      if (line !== undefined) print(event.at, line, actorOf(event), event.stage)
    },
    end: (end) =>
      Effect.sync(() => {
        open()
        if (showLines) {
          if (end.at < window.untilMicros) for (const line of endLines(end)) print(end.at, line)
          else print(window.untilMicros, windowEndLine(window.untilMicros, end))
        }
        resetColor()
        const figures = (run as RunContext).statistics()
        output.write(
          options.verbosity === "json"
            ? `${JSON.stringify(figures, null, 2)}\n`
            : `${statisticsBlock(figures)}\n`,
        )
        output.flush()
      }),
    abort: () =>
      Effect.sync(() => {
        // The lines already written may have left the terminal coloured.
        output.discard()
        resetColor()
        output.flush()
      }),
  }
}
