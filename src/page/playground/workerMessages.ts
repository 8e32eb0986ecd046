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

/** To the worker, once its finished run is drawn: hand over that run's recording and trace. */
export interface FilesRequest {
  readonly kind: "files"
}

export type WorkerRequest = RunRequest | FilesRequest | ReplicationRequest

export type WorkerReply =
  /** How far the run has come, as the terminal's progress line says it. */
  | { readonly kind: "progress"; readonly text: string }
  /** The scenario was refused, with the command line's one-line message. */
  | { readonly kind: "refused"; readonly message: string }
  /** The run is over: what the player draws (its files follow when the page asks for them). */
  | {
      readonly kind: "done"
      readonly run: PageRun
      /** The run's wall time in the worker, in milliseconds (the page says it; the bench compares it with Node's). */
      readonly runMillis: number
    }
  /**
   * The finished run's recording and trace, as UTF-8 bytes in Blobs made in the worker (the message
   * passes them as handles).
   */
  | { readonly kind: "files"; readonly recording: Blob; readonly trace: Blob }
  | { readonly kind: "failed"; readonly message: string }

/** The answer to a replication: its statistics, counted from its warm-up on. */
export type ReplicationReply =
  | { readonly kind: "statistics"; readonly statistics: Statistics }
  | { readonly kind: "failed"; readonly message: string }
