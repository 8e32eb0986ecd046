/**
 * The files a run can write besides its recording, as a list: one entry per output says its flag,
 * how it is named in messages and in the closing notes, and how it is fed and finished. A new output
 * file is one more entry here (and its flag in cli/commands.ts); nothing else names the outputs.
 *
 * Each requested file is opened, and its target checked, before any run, and removed unless
 * complete when the scope closes. Each run gets one sink per output; after the last run (one, or
 * every mode of `--compare`) each output is finished (the page rendered with every run in it, the
 * trace document closed) and put in place.
 */
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import type { PageRun } from "../core/pageData/pageRun.ts"
import { pageRunSink } from "../core/pageData/pageRunSink.ts"
import type { RunSink } from "../core/sinks/sink.ts"
import { CannotWrite, type UsageError } from "../errors.ts"
import { type AtomicFile, openAtomicFileScoped } from "../files/atomicFile.ts"

/** An output while it is being written: a sink for each run, then its finish after the last. */
export interface OpenOutput {
  readonly sinkForRun: () => RunSink<unknown>
  /** Writes what is left; the file is then committed. */
  readonly finish: Effect.Effect<void, CannotWrite>
}

export interface OutputKind {
  /** The flag's name, without its dashes: also the key of the command's flags. */
  readonly flag: "html" | "trace"
  /** As messages name it ("--html: the page ..."). */
  readonly what: string
  /** As the closing note names the written file ("Page: run1.html"). */
  readonly label: string
  /** What feeds the file (its modules are loaded only when the output is asked for). */
  readonly open: (file: AtomicFile) => Effect.Effect<OpenOutput>
}

const page: OutputKind = {
  flag: "html",
  what: "the page",
  label: "Page",
  open: (file) =>
    Effect.map(
      Effect.promise(() => import("../core/pageData/pageDataSink.ts")),
      ({ makePageDataSink }): OpenOutput => {
        const runs: Array<PageRun> = []
        return {
          sinkForRun: () => pageRunSink(runs, makePageDataSink),
          finish: Effect.gen(function* () {
            // The page's bundler is loaded only when a page is written.
            const { renderPage } = yield* Effect.promise(() => import("../page/files/renderPage.ts"))
            const html = yield* Effect.tryPromise({
              try: () => renderPage(runs),
              catch: (error) => new CannotWrite({ message: `cannot make the page: ${error}` }),
            })
            file.write(Buffer.from(html, "utf8"))
          }),
        }
      },
    ),
}

const trace: OutputKind = {
  flag: "trace",
  what: "the trace",
  label: "Trace",
  open: (file) =>
    Effect.map(
      Effect.promise(() => import("../core/trace/traceDocument.ts")),
      ({ TraceDocument }): OpenOutput => {
        const document = new TraceDocument((chunk) => file.write(Buffer.from(chunk, "utf8")))
        return { sinkForRun: () => document.run(), finish: Effect.sync(() => document.close()) }
      },
    ),
}

/** Every output, in the order their notes are printed. */
export const outputKinds: ReadonlyArray<OutputKind> = [page, trace]

/** An output asked for: its kind and the absolute path it goes to. */
export interface OutputRequest {
  readonly kind: OutputKind
  readonly path: string
}

export interface WrittenOutput {
  readonly label: string
  readonly path: string
}

export interface Outputs {
  /** The sinks that feed the outputs from the next run, one per output, keyed by its flag. */
  readonly sinks: () => Readonly<Record<string, RunSink<unknown>>>
  /** After the last run: writes and puts the files in place; answers where each went, in list order. */
  readonly finish: Effect.Effect<ReadonlyArray<WrittenOutput>, CannotWrite>
}

export const noOutputs: Outputs = { sinks: () => ({}), finish: Effect.succeed([]) }

export const openOutputs = (
  requests: ReadonlyArray<OutputRequest>,
  force: boolean,
): Effect.Effect<Outputs, UsageError, Scope.Scope> =>
  Effect.gen(function* () {
    const opened: Array<{
      readonly kind: OutputKind
      readonly file: AtomicFile
      readonly output: OpenOutput
    }> = []
    for (const { kind, path } of requests) {
      const file = yield* openAtomicFileScoped(
        { kind: "named", path, force },
        { what: kind.what, flag: `--${kind.flag}` },
      )
      opened.push({ kind, file, output: yield* kind.open(file) })
    }
    return {
      sinks: () => Object.fromEntries(opened.map(({ kind, output }) => [kind.flag, output.sinkForRun()])),
      finish: Effect.forEach(opened, ({ kind, file, output }) =>
        Effect.gen(function* () {
          yield* output.finish
          return { label: kind.label, path: yield* file.commit() }
        }),
      ),
    }
  })
