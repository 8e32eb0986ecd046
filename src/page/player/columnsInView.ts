/**
 * The time columns of a run, regrouped for the pixels of the current view: columns narrower than a
 * pixel join (sums add, extremes combine), wider ones are cut to the view. Each group answers
 * fractions and means, which is what the aggregate lanes draw.
 */
import type { DepthColumns, TimeColumns } from "../../core/pageData/pageData.ts"
import type { TimeView } from "./timeView.ts"

export interface ColumnGroup {
  readonly from: number
  readonly to: number
  /** Per lane: busy (consumers) or blocked (producers) fraction of the group's time (a lane of many: its members' mean). */
  readonly spanFraction: ReadonlyArray<number>
  /** Per lane: items stamped or picked up. */
  readonly items: ReadonlyArray<number>
  readonly depthMin: number | null
  readonly depthMax: number | null
  readonly depthMean: number
  readonly dropped: number
  readonly picked: number
  /** Mean and longest wait of the items picked up, microseconds (0 when none). */
  readonly waitMean: number
  readonly waitMax: number
  /** In a pipeline: each stage's queue depth, and per lane the fraction its workers were held by a full queue below. */
  readonly stageDepths?: ReadonlyArray<StageDepthGroup>
  readonly heldFraction?: ReadonlyArray<number>
}

export interface StageDepthGroup {
  readonly depthMin: number | null
  readonly depthMax: number | null
  readonly depthMean: number
  /** Items its full queue dropped (a pipeline stage's). */
  readonly dropped?: number
}

/** Least, greatest and time-weighted mean of a queue's depth over columns [start, stop). */
const depthOver = (columns: DepthColumns, start: number, stop: number, time: number): StageDepthGroup => {
  let depthMin: number | null = null
  let depthMax: number | null = null
  let area = 0
  for (let column = start; column < stop; column++) {
    const low = columns.depthMin[column] ?? null
    const high = columns.depthMax[column] ?? null
    if (low !== null) depthMin = depthMin === null ? low : Math.min(depthMin, low)
    if (high !== null) depthMax = depthMax === null ? high : Math.max(depthMax, high)
    area += columns.depthArea[column] ?? 0
  }
  return { depthMin, depthMax, depthMean: area / time }
}

export const columnGroups = (
  columns: TimeColumns,
  view: TimeView,
  widthPixels: number,
  endAt: number,
  consumers: ReadonlyArray<number>,
  /** Per lane, how many actors it stands for (absent: one). */
  members: ReadonlyArray<number> = [],
): ReadonlyArray<ColumnGroup> => {
  const { width } = columns
  const first = Math.max(0, Math.floor(view.from / width))
  const last = Math.min(columns.count, Math.ceil(Math.min(view.to, endAt) / width))
  // Columns per group: as many as share a pixel, at least one.
  const perGroup = Math.max(1, Math.floor((last - first) / Math.max(1, widthPixels)))
  const groups: Array<ColumnGroup> = []
  const actorCount = columns.spanMicros.length
  for (let start = first; start < last; start += perGroup) {
    const stop = Math.min(last, start + perGroup)
    const from = Math.max(view.from, start * width)
    const to = Math.min(view.to, endAt, stop * width)
    // The columns' own time (the last one may run past the end).
    const time = Math.max(1, Math.min(stop * width, endAt) - start * width)
    const span = new Array<number>(actorCount).fill(0)
    const items = new Array<number>(actorCount).fill(0)
    let dropped = 0
    let waitSum = 0
    let waitMax = 0
    for (let column = start; column < stop; column++) {
      for (let actor = 0; actor < actorCount; actor++) {
        span[actor] = (span[actor] as number) + (columns.spanMicros[actor]?.[column] ?? 0)
        items[actor] = (items[actor] as number) + (columns.itemCount[actor]?.[column] ?? 0)
      }
      dropped += columns.dropped[column] ?? 0
      waitSum += columns.waitSum[column] ?? 0
      waitMax = Math.max(waitMax, columns.waitMax[column] ?? 0)
    }
    const picked = consumers.reduce((sum, actor) => sum + (items[actor] ?? 0), 0)
    const fractionOf = (micros: number, actor: number) => Math.min(1, micros / time / (members[actor] ?? 1))
    const { heldMicros, stageDepths } = columns
    groups.push({
      from,
      to,
      spanFraction: span.map(fractionOf),
      items,
      ...depthOver(columns, start, stop, time),
      dropped,
      picked,
      waitMean: picked > 0 ? waitSum / picked : 0,
      waitMax,
      ...(stageDepths === undefined || heldMicros === undefined
        ? {}
        : {
            stageDepths: stageDepths.map((depths) => {
              let dropped = 0
              for (let column = start; column < stop; column++) dropped += depths.dropped?.[column] ?? 0
              return { ...depthOver(depths, start, stop, time), dropped }
            }),
            heldFraction: heldMicros.map((micros, actor) => {
              let sum = 0
              for (let column = start; column < stop; column++) sum += micros[column] ?? 0
              return fractionOf(sum, actor)
            }),
          }),
    })
  }
  return groups
}
