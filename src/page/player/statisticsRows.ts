/**
 * The statistics table: every figure of the run's statistics object (the `--json` one), under the
 * path a sweep target names it by (`latency.p99`), with its value written exactly as JSON writes it.
 * The scenario, if the object carries one, is left to the header, which shows all of it.
 */

export interface StatisticsRow {
  readonly path: string
  readonly value: string
  readonly unit: string
}

const unitOf = (path: string): string => {
  if (/^(latency|sojourn)\.count$/.test(path)) return "items"
  if (
    /^(latency|sojourn)\./.test(path) ||
    /^(elapsed|end\.at|producers\.blockedTime|window\.(from|until))$/.test(path)
  )
    return "s"
  if (path === "throughput") return "items/s"
  if (path === "utilization.consumers") return "busy fraction"
  if (path === "dropRate") return "of produced"
  if (path === "queue.maxDepth" || path === "queue.meanDepth") return "items"
  if (/^(produced|consumed|dropped)$/.test(path)) return "items"
  if (path === "producers.blocked") return "times"
  return ""
}

const leaf = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value))

export const statisticsRows = (statistics: object): ReadonlyArray<StatisticsRow> => {
  const rows: Array<StatisticsRow> = []
  const visit = (value: unknown, path: string) => {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) {
        if (path === "" && key === "scenario") continue
        visit(inner, path === "" ? key : `${path}.${key}`)
      }
      return
    }
    rows.push({ path, value: leaf(value), unit: unitOf(path) })
  }
  visit(statistics, "")
  return rows
}
