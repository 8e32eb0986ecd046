/**
 * Inside a sweep's worker process (started by workerPool.ts through bin/worker.mjs): runs each
 * replication it is sent, one at a time, through the same runJob as the sweep's own process, and
 * answers its statistics, or its failure as a tagged error or a defect's description.
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type { CannotWrite, UsageError } from "../errors.ts"
import type { Statistics } from "../stats/statistics.ts"
import { type ReplicationJob, runJob } from "./replication.ts"
import type { JobAnswer } from "./workerPool.ts"

const send = process.send?.bind(process)
if (send === undefined) throw new Error("replicationWorker.ts runs in a sweep's worker process")

// A terminal's Ctrl-C (a hang-up, Ctrl-\) reaches the whole process group: the sweep's process
// decides what happens, and ends this one with SIGTERM. Ending through process.exit lets the
// atomic writer remove a recording this worker had not finished. Should the sweep's process vanish
// (SIGKILL), the closed channel ends this one too.
for (const signal of ["SIGINT", "SIGHUP", "SIGQUIT"] as const) process.on(signal, () => {})
process.on("SIGTERM", () => process.exit(143))
process.on("disconnect", () => process.exit(0))

const answerOf = (exit: Exit.Exit<Statistics, UsageError | CannotWrite>): JobAnswer => {
  if (Exit.isSuccess(exit)) return { statistics: exit.value }
  const failure = Cause.findErrorOption(exit.cause)
  return failure._tag === "Some"
    ? { error: { _tag: failure.value._tag, message: failure.value.message } }
    : { defect: Cause.pretty(exit.cause) }
}

process.on("message", (job: ReplicationJob) => {
  Effect.runPromiseExit(runJob(job)).then((exit) => send(answerOf(exit)))
})
