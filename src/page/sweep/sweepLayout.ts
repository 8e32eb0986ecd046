/**
 * Where each configuration of a sweep stands in the page's charts: which varied parameter runs
 * along the horizontal axis, how its values are spaced, and which series each row belongs to.
 *
 * The axis is the first varied parameter whose values have an order (numbers, with capacity or
 * timeout `none`, unbounded, after them), else the first one. Numbers with gaps of much the same
 * size stand at their values (a linear axis); other ordered values stand evenly spaced in
 * ascending order; values without an order (distributions, modes) stand evenly spaced in the order
 * they were given, and no line joins them. Each combination of the other parameters' values is one
 * series, in grid order.
 */
import { formatValue } from "../../core/sweep/figures.ts"
import type { ParameterValue, Row } from "../../core/sweep/resultSchema.ts"

type Value = typeof ParameterValue.Type

export type AxisKind = "linear" | "ordered" | "categories"

export interface AxisValue {
  readonly value: Value
  readonly label: string
  /** From 0 to 1 along the axis. */
  readonly position: number
}

export interface Series {
  /** `capacity=5`, or `capacity=5, process=exp(1s)`; empty when there is one series only. */
  readonly label: string
  readonly values: ReadonlyArray<Value>
}

export interface Place {
  /** Index into `values`. */
  readonly value: number
  /** Index into `series`. */
  readonly series: number
}

export interface SweepLayout {
  /** The parameter along the axis; undefined when nothing was varied (one configuration). */
  readonly parameter: string | undefined
  readonly kind: AxisKind
  /** In the axis' order. */
  readonly values: ReadonlyArray<AxisValue>
  readonly seriesParameters: ReadonlyArray<string>
  readonly series: ReadonlyArray<Series>
  /** For each row of the result, in its order. */
  readonly places: ReadonlyArray<Place>
  /** Lines join each series' points: the axis' values have an order. */
  readonly joined: boolean
}

/** Numbers stand at their values while the widest gap is at most this many times the narrowest. */
export const evenGapRatio = 4

const key = (value: Value): string => JSON.stringify(value)

/** Numbers, or none (null) for unbounded, with at least one number. */
export const hasOrder = (values: ReadonlyArray<Value>): boolean =>
  values.some((value) => typeof value === "number") &&
  values.every((value) => value === null || typeof value === "number")

const ascending = (a: Value, b: Value): number =>
  (a === null ? Number.POSITIVE_INFINITY : (a as number)) -
  (b === null ? Number.POSITIVE_INFINITY : (b as number))

const distinct = (values: ReadonlyArray<Value>): ReadonlyArray<Value> => [
  ...new Map(values.map((value) => [key(value), value])).values(),
]

/** How values along the axis are spaced, and in what order. */
export const axisValues = (
  given: ReadonlyArray<Value>,
): { readonly kind: AxisKind; readonly values: ReadonlyArray<AxisValue> } => {
  const values = distinct(given)
  const evenly = (ordered: ReadonlyArray<Value>) =>
    ordered.map((value, index) => ({
      value,
      label: formatValue(value),
      position: ordered.length === 1 ? 0.5 : index / (ordered.length - 1),
    }))
  if (!hasOrder(values)) return { kind: "categories", values: evenly(values) }
  const sorted = [...values].sort(ascending)
  const numbers = sorted.filter((value): value is number => typeof value === "number")
  const gaps = numbers.slice(1).map((value, index) => value - (numbers[index] as number))
  const linear =
    numbers.length === sorted.length &&
    numbers.length > 1 &&
    Math.max(...gaps) <= evenGapRatio * Math.min(...gaps)
  if (!linear) return { kind: "ordered", values: evenly(sorted) }
  const [lowest = 0, highest = 1] = [numbers[0], numbers.at(-1)]
  return {
    kind: "linear",
    values: numbers.map((value) => ({
      value,
      label: formatValue(value),
      position: (value - lowest) / (highest - lowest),
    })),
  }
}

export const sweepLayout = (
  varied: ReadonlyArray<{ readonly name: string; readonly values: ReadonlyArray<Value> }>,
  rows: ReadonlyArray<Pick<Row, "parameters">>,
): SweepLayout => {
  const axis = varied.find(({ values }) => hasOrder(values)) ?? varied[0]
  if (axis === undefined) {
    return {
      parameter: undefined,
      kind: "categories",
      values: [{ value: null, label: "the scenario", position: 0.5 }],
      seriesParameters: [],
      series: [{ label: "", values: [] }],
      places: rows.map(() => ({ value: 0, series: 0 })),
      joined: false,
    }
  }
  const { kind, values } = axisValues(axis.values)
  const valueIndex = new Map(values.map((value, index) => [key(value.value), index]))
  const seriesParameters = varied.filter(({ name }) => name !== axis.name).map(({ name }) => name)
  const series: Array<Series> = []
  const seriesIndex = new Map<string, number>()
  const places = rows.map((row): Place => {
    const seriesValues = seriesParameters.map((name) => row.parameters[name] ?? null)
    const seriesKey = JSON.stringify(seriesValues)
    let index = seriesIndex.get(seriesKey)
    if (index === undefined) {
      index = series.length
      seriesIndex.set(seriesKey, index)
      series.push({
        label: seriesParameters
          .map((name, at) => `${name}=${formatValue(seriesValues[at] ?? null)}`)
          .join(", "),
        values: seriesValues,
      })
    }
    return { value: valueIndex.get(key(row.parameters[axis.name] ?? null)) ?? 0, series: index }
  })
  return {
    parameter: axis.name,
    kind,
    values,
    seriesParameters,
    series,
    places,
    joined: kind !== "categories",
  }
}

/**
 * Horizontal offsets, in pixels, that set a value's points side by side, one per series, so their
 * bars do not hide each other: centred on the value, at most `widest` apart, and all within
 * `room` (the space the value has along the axis).
 */
export const seriesOffsets = (count: number, room: number, widest = 14): ReadonlyArray<number> => {
  if (count <= 1) return [0]
  const step = Math.min(widest, (room * 0.7) / count)
  return Array.from({ length: count }, (_, index) => (index - (count - 1) / 2) * step)
}

export interface Placement {
  /** The pixel at which a value's point stands, for one series (side by side with the others). */
  readonly x: (place: Place) => number
  /** The pixel of a value itself (its tick, its verdicts). */
  readonly valueX: (value: number) => number
  /** Room each value has along the axis, in pixels. */
  readonly slot: number
}

/**
 * Places the layout's values on `width` pixels from `left`: each value gets a band around it, the
 * narrowest band as wide as the closest two values are apart, so no point sits on the plot's edge.
 */
export const placement = (layout: SweepLayout, left: number, width: number): Placement => {
  const positions = layout.values.map(({ position }) => position).sort((a, b) => a - b)
  const gaps = positions.slice(1).map((position, index) => position - (positions[index] as number))
  const narrowest = gaps.length === 0 ? 1 : Math.max(1e-6, Math.min(...gaps))
  const inner = width / (1 + narrowest)
  const inset = (width - inner) / 2
  const slot = narrowest * inner
  const offsets = seriesOffsets(layout.series.length, slot)
  const valueX = (value: number) => left + inset + (layout.values[value]?.position ?? 0.5) * inner
  return { x: (place) => valueX(place.value) + (offsets[place.series] ?? 0), valueX, slot }
}
