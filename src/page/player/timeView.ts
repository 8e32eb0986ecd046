/**
 * The part of the time axis on screen (zoom and pan), and its mapping to pixels. Pure: the browser
 * code keeps one TimeView and replaces it on every zoom, pan or resize.
 */

export interface TimeView {
  /** Microseconds, from < to. */
  readonly from: number
  readonly to: number
}

/** The narrowest view: a millisecond. */
export const narrowestSpan = 1000

/** Keeps a view inside [0, end] and at least `narrowestSpan` wide (or the whole run, if shorter). */
export const clampView = (view: TimeView, end: number): TimeView => {
  const domain = Math.max(end, 1)
  const span = Math.min(domain, Math.max(narrowestSpan, view.to - view.from))
  const from = Math.min(Math.max(0, view.from), domain - span)
  return { from, to: from + span }
}

export const wholeRunView = (end: number): TimeView => ({ from: 0, to: Math.max(end, 1) })

/** Zooms by `factor` (above 1 zooms in), keeping the instant `around` where it is on screen. */
export const zoomView = (view: TimeView, factor: number, around: number, end: number): TimeView => {
  const from = around - (around - view.from) / factor
  const to = around + (view.to - around) / factor
  return clampView({ from, to }, end)
}

/** Moves the view by `micros` (positive: later). */
export const panView = (view: TimeView, micros: number, end: number): TimeView =>
  clampView({ from: view.from + micros, to: view.to + micros }, end)

/** Moves the view, keeping its width, so that `at` is on screen (for a playhead that runs off it). */
export const followView = (view: TimeView, at: number, end: number): TimeView => {
  if (at >= view.from && at <= view.to) return view
  const span = view.to - view.from
  return clampView({ from: at - span * 0.05, to: at - span * 0.05 + span }, end)
}

export interface AxisScale {
  readonly x: (micros: number) => number
  readonly time: (x: number) => number
  readonly pixelsPerMicro: number
}

export const axisScale = (view: TimeView, left: number, width: number): AxisScale => {
  const pixelsPerMicro = width / (view.to - view.from)
  return {
    x: (micros) => left + (micros - view.from) * pixelsPerMicro,
    time: (x) => view.from + (x - left) / pixelsPerMicro,
    pixelsPerMicro,
  }
}

/** Round tick positions (1, 2 or 5 times a power of ten seconds) about `spacing` pixels apart. */
export const axisTicks = (view: TimeView, width: number, spacing = 90): ReadonlyArray<number> => {
  const roughStep = ((view.to - view.from) * spacing) / Math.max(width, 1)
  const power = 10 ** Math.floor(Math.log10(Math.max(roughStep, 1)))
  const step = ([1, 2, 5, 10].find((multiple) => multiple * power >= roughStep) ?? 10) * power
  const ticks: Array<number> = []
  for (let tick = Math.ceil(view.from / step) * step; tick <= view.to; tick += step) ticks.push(tick)
  return ticks
}
