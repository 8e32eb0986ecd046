/**
 * The playground's last runs, newest first: each with its settings, its recording and trace (as
 * Blobs, which the browser may keep out of the page's memory) and what the player draws. Only a few
 * are kept, so a class's afternoon of runs does not fill the memory.
 */
import type { PageRun } from "../../core/pageData/pageRun.ts"
import type { ScenarioInput } from "../../core/scenario/scenario.ts"

export interface KeptRun {
  /** 1 for the page's first run, then 2, 3...: how the list and the comparison name it. */
  readonly number: number
  readonly input: ScenarioInput
  readonly recording: Blob
  readonly trace: Blob
  readonly run: PageRun
}

export const keptRuns = 6

export class RunHistory {
  private readonly runs: Array<KeptRun> = []
  private made = 0

  add(
    input: ScenarioInput,
    files: { readonly recording: Blob; readonly trace: Blob },
    run: PageRun,
  ): KeptRun {
    this.made += 1
    const kept = { number: this.made, input, ...files, run }
    this.runs.unshift(kept)
    this.runs.length = Math.min(this.runs.length, keptRuns)
    return kept
  }

  get all(): ReadonlyArray<KeptRun> {
    return this.runs
  }

  find(number: number): KeptRun | undefined {
    return this.runs.find((run) => run.number === number)
  }
}
