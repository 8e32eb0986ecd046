/**
 * The player: one playhead and one view of the time axis for every run on the page. It plays at a
 * chosen multiple of the recorded pace, steps from instant to instant, seeks, zooms and pans, and
 * keeps the address's `#t=` in step so a moment can be shared.
 */
import type { PlayerAction } from "./keys.ts"
import { changeSpeed, stepBack, stepForward } from "./playhead.ts"
import { clampView, followView, panView, type TimeView, wholeRunView, zoomView } from "./timeView.ts"

/** What the player drives: the runs' pictures and panes, and the controls that show its state. */
export interface PlayerScreen {
  /** Redraw every timeline for a new view. */
  readonly drawView: (view: TimeView) => void
  /** Move every playhead and update the panes. */
  readonly showTime: (at: number) => void
  readonly showState: (state: { readonly playing: boolean; readonly speed: number }) => void
  /** Keeps the paused instant where the reader can come back to it (the run page's `#t=`), if anywhere. */
  readonly rememberTime?: (at: number) => void
}

export class Player {
  at = 0
  playing = false
  speed = 1
  view: TimeView
  private readonly end: number
  private readonly instants: ArrayLike<number>
  private readonly screen: PlayerScreen
  private lastFrame: number | undefined

  constructor(end: number, instants: ArrayLike<number>, screen: PlayerScreen) {
    this.end = end
    this.instants = instants
    this.screen = screen
    this.view = wholeRunView(end)
  }

  /** Draws everything once, at `at`. */
  start(at: number): void {
    this.at = Math.min(Math.max(0, Math.round(at)), this.end)
    this.view = followView(this.view, this.at, this.end)
    this.screen.drawView(this.view)
    this.screen.showTime(this.at)
    this.screen.showState(this)
  }

  seek(at: number): void {
    this.at = Math.min(Math.max(0, Math.round(at)), this.end)
    const followed = followView(this.view, this.at, this.end)
    if (followed !== this.view) this.setView(followed)
    this.screen.showTime(this.at)
    if (!this.playing) this.remember()
  }

  setView(view: TimeView): void {
    this.view = clampView(view, this.end)
    this.screen.drawView(this.view)
    this.screen.showTime(this.at)
  }

  redraw(): void {
    this.setView(this.view)
  }

  setSpeed(speed: number): void {
    this.speed = speed
    this.screen.showState(this)
  }

  play(): void {
    if (this.playing) return
    if (this.at >= this.end) this.seek(0)
    this.playing = true
    this.lastFrame = undefined
    this.screen.showState(this)
    requestAnimationFrame(this.frame)
  }

  pause(): void {
    this.playing = false
    this.screen.showState(this)
    this.remember()
  }

  private readonly frame = (now: number): void => {
    if (!this.playing) return
    if (this.lastFrame !== undefined) {
      // Milliseconds of wall time are thousands of microseconds of the run, times the speed.
      const next = this.at + (now - this.lastFrame) * 1000 * this.speed
      this.seek(next)
      if (this.at >= this.end) {
        this.pause()
        return
      }
    }
    this.lastFrame = now
    requestAnimationFrame(this.frame)
  }

  private remember(): void {
    this.screen.rememberTime?.(this.at)
  }

  act(action: PlayerAction): void {
    this.actions[action]()
  }

  private readonly actions: Readonly<Record<PlayerAction, () => void>> = {
    "toggle-play": () => (this.playing ? this.pause() : this.play()),
    "step-forward": () => {
      this.pause()
      this.seek(stepForward(this.instants, this.at, this.end))
    },
    "step-back": () => {
      this.pause()
      this.seek(stepBack(this.instants, this.at, this.end))
    },
    "seek-forward": () => this.seek(this.at + this.span() / 100),
    "seek-back": () => this.seek(this.at - this.span() / 100),
    "seek-forward-far": () => this.seek(this.at + this.span() / 10),
    "seek-back-far": () => this.seek(this.at - this.span() / 10),
    faster: () => this.setSpeed(changeSpeed(this.speed, 1)),
    slower: () => this.setSpeed(changeSpeed(this.speed, -1)),
    "zoom-in": () => this.setView(zoomView(this.view, 2, this.at, this.end)),
    "zoom-out": () => this.setView(zoomView(this.view, 0.5, this.at, this.end)),
    fit: () => this.setView(wholeRunView(this.end)),
    "to-start": () => this.seek(0),
    "to-end": () => this.seek(this.end),
  }

  private span(): number {
    return this.view.to - this.view.from
  }

  /** Zoom with the wheel around an instant, or pan. */
  zoomAround(factor: number, around: number): void {
    this.setView(zoomView(this.view, factor, around, this.end))
  }

  pan(micros: number): void {
    this.setView(panView(this.view, micros, this.end))
  }
}
