/**
 * The playground's run, in a Web Worker so the page stays responsive: the command line's own
 * validation (resolveScenario), the same engine on the same fast virtual clock, and the same folds
 * (the recording's layout, the page's data, the statistics, the trace), so the recording it answers is the one
 * `simulate` writes. A sweep's replications run here too (core/sweep/replicationRun.ts, as the
 * command line's worker threads run them), answering only their statistics. The page cancels a run
 * by ending the worker.
 */
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { RunPlatform } from "../../core/engine/runPlatform.ts"
import { makePageDataSink } from "../../core/pageData/pageDataSink.ts"
import type { PageRun } from "../../core/pageData/pageRun.ts"
import { pageRunSink } from "../../core/pageData/pageRunSink.ts"
import { recordingTextSink } from "../../core/recording/recordingText.ts"
import { makeProgress, progressSink } from "../../core/render/progress.ts"
import { runToStatistics } from "../../core/run.ts"
import { resolveScenario } from "../../core/scenario/scenario.ts"
import { runReplication } from "../../core/sweep/replicationRun.ts"
import { traceSink } from "../../core/trace/traceDocument.ts"
import type {
  ReplicationReply,
  ReplicationRequest,
  RunRequest,
  WorkerReply,
  WorkerRequest,
} from "./workerMessages.ts"

const reply = (message: WorkerReply | ReplicationReply) => postMessage(message)

/**
 * The text's UTF-8 bytes as a Blob, made here: the page gets a handle, and a long run's hundreds of
 * megabytes never pass through its thread (copying them there held up its drawing by seconds).
 */
const asBlob = (chunks: ReadonlyArray<string>) =>
  new Blob(chunks as Array<string>, { type: "application/json" })

/** One turn of the worker's event loop between slices: a message posted to itself, not a timer's 4 ms. */
const turn = new MessageChannel()
const pending: Array<() => void> = []
turn.port1.onmessage = () => pending.shift()?.()
const workerPlatform: RunPlatform = {
  wallMillis: () => performance.now(),
  betweenSlices: Effect.promise(
    () =>
      new Promise<void>((resolve) => {
        pending.push(resolve)
        turn.port2.postMessage(null)
      }),
  ),
}

/**
 * The finished run's texts, until the page asks for them: it asks once the run is drawn, since making
 * a long run's Blobs moves hundreds of megabytes, which slowed the drawing when done at the same time.
 */
let finishedFiles:
  | { readonly recording: ReadonlyArray<string>; readonly trace: ReadonlyArray<string> }
  | undefined

const handOverFiles = () => {
  if (finishedFiles === undefined)
    return reply({ kind: "failed", message: "no finished run's files to give" })
  const { recording, trace } = finishedFiles
  finishedFiles = undefined
  reply({ kind: "files", recording: asBlob(recording), trace: asBlob(trace) })
}

const run = (request: RunRequest) =>
  Effect.gen(function* () {
    const scenario = resolveScenario(request.input)
    if (Result.isFailure(scenario)) return reply({ kind: "refused", message: scenario.failure.message })
    const runs: Array<PageRun> = []
    const trace: Array<string> = []
    const progress = makeProgress({
      isTTY: true,
      wallMillis: () => performance.now(),
      // The terminal's line, without its carriage returns and padding.
      write: (text) => reply({ kind: "progress", text: text.replace(/\r/g, "").trim() }),
    })
    const startedAt = performance.now()
    const results = yield* runToStatistics(scenario.success, {
      recording: recordingTextSink(),
      page: pageRunSink(runs, makePageDataSink),
      trace: traceSink((chunk) => trace.push(chunk)),
      progress: progressSink(progress, "simulating"),
    })
    const [shown] = runs
    if (shown === undefined) return reply({ kind: "failed", message: "the run drew nothing" })
    const runMillis = performance.now() - startedAt
    finishedFiles = { recording: results.recording, trace }
    reply({ kind: "done", run: shown, runMillis })
  })

const replicate = (request: ReplicationRequest) =>
  Effect.map(runReplication(request.scenario, request.warmupMicros), (statistics) =>
    reply({ kind: "statistics", statistics }),
  )

self.addEventListener("message", (message: MessageEvent<WorkerRequest>) => {
  const request = message.data
  if (request.kind === "files") return handOverFiles()
  const work = request.kind === "run" ? run(request) : replicate(request)
  Effect.runPromise(Effect.provideService(work, RunPlatform, workerPlatform)).catch((error: unknown) =>
    reply({ kind: "failed", message: error instanceof Error ? error.message : String(error) }),
  )
})
