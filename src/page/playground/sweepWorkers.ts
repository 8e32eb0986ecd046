/**
 * The sweep's runners in the page: Web Workers running the playground's own worker script, started
 * as runs need them up to `size`, each given one replication at a time. As an executor for the core's
 * runner (core/sweep/runner.ts), which decides the runs and their seeds as the command line's does.
 * Closing ends every worker at once: Cancel, or the sweep done.
 */
import * as Effect from "effect/Effect"
import type { ReplicationExecutor } from "../../core/sweep/runner.ts"
import type { ReplicationReply, ReplicationRequest } from "./workerMessages.ts"

export interface SweepWorkers {
  /** Runs one replication in a free worker; fails with the worker's one-line reason. */
  readonly execute: ReplicationExecutor<string>
  /** Workers started so far (closed ones too). */
  readonly started: () => number
  readonly close: () => void
}

/** As many runners as the machine has cores (at least one), never more than there are runs. */
export const sweepWorkerCount = (cores: number | undefined, runs: number): number =>
  Math.max(1, Math.min(cores !== undefined && cores > 0 ? cores : 1, runs))

export const makeSweepWorkers = (workerUrl: string, size: number): SweepWorkers => {
  const all: Array<Worker> = []
  const idle: Array<Worker> = []
  let started = 0
  const take = (): Worker => {
    const free = idle.pop()
    if (free !== undefined) return free
    if (all.length >= size) throw new Error("more replications at once than sweep workers")
    const worker = new Worker(workerUrl)
    all.push(worker)
    started += 1
    return worker
  }
  const execute: ReplicationExecutor<string> = (scenario, warmupMicros) =>
    Effect.callback((resume) => {
      const worker = take()
      worker.onmessage = (message: MessageEvent<ReplicationReply>) => {
        const reply = message.data
        worker.onmessage = null
        worker.onerror = null
        idle.push(worker)
        resume(reply.kind === "statistics" ? Effect.succeed(reply.statistics) : Effect.fail(reply.message))
      }
      worker.onerror = (event) => {
        event.preventDefault()
        resume(Effect.fail(`a sweep's run failed: ${event.message}`))
      }
      worker.postMessage({ kind: "replication", scenario, warmupMicros } satisfies ReplicationRequest)
    })
  return {
    execute,
    started: () => started,
    close: () => {
      for (const worker of all) worker.terminate()
      all.length = 0
      idle.length = 0
    },
  }
}
