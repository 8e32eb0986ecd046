/**
 * What the page knows of a pipeline at one instant: one RunState (one item lifecycle, with its
 * ordered listing of waiting items) per stage's queue, fed each event under the lifecycle's own
 * names (stageStepOf, as the statistics do). A worker holds its item in its own stage's queue
 * while it serves it, and in the next stage's queue while that queue is full (held, as a blocked
 * producer is in the first stage's).
 */

import { stageStepOf } from "../lifecycle/stageSteps.ts"
import type { HeldItem, RunSnapshot, StageQueueSnapshot } from "./pageData.ts"
import { RunState } from "./runState.ts"

export class PipelineRunState {
  private readonly queues: ReadonlyArray<RunState>
  /** The stage whose worker each actor is, or -1 for a producer. */
  private readonly ownStage: (actor: number) => number
  /** The queues' depths, in stage order (read by the time columns after every event). */
  readonly depths: Float64Array

  constructor(stageCount: number, ownStage: (actor: number) => number, queues?: ReadonlyArray<RunState>) {
    this.ownStage = ownStage
    this.queues = queues ?? Array.from({ length: stageCount }, () => new RunState())
    this.depths = Float64Array.from(this.queues, (queue) => queue.depth)
  }

  /** The state a pipeline snapshot describes. */
  static fromSnapshot(snapshot: RunSnapshot, ownStage: (actor: number) => number): PipelineRunState {
    const stages = snapshot.stages ?? []
    const queues = stages.map((stage, index) =>
      RunState.fromSnapshot(
        {
          depth: stage.depth,
          waiting: stage.waiting,
          holding: snapshot.holding.map((held, actor) =>
            held !== null && (held.blockedOn ?? ownStage(actor)) === index ? held : null,
          ),
          // Producers count in the first stage, workers in their own.
          done: snapshot.done.map((done, actor) => (Math.max(0, ownStage(actor)) === index ? done : 0)),
        },
        (actor) => ownStage(actor) !== index,
      ),
    )
    return new PipelineRunState(stages.length, ownStage, queues)
  }

  get stageCount(): number {
    return this.queues.length
  }

  /** Items waiting in the first stage's queue (the statistics' `queue`). */
  get depth(): number {
    return this.depths[0] ?? 0
  }

  /** Applies one event of `stage` (its index); for a pick-up, answers its wait in that stage's queue. */
  apply(
    at: number,
    stage: number,
    type: string,
    actor: number,
    item: number,
    value: number | undefined,
  ): number | undefined {
    const queue = this.queues[stage]
    const step = stageStepOf(type)
    if (queue === undefined || step < 0) return undefined
    const wait = queue.apply(at, step, actor, item, value)
    this.depths[stage] = queue.depth
    return wait
  }

  /** Since when an actor has held what it holds in `stage`'s queue, or -1. */
  heldSinceIn(stage: number, actor: number): number {
    return this.queues[stage]?.heldSince(actor) ?? -1
  }

  /** The waiting items of a stage's queue, oldest first, and how many more wait unlisted. */
  waitingIn(stage: number): ReturnType<RunState["waiting"]> {
    return this.queues[stage]?.waiting() ?? { listed: [], unlisted: 0 }
  }

  depthOf(stage: number): number {
    return this.depths[stage] ?? 0
  }

  /** What an actor holds: the item it serves, or the item a full queue holds it up with. */
  held(actor: number): HeldItem | null {
    const own = this.ownStage(actor)
    if (own >= 0) {
      const serving = this.queues[own]?.held(actor) ?? null
      if (serving !== null) return serving
    }
    for (const [stage, queue] of this.queues.entries()) {
      if (stage === own) continue
      const blocked = queue.held(actor)
      if (blocked !== null) return { ...blocked, blockedOn: stage }
    }
    return null
  }

  /** Items made by a producer, or attempts finished by a worker in its stage. */
  doneBy(actor: number): number {
    return this.queues[Math.max(0, this.ownStage(actor))]?.doneBy(actor) ?? 0
  }

  /** The state now, listing at most `mostWaiting` waiting items of each queue. */
  snapshot(mostWaiting: number): RunSnapshot {
    const stages: Array<StageQueueSnapshot> = this.queues.map((queue) => {
      const { depth, waiting } = queue.snapshot(mostWaiting)
      return { depth, waiting }
    })
    const actors = Math.max(0, ...this.queues.map((queue) => queue.actorCount))
    const holding: Array<HeldItem | null> = []
    const done: Array<number> = []
    for (let actor = 0; actor < actors; actor++) {
      holding.push(this.held(actor))
      done.push(this.doneBy(actor))
    }
    const first = stages[0] ?? { depth: 0, waiting: [] }
    return { depth: first.depth, waiting: first.waiting, holding, done, stages }
  }
}
