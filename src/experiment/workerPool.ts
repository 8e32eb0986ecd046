/**
 * The sweep's workers: a pool of `size` child processes (bin/worker.mjs, running
 * replicationWorker.ts), each running one replication at a time, so replications run on every core.
 * Processes rather than worker threads: on 2 cores, two worker processes ran the bench's sweep in
 * 7.0 to 7.2 s, steadily, where two threads of one process took 6.8 to 12.7 s (their CPU time varied
 * by half from run to run) against 12.4 s on one.
 * As an executor it is the same function as a run in this process; the result does not depend on
 * which worker ran what (the runner stores figures by pair). Closing the scope ends the workers
 * (SIGTERM, on which a worker removes the file it was writing), which is how Ctrl-C stops them.
 */
import { type ChildProcess, fork } from "node:child_process"
import { fileURLToPath } from "node:url"
import * as Effect from "effect/Effect"
import * as Queue from "effect/Queue"
import type * as Scope from "effect/Scope"
import { CannotWrite, InternalError, UsageError } from "../errors.ts"
import type { Statistics } from "../stats/statistics.ts"
import type { ReplicationJob } from "./replication.ts"

const entry = fileURLToPath(new URL("../../bin/worker.mjs", import.meta.url))

/** The young generation the npm scripts give the main process, so each event's objects die young. */
const execArgv = ["--max-semi-space-size=8"]

/** The end of what a worker wrote to stderr (a crash's message), kept for the report. */
const mostStderr = 4_000

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

interface Worker {
  readonly process: ChildProcess
  /** The end of its stderr so far. */
  stderr: string
}

const startWorker = (): Worker => {
  const child = fork(entry, [], {
    execArgv,
    serialization: "advanced",
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  })
  const worker: Worker = { process: child, stderr: "" }
  child.stderr?.setEncoding("utf8").on("data", (text: string) => {
    worker.stderr = (worker.stderr + text).slice(-mostStderr)
  })
  return worker
}

const ended = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null

/** Ends a worker and waits for it to be gone. */
const stopWorker = ({ process: child }: Worker): Promise<void> =>
  new Promise((resolve) => {
    if (ended(child)) return resolve()
    child.once("exit", () => resolve())
    child.kill("SIGTERM")
  })

/** Sends one job to one worker and waits for its answer. */
const ask = (worker: Worker, job: ReplicationJob): Effect.Effect<JobAnswer> =>
  Effect.callback<JobAnswer>((resume) => {
    const child = worker.process
    const onMessage = (answer: JobAnswer) => {
      child.off("exit", onExit)
      resume(Effect.succeed(answer))
    }
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      child.off("message", onMessage)
      const how = signal === null ? `with exit code ${code}` : `by ${signal}`
      resume(
        Effect.succeed({
          defect: `the worker process ended ${how}${worker.stderr ? `: ${worker.stderr.trim()}` : ""}`,
        }),
      )
    }
    child.once("message", onMessage)
    child.once("exit", onExit)
    if (ended(child)) onExit(child.exitCode, child.signalCode)
    else child.send(job)
    return Effect.sync(() => {
      child.off("message", onMessage)
      child.off("exit", onExit)
    })
  })

export const makeWorkerPool = (
  size: number,
): Effect.Effect<
  (job: ReplicationJob) => Effect.Effect<Statistics, UsageError | CannotWrite>,
  never,
  Scope.Scope
> =>
  Effect.gen(function* () {
    const idle = yield* Queue.unbounded<Worker>()
    for (let index = 0; index < size; index++) {
      const worker = yield* Effect.acquireRelease(Effect.sync(startWorker), (started) =>
        Effect.promise(() => stopWorker(started)),
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
