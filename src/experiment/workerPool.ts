/**
 * The sweep's worker threads: a pool of `size` workers (bin/worker.mjs, running
 * replicationWorker.ts), each running one replication at a time, so replications run on every core.
 * As an executor it is the same function as a run in this thread; the result does not depend on
 * which worker ran what (the runner stores figures by pair). Closing the scope terminates the
 * workers, which is how Ctrl-C stops them, and removes the file each was writing.
 */
import { Worker } from "node:worker_threads"
import * as Effect from "effect/Effect"
import * as Queue from "effect/Queue"
import type * as Scope from "effect/Scope"
import type { Statistics } from "../core/stats/statistics.ts"
import { CannotWrite, InternalError, UsageError } from "../errors.ts"
import { removeTemporariesOfThread } from "../files/temporaries.ts"
import type { ReplicationJob } from "./replication.ts"

const entry = new URL("../../bin/worker.mjs", import.meta.url)

/**
 * A worker takes no V8 flags: its young generation is capped here as `--max-semi-space-size=8` caps
 * the main thread's (V8's young generation is three semi-spaces), so each event's objects die young.
 */
const resourceLimits = { maxYoungGenerationSizeMb: 24 }

/** What a worker answers: the statistics, a tagged error of the run, or a defect's description. */
export type JobAnswer =
  | { readonly statistics: Statistics }
  | { readonly error: { readonly _tag: string; readonly message: string } }
  | { readonly defect: string }

const fromAnswer = (answer: JobAnswer): Effect.Effect<Statistics, UsageError | CannotWrite> => {
  if ("statistics" in answer) return Effect.succeed(answer.statistics)
  if ("defect" in answer)
    return Effect.die(new InternalError({ message: `a sweep worker failed: ${answer.defect}` }))
  const { _tag, message } = answer.error
  return Effect.fail(_tag === "CannotWrite" ? new CannotWrite({ message }) : new UsageError({ message }))
}

/** Sends one job to one worker and waits for its answer. */
const ask = (worker: Worker, job: ReplicationJob): Effect.Effect<JobAnswer> =>
  Effect.callback<JobAnswer>((resume) => {
    const onMessage = (answer: JobAnswer) => {
      worker.off("error", onError)
      resume(Effect.succeed(answer))
    }
    const onError = (error: Error) => {
      worker.off("message", onMessage)
      resume(Effect.succeed({ defect: error.stack ?? error.message }))
    }
    worker.once("message", onMessage)
    worker.once("error", onError)
    worker.postMessage(job)
  })

export const makeWorkerPool = (
  size: number,
  /** Where the workers write files (`--record DIR`): a terminated worker's unfinished one is removed. */
  folder?: string,
): Effect.Effect<
  (job: ReplicationJob) => Effect.Effect<Statistics, UsageError | CannotWrite>,
  never,
  Scope.Scope
> =>
  Effect.gen(function* () {
    const idle = yield* Queue.unbounded<Worker>()
    for (let index = 0; index < size; index++) {
      const worker = yield* Effect.acquireRelease(
        Effect.sync(() => new Worker(entry, { execArgv: [], resourceLimits })),
        (started) => {
          const thread = started.threadId
          return Effect.promise(async () => {
            await started.terminate()
            if (folder !== undefined) removeTemporariesOfThread(folder, thread)
          })
        },
      )
      Queue.offerUnsafe(idle, worker)
    }
    return (job) =>
      Effect.acquireUseRelease(
        Queue.take(idle),
        (worker) => Effect.flatMap(ask(worker, job), fromAnswer),
        (worker) => Queue.offer(idle, worker),
      )
  })
