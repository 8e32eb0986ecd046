/**
 * The queue depth as a counter track: the depth the run's item lifecycle keeps, written once time
 * has moved past the instant of its last change, so steps within one instant do not show (the
 * statistics' maximum ignores them too), and the track holds one value per instant at most.
 */
import { counterEvent, jsonString } from "./traceEvents.ts"

/** Perfetto names the track after the event and the args key: "queue depth". */
const queue = jsonString("queue")

export class QueueDepthTrack {
  private readonly write: (event: string) => void
  private readonly pid: number
  private depth = 0
  private changedAt = 0
  // Undefined until a value is written: a run whose queue first changes after 0 gets its empty start
  // drawn, one whose queue changes at 0 does not get two values at 0.
  private written: number | undefined = undefined

  constructor(write: (event: string) => void, pid: number) {
    this.write = write
    this.pid = pid
  }

  /** The depth after an event at `at`. */
  change(at: number, depth: number): void {
    if (depth === this.depth) return
    this.writeBefore(at)
    this.depth = depth
    this.changedAt = at
  }

  /** Writes the last value if its instant is over: before `at`, or for good at the end (Infinity). */
  writeBefore(at: number): void {
    if (at > this.changedAt && this.depth !== this.written) {
      this.write(counterEvent(queue, this.pid, this.changedAt, `{"depth":${this.depth}}`))
      this.written = this.depth
    }
  }
}
