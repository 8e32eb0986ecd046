/**
 * Who runs a sweep's replications: this thread, and worker threads (bin/worker.mjs, running
 * replicationWorker.ts) started while it runs, each one only when the runs left are worth its
 * start-up (workerStarts.ts decides, from the run times measured here and the start-ups seen), so
 * that more workers are never slower than one. Each runner runs one replication at a time, the next
 * run going to the first one free; the result does not depend on who ran what (the runner stores
 * figures by pair). Closing the scope terminates the workers, started or still starting, which is
 * how Ctrl-C stops them, and removes the file each was writing.
 */
import { Worker } from "node:worker_threads"
import * as Effect from "effect/Effect"
import * as Queue from "effect/Queue"
import * as Scope from "effect/Scope"
import type { Statistics } from "../core/stats/statistics.ts"
import { CannotWrite, InternalError, UsageError } from "../errors.ts"
import { removeTemporariesOfThread } from "../files/temporaries.ts"
import { type ReplicationJob, runJob } from "./replication.ts"
import { costToDecideOn, runCost, workersWorthStarting } from "./workerStarts.ts"

const entry = new URL("../../bin/worker.mjs", import.meta.url)

/**
 * A worker takes no V8 flags: its young generation is capped here as `--max-semi-space-size=8` caps
 * the main thread's (V8's young generation is three semi-spaces), so each event's objects die young.
 */
const resourceLimits = { maxYoungGenerationSizeMb: 24 }

/**
 * A worker's start-up, until one has been seen: it loads much the code this process loaded before
 * its sweep began, but without Node's compile cache (see bin/prepare.mjs), then warms its JIT up on
 * its first run; so, a few times this process's own start so far, which stretches as the machine
 * gets busier, as a worker's start does. The start-ups seen replace it.
 */
const assumedStartSeconds = () => 3 * (performance.now() / 1000)

/**
 * What an item costs at least, until runs are timed: a small fraction of the same yardstick as the
 * start-up above, so that the two stretch together on a busy machine and whether the plan alone
 * starts a worker depends on the sweep's size, not on the load. Taken below what a run of the
 * simplest scenario costs per item, so that the plan errs towards waiting for timed runs.
 */
const assumedItemSeconds = () => 1.5e-6 * (performance.now() / 1000)

/** What a worker answers: the statistics, a tagged error of the run, or a defect's description. */
export type JobAnswer =
  | { readonly statistics: Statistics }
  | { readonly error: { readonly _tag: string; readonly message: string } }
  | { readonly defect: string }

/** What a worker says once its code is loaded, before any job. */
export const workerReady = "ready"

const fromAnswer = (answer: JobAnswer): Effect.Effect<Statistics, UsageError | CannotWrite> => {
  if ("statistics" in answer) return Effect.succeed(answer.statistics)
  if ("defect" in answer) return Effect.die(workerFailed(answer.defect))
  const { _tag, message } = answer.error
  return Effect.fail(_tag === "CannotWrite" ? new CannotWrite({ message }) : new UsageError({ message }))
}

const workerFailed = (description: string) =>
  new InternalError({ message: `a sweep worker failed: ${description}` })

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

interface Runner {
  readonly run: (job: ReplicationJob) => Effect.Effect<Statistics, UsageError | CannotWrite>
  /** When its worker was started (seconds); undefined for this thread. */
  readonly startedAt: number | undefined
  /** When its current run started, or undefined while it is free. */
  busySince: number | undefined
  runsDone: number
}

export interface PoolOptions {
  /** Runners at most, this thread included: up to `runners - 1` worker threads. */
  readonly runners: number
  /** The runs the sweep will ask for. */
  readonly runs: number
  /** Where the runs write files (`--record DIR`): a terminated worker's unfinished one is removed. */
  readonly folder?: string | undefined
  /** A worker's start-up, in seconds, until one is seen (by default, from this process's own start). */
  readonly startSeconds?: number | undefined
  /** The items of a run, as the plan says (plannedItemsPerRun): what a run costs before any is timed. */
  readonly itemsPerRun?: number | undefined
  /** What an item costs at least, in seconds (by default, from this process's own start). */
  readonly itemSeconds?: number | undefined
}

export interface Runners {
  /** Runs one job on the first runner free. */
  readonly execute: (job: ReplicationJob) => Effect.Effect<Statistics, UsageError | CannotWrite>
  /** Worker threads started so far, and the runs they finished. */
  readonly workers: () => WorkerCounts
}

export interface WorkerCounts {
  readonly started: number
  readonly runs: number
}

const nowSeconds = () => performance.now() / 1000
const mean = (values: ReadonlyArray<number>) => values.reduce((sum, value) => sum + value, 0) / values.length

