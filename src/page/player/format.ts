/** Numbers as the page shows them around its pictures (axis, labels, notices). */

/** Seconds with as many decimals as a step of `stepMicros` needs (`1.25 s`, `300 s`). */
export const formatSecondsFor = (micros: number, stepMicros: number): string => {
  const decimals = Math.min(6, Math.max(0, Math.ceil(-Math.log10(stepMicros / 1_000_000) - 1e-9)))
  return `${(micros / 1_000_000).toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals })} s`
}

/** A duration in the unit that reads best: `850 µs`, `12.5 ms`, `3.21 s`, `4.5 min`, `2.3 h`. */
export const formatDurationShort = (micros: number): string => {
  const abs = Math.abs(micros)
  if (abs < 1000) return `${micros} µs`
  if (abs < 1_000_000) return `${trim(micros / 1000)} ms`
  if (abs < 120_000_000) return `${trim(micros / 1_000_000)} s`
  if (abs < 7_200_000_000) return `${trim(micros / 60_000_000)} min`
  return `${trim(micros / 3_600_000_000)} h`
}

const trim = (value: number): string => String(Number(value.toPrecision(3)))

export const formatCount = (count: number): string => count.toLocaleString("en-US")

/** Seconds to three significant figures, as the page shows a figure beside a picture (`0.801 s`, `17.2 s`). */
export const formatSecondsShort = (micros: number): string => `${trim(micros / 1_000_000)} s`

/** The exact value behind a rounded figure, for its hover text: `0.800745 s (800,745 µs)`. */
export const formatSecondsExact = (micros: number): string =>
  `${(micros / 1_000_000).toLocaleString("en-US", { maximumFractionDigits: 6 })} s (${formatCount(micros)} µs)`
