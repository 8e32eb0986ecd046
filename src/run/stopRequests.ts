/**
 * Requests to stop (SIGINT, SIGTERM, SIGHUP, SIGQUIT) as the process receives them. The first one
 * asks the command to stop where it stands: a run or a replay listening for it ends gracefully (a
 * run as `interrupted`, its recording complete); a command that is not listening (opening its
 * files, `--verify`) is interrupted instead, which removes whatever it had begun. Later signals are
 * the same request: npm forwards the terminal's Ctrl-C to node, which thus receives it twice.
 */
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"

/** The signals that ask a command to stop; each gives its conventional exit code, 128 + its number. */
export const stopSignals = { SIGHUP: 129, SIGINT: 130, SIGQUIT: 131, SIGTERM: 143 } as const
export type StopSignal = keyof typeof stopSignals

/** What a received signal does: stop a listening command, interrupt one that is not, or nothing. */
export type StopAction = "stop" | "interrupt" | "ignore"

export class StopRequests {
  private readonly stop = Deferred.makeUnsafe<void>()
  private listening = 0
  /** The signal that asked for the stop, once one has. */
  signal: StopSignal | undefined

  /** Completes when a stop is asked for; while something waits on it, a stop is graceful. */
  readonly requested: Effect.Effect<void> = Effect.acquireUseRelease(
    Effect.sync(() => {
      this.listening++
    }),
    () => Deferred.await(this.stop),
    () =>
      Effect.sync(() => {
        this.listening--
      }),
  )

  receive(signal: StopSignal): StopAction {
    if (this.signal !== undefined) return "ignore"
    this.signal = signal
    // Counted first: completing the request may resume (and release) its listeners at once.
    const action = this.listening > 0 ? "stop" : "interrupt"
    Deferred.doneUnsafe(this.stop, Effect.void)
    return action
  }
}
