/**
 * Inside a sweep's worker thread (started by workerPool.ts through bin/worker.mjs): runs each
 * replication it is sent, one at a time, through the same runJob as the main thread, and answers
 * its statistics, or its failure as a tagged error or a defect's description.
 */
import { parentPort } from "node:worker_threads"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { RunPlatform } from "../core/engine/runPlatform.ts"
import type { Statistics } from "../core/stats/statistics.ts"
import type { CannotWrite, UsageError } from "../errors.ts"
import { nodePlatform } from "../run/nodePlatform.ts"
import { type ReplicationJob, runJob } from "./replication.ts"
import type { JobAnswer } from "./workerPool.ts"

const port = parentPort
if (port === null) throw new Error("replicationWorker.ts runs in a worker thread")

const answerOf = (exit: Exit.Exit<Statistics, UsageError | CannotWrite>): JobAnswer => {
  if (Exit.isSuccess(exit)) return { statistics: exit.value }
  const failure = Cause.findErrorOption(exit.cause)
  return failure._tag === "Some"
    ? { error: { _tag: failure.value._tag, message: failure.value.message } }
    : { defect: Cause.pretty(exit.cause) }
}

port.on("message", (job: ReplicationJob) => {
  Effect.runPromiseExit(Effect.provideService(runJob(job), RunPlatform, nodePlatform)).then((exit) =>
    port.postMessage(answerOf(exit)),
  )
})
