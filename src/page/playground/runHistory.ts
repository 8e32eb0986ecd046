/**
 * The playground's last runs, newest first: each with its settings and what the player draws (to
 * show it beside a later run). Only a few are kept, so a class's afternoon of runs does not fill the
 * memory; their recordings and traces are not kept at all (the page offers only the newest run's,
 * and a 10^6-item run's weigh hundreds of megabytes in the browser).
 */
import type { PageRun } from "../../core/pageData/pageRun.ts"
import type { ScenarioInput } from "../../core/scenario/scenario.ts"

export interface KeptRun {
  /** 1 for the page's first run, then 2, 3...: how the list and the comparison name it. */
  readonly number: number
  readonly input: ScenarioInput
  readonly run: PageRun
}

export const keptRuns = 6

export class RunHistory {
  private readonly runs: Array<KeptRun> = []
  private made = 0

  add(input: ScenarioInput, run: PageRun): KeptRun {
    this.made += 1
    const kept = { number: this.made, input, run }
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
