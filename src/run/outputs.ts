/**
 * The files a run can write besides its recording: the HTML player (`--html`) and the Perfetto
 * trace (`--trace`). Both are opened, and their targets checked, before any run, and removed unless
 * complete when the scope closes. Each run gets the sinks that feed them; after the last run (one,
 * or every mode of `--compare`), the page is rendered with every run in it and the trace document
 * closed, and both are put in place.
 */
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import { CannotWrite, type UsageError } from "../errors.ts"
import { openAtomicFileScoped } from "../files/atomicFile.ts"
import { renderPage } from "../htmlPage/renderPage.ts"
import type { Sink } from "../sinks/sink.ts"
import type { StatisticsFold } from "../stats/statistics.ts"
import { TraceDocument } from "../trace/traceDocument.ts"
import { makePageDataSink } from "../web/pageDataSink.ts"
import type { PageRun } from "../web/pageRun.ts"

export interface OutputRequest {
  /** Absolute paths, or undefined for none. */
  readonly html?: string | undefined
  readonly trace?: string | undefined
  /** Allow replacing an existing regular file there. */
  readonly force: boolean
}

export interface Outputs {
  /** The sinks that feed the outputs from the next run, whose figures `statistics` folds. */
  readonly sinksFor: (statistics: StatisticsFold) => Readonly<Record<string, Sink<unknown>>>
  /** After the last run: writes and puts the files in place; answers where they went, page first. */
  readonly finish: Effect.Effect<ReadonlyArray<string>, CannotWrite>
}

/** The page-data sink, keeping each run (header, end, data, statistics) for the page. */
const pageRunSink = (statistics: StatisticsFold, runs: Array<PageRun>): Sink<unknown> => {
  const data = makePageDataSink()
  let header: PageRun["header"] | undefined
  return {
    start: (runHeader) => {
      header = runHeader
      data.start(runHeader)
    },
    event: data.event,
    end: (end) =>
      Effect.map(data.end(end), (page) => {
        // The fold ends before this sink (it comes first), so its figures are ready.
        if (header !== undefined) runs.push({ header, end, data: page, statistics: statistics.statistics })
      }),
    abort: data.abort,
  }
}

export const openOutputs = (request: OutputRequest): Effect.Effect<Outputs, UsageError, Scope.Scope> =>
  Effect.gen(function* () {
    const open = (path: string | undefined, what: string, flag: string) =>
      path === undefined
        ? Effect.succeed(undefined)
        : openAtomicFileScoped({ kind: "named", path, force: request.force }, { what, flag })
    const page = yield* open(request.html, "the page", "--html")
    const trace = yield* open(request.trace, "the trace", "--trace")
    const document =
      trace === undefined ? undefined : new TraceDocument((chunk) => trace.write(Buffer.from(chunk, "utf8")))
    const pageRuns: Array<PageRun> = []
    return {
      sinksFor: (statistics) => ({
        ...(page === undefined ? {} : { page: pageRunSink(statistics, pageRuns) }),
        ...(document === undefined ? {} : { trace: document.run() }),
      }),
      finish: Effect.gen(function* () {
        const written: Array<string> = []
        if (page !== undefined) {
          const html = yield* Effect.tryPromise({
            try: () => renderPage(pageRuns),
            catch: (error) => new CannotWrite({ message: `cannot make the page: ${error}` }),
          })
          page.write(Buffer.from(html, "utf8"))
          written.push(yield* page.commit())
        }
        if (document !== undefined && trace !== undefined) {
          document.close()
          written.push(yield* trace.commit())
        }
        return written
      }),
    }
  })
