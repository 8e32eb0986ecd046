/**
 * The run's state at the playhead (which items wait in the queue, what each actor holds), rebuilt
 * from the starting state of the detail window the playhead is in and the window's events before
 * it. Moving forward within a window only applies the new events.
 */
import { PipelineRunState } from "../../core/pageData/pipelineRunState.ts"
import { RunState } from "../../core/pageData/runState.ts"
import { untilOf } from "./playhead.ts"
import { eventsBefore, type PreparedRun, type PreparedWindow, windowBefore } from "./preparedRun.ts"

export type QueueAt =
  | { readonly known: true; readonly state: RunState | PipelineRunState }
  /** The playhead is in a stretch the page holds no events for; the last held one ends at `heldUntil`. */
  | { readonly known: false; readonly heldUntil: number }

export class QueueCursor {
  private readonly prepared: PreparedRun
  private window: PreparedWindow | undefined
  private applied = 0
  private state: RunState | PipelineRunState
  /** A pipeline's lane -> its stage (-1 for producers), or undefined for a single queue. */
  private readonly stageOfLane: ((lane: number) => number) | undefined

  constructor(prepared: PreparedRun) {
    this.prepared = prepared
    const { actors, stages } = prepared.run.data
    this.stageOfLane = stages === undefined ? undefined : (lane) => actors[lane]?.stage ?? -1
    this.state =
      this.stageOfLane === undefined
        ? new RunState()
        : new PipelineRunState(stages?.length ?? 0, this.stageOfLane)
  }

  at(at: number): QueueAt {
    const until = untilOf(at, this.prepared.run.end.at)
    const window = windowBefore(this.prepared, until)
    if (window === undefined) return { known: true, state: this.state }
    if (until > window.window.until) return { known: false, heldUntil: window.window.until }
    const target = eventsBefore(window, until)
    if (window !== this.window || target < this.applied) {
      this.window = window
      this.applied = 0
      const actors = this.prepared.run.data.actors
      this.state =
        this.stageOfLane === undefined
          ? RunState.fromSnapshot(window.window.start, (actor) => actors[actor]?.role === "producer")
          : PipelineRunState.fromSnapshot(window.window.start, this.stageOfLane)
    }
    const state = this.state
    for (; this.applied < target; this.applied++) {
      const event = window.events[this.applied]
      if (event === undefined) continue
      if (state instanceof PipelineRunState)
        state.apply(event.at, event.stageIndex ?? 0, event.type, event.actorIndex, event.item, event.value)
      else state.apply(event.at, event.code, event.actorIndex, event.item, event.value)
    }
    return { known: true, state: this.state }
  }
}
