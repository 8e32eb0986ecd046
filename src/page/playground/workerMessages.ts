/** What the playground's page and its run worker say to each other (structured-cloned messages). */
import type { PageRun } from "../../core/pageData/pageRun.ts"
import type { Scenario, ScenarioInput } from "../../core/scenario/scenario.ts"
import type { Statistics } from "../../core/stats/statistics.ts"

/** To the worker: run this scenario, as the command line's flags would give it. */
export interface RunRequest {
  readonly kind: "run"
  readonly input: ScenarioInput
}

/** To the worker: one replication of a sweep (its seed already the replication's); only its statistics come back. */
export interface ReplicationRequest {
  readonly kind: "replication"
  readonly scenario: Scenario
  readonly warmupMicros: number
}

export type WorkerRequest = RunRequest | ReplicationRequest

export type WorkerReply =
  /** How far the run has come, as the terminal's progress line says it. */
  | { readonly kind: "progress"; readonly text: string }
  /** The scenario was refused, with the command line's one-line message. */
  | { readonly kind: "refused"; readonly message: string }
  /**
   * The run is over: the recording's and the trace's UTF-8 bytes (as Blobs made in the worker, which
   * the message passes as handles) and what the player draws.
   */
  | {
      readonly kind: "done"
      readonly recording: Blob
      readonly trace: Blob
      readonly run: PageRun
      /** The run's wall time in the worker, in milliseconds (the page says it; the bench compares it with Node's). */
      readonly runMillis: number
    }
  | { readonly kind: "failed"; readonly message: string }

/** The answer to a replication: its statistics, counted from its warm-up on. */
export type ReplicationReply =
  | { readonly kind: "statistics"; readonly statistics: Statistics }
  | { readonly kind: "failed"; readonly message: string }
