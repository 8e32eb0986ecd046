/**
 * The value axis of the sweep's charts: linear, or logarithmic when the figures span orders of
 * magnitude (a pipeline that cannot keep up waits a minute where the others wait a tenth of a
 * second, and a linear axis would flatten every other point onto its floor). Ticks are round
 * numbers; positions are fractions of the axis, 0 at its low end and 1 at its high end.
 */

export interface ValueAxis {
  readonly scale: "linear" | "log"
  readonly low: number
  readonly high: number
  readonly ticks: ReadonlyArray<number>
  /** Where a value lies, 0 at `low` and 1 at `high` (beyond them outside; on a log axis, -Infinity at 0 or below). */
  readonly fraction: (value: number) => number
  /** A tick's label: as many decimals as the ticks need, and no more. */
  readonly format: (value: number) => string
}

/** Above this ratio of the largest figure to the smallest, the axis is logarithmic. */
export const logSpread = 30

const multiples = [1, 2, 5, 10] as const

/** The smallest of 1, 2 or 5 times a power of ten that is at least `rough` (> 0). */
export const niceStep = (rough: number): number => {
  const power = 10 ** Math.floor(Math.log10(rough))
  return (multiples.find((multiple) => multiple * power >= rough * (1 - 1e-12)) ?? 10) * power
}

const decimalsFor = (step: number): number => Math.min(9, Math.max(0, -Math.floor(Math.log10(step) + 1e-9)))

const formatNumber = (value: number, decimals: number): string =>
  value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals })

/** Ticks every `step` from `from` to `to`, computed by index so no rounding error piles up. */
const stepsBetween = (from: number, to: number, step: number): ReadonlyArray<number> => {
  const count = Math.round((to - from) / step)
  const decimals = decimalsFor(step)
  return Array.from({ length: count + 1 }, (_, index) => Number((from + index * step).toFixed(decimals)))
}

export const linearAxis = (lowest: number, highest: number, tickCount = 5): ValueAxis => {
  let low = lowest
  let high = highest
  if (high === low) {
    // One value (no item ever dropped: 0 everywhere): an axis around it, never below zero from zero up.
    const pad = low === 0 ? 1 : Math.abs(low) * 0.1
    low = low >= 0 ? Math.max(0, low - pad) : low - pad
    high += pad
  }
  // Figures that start near zero are read against zero.
  if (low >= 0 && low <= high * 0.3) low = 0
  if (high <= 0 && high >= low * 0.3) high = 0
  const step = niceStep((high - low) / tickCount)
  const from = Math.floor(low / step + 1e-9) * step
  const to = Math.ceil(high / step - 1e-9) * step
  const decimals = decimalsFor(step)
  return {
    scale: "linear",
    low: from,
    high: to,
    ticks: stepsBetween(from, to, step),
    fraction: (value) => (value - from) / (to - from),
    format: (value) => formatNumber(value, decimals),
  }
}

/** The largest of 1, 2 or 5 times a power of ten at most `value`, or the smallest at least it (`up`). */
const roundTo125 = (value: number, up: boolean): number => {
  const power = 10 ** Math.floor(Math.log10(value))
  const candidates = [...multiples, 20].map((multiple) => multiple * power)
  const chosen = up
    ? candidates.find((candidate) => candidate >= value * (1 - 1e-12))
    : [...candidates].reverse().find((candidate) => candidate <= value * (1 + 1e-12))
  return chosen ?? power
}

/**
 * A logarithmic axis over positive figures, from and to 1, 2 or 5 times a power of ten. Ticks at
 * 1, 2 and 5 times each power of ten over three decades or fewer; over more, at the powers of ten
 * and at both ends (unless one is too close to a power of ten to be read beside it).
 */
export const logAxis = (lowest: number, highest: number): ValueAxis => {
  const low = roundTo125(lowest, false)
  const high = Math.max(roundTo125(highest, true), low * 10)
  const [logLow, logHigh] = [Math.log10(low), Math.log10(high)]
  const few = Math.ceil(logHigh - 1e-9) - Math.floor(logLow + 1e-9) <= 3
  const shown = few ? [1, 2, 5] : [1]
  const ticks: Array<number> = []
  for (let exponent = Math.floor(logLow + 1e-9); exponent <= Math.ceil(logHigh - 1e-9); exponent++) {
    for (const multiple of shown) {
      const tick = Number((multiple * 10 ** exponent).toPrecision(12))
      if (tick >= low * (1 - 1e-9) && tick <= high * (1 + 1e-9)) ticks.push(tick)
    }
  }
  if (!few) {
    const apart = (a: number, b: number) => Math.abs(Math.log10(a) - Math.log10(b)) >= 0.35
    if (ticks.every((tick) => apart(tick, low))) ticks.unshift(low)
    if (ticks.every((tick) => apart(tick, high))) ticks.push(high)
  }
  return {
    scale: "log",
    low,
    high,
    ticks,
    fraction: (value) => (value > 0 ? (Math.log10(value) - logLow) / (logHigh - logLow) : -Infinity),
    format: (value) => formatNumber(value, decimalsFor(value)),
  }
}

/**
 * The axis for a chart: it must show every mean and every target's bound, and should reach every
 * `extent` (the ends of the confidence bars). Logarithmic when all of those are above zero and they
 * span `logSpread` or more; a bar reaching zero or below is then cut at the axis' floor. A bound
 * that would lie on the axis' edge, where its line would vanish into the axis, gets a little room.
 */
export const valueAxis = (
  means: ReadonlyArray<number>,
  bounds: ReadonlyArray<number>,
  extents: ReadonlyArray<number>,
): ValueAxis => {
  const axis = axisOver([...means, ...bounds], extents)
  const room = bounds.flatMap((bound) => {
    const at = axis.fraction(bound)
    if (at > 0.02 && at < 0.98) return []
    const below = at <= 0.02
    if (axis.scale === "log") return [below ? bound / 1.5 : bound * 1.5]
    const widened = bound + (below ? -0.05 : 0.05) * (axis.high - axis.low)
    return widened < 0 && axis.low >= 0 ? [] : [widened]
  })
  return room.length === 0 ? axis : axisOver([...means, ...bounds], [...extents, ...room])
}

const axisOver = (anchors: ReadonlyArray<number>, extents: ReadonlyArray<number>): ValueAxis => {
  const all = [...anchors, ...extents]
  if (all.length === 0) return linearAxis(0, 1)
  const smallestAnchor = Math.min(...anchors)
  const highest = Math.max(...all)
  if (anchors.length > 0 && smallestAnchor > 0 && highest / smallestAnchor >= logSpread) {
    // A bar's low end far below every mean would waste decades on nothing: it is cut instead.
    const reached = extents.filter((value) => value > 0 && value >= smallestAnchor / 10)
    return logAxis(Math.min(smallestAnchor, ...reached), highest)
  }
  return linearAxis(Math.min(...all), highest)
}