export const makeRunners = (options: PoolOptions): Effect.Effect<Runners, never, Scope.Scope> =>
  Effect.gen(function* () {
    const scope = yield* Effect.scope
    const idle = yield* Queue.unbounded<Runner>()
    const here: Runner = { run: runJob, startedAt: undefined, busySince: undefined, runsDone: 0 }
    const runners: Array<Runner> = [here]
    /** Workers loading their code, by when they were started. */
    const starting = new Map<Worker, number>()
    // Each runner's first run is left out of the cost of a run (runCost): it carries the JIT's
    // warm-up, which for a worker counts as start-up (from its start to the end of its first run,
    // less a run).
    const runTimes: Array<number> = []
    let firstRun: number | undefined
    const startUps: Array<number> = []
    let runsStarted = 0
    let workersStarted = 0
    let workerRuns = 0
    Queue.offerUnsafe(idle, here)
    const assumed = options.startSeconds ?? assumedStartSeconds()
    const startSeconds = () => (startUps.length > 0 ? mean(startUps) : assumed)
    const itemSeconds = options.itemSeconds ?? assumedItemSeconds()

    const whenReady = (worker: Worker, startedAt: number) => {
      const onError = (error: Error) => {
        starting.delete(worker)
        // The next job given to it reports the failure, as a failure during a run is reported.
        const description = error.stack ?? error.message
        Queue.offerUnsafe(idle, {
          run: () => Effect.die(workerFailed(description)),
          startedAt,
          busySince: undefined,
          runsDone: 0,
        })
      }
      worker.once("error", onError)
      worker.once("message", () => {
        worker.off("error", onError)
        starting.delete(worker)
        const runner: Runner = {
          run: (job) => Effect.flatMap(ask(worker, job), fromAnswer),
          startedAt,
          busySince: undefined,
          runsDone: 0,
        }
        runners.push(runner)
        Queue.offerUnsafe(idle, runner)
      })
    }

    const startWorker = Effect.gen(function* () {
      const worker = new Worker(entry, { execArgv: [], resourceLimits })
      const thread = worker.threadId
      const startedAt = nowSeconds()
      workersStarted++
      starting.set(worker, startedAt)
      whenReady(worker, startedAt)
      yield* Scope.addFinalizer(
        scope,
        Effect.promise(async () => {
          await worker.terminate()
          if (options.folder !== undefined) removeTemporariesOfThread(options.folder, thread)
        }),
      )
    })

    const finishedRun = (runner: Runner) => {
      const now = nowSeconds()
      const took = now - (runner.busySince as number)
      const cost = runCost(runTimes, firstRun, startSeconds())
      if (runner.runsDone > 0) runTimes.push(took)
      else if (runner === here) firstRun = took
      else if (cost !== undefined) startUps.push(Math.max(0, now - (runner.startedAt as number) - cost))
      runner.runsDone++
      if (runner !== here) workerRuns++
    }

    /**
     * Starts the workers worth starting now, as the runs measured so far and the start-ups seen say,
     * or the plan before any run is timed.
     */
    const startWorkersWorthIt = Effect.gen(function* () {
      const room = options.runners - runners.length - starting.size
      const runSeconds = costToDecideOn(
        runCost(runTimes, firstRun, startSeconds()),
        options.itemsPerRun ?? 0,
        itemSeconds,
      )
      if (room <= 0 || runSeconds === undefined) return
      const now = nowSeconds()
      const count = workersWorthStarting(
        {
          runsLeft: options.runs - runsStarted,
          runSeconds,
          runnersFreeIn: [
            ...runners.map((runner) =>
              runner.busySince === undefined ? 0 : Math.max(0, runSeconds - (now - runner.busySince)),
            ),
            ...[...starting.values()].map((startedAt) => Math.max(0, startSeconds() - (now - startedAt))),
          ],
          startSeconds: startSeconds(),
        },
        room,
      )
      for (let started = 0; started < count; started++) yield* startWorker
    })

    const execute = (job: ReplicationJob) =>
      Effect.acquireUseRelease(
        Effect.tap(Queue.take(idle), (runner) =>
          Effect.sync(() => {
            runsStarted++
            runner.busySince = nowSeconds()
          }),
        ),
        (runner) => Effect.tap(runner.run(job), () => Effect.sync(() => finishedRun(runner))),
        (runner) =>
          Effect.suspend(() => {
            runner.busySince = undefined
            return Effect.andThen(startWorkersWorthIt, Queue.offer(idle, runner))
          }),
      )
    // Before the first run: a worker the plan shows worth it loads while this thread runs.
    yield* startWorkersWorthIt
    return { execute, workers: () => ({ started: workersStarted, runs: workerRuns }) }
  })
