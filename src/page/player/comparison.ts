/**
 * What a comparison page says about its runs: which settings differ between them (the modes are
 * named anyway), so that a page comparing sync's one producer with async's two does not claim the
 * same scenario for both.
 */
import type { RunHeader } from "../../core/engine/events.ts"
import { settingText } from "../shared/settings.ts"

export interface Difference {
  readonly name: string
  /** Each run's value, in the runs' order. */
  readonly values: ReadonlyArray<string>
}

/** The scenario settings, other than the mode, whose values are not the same in every run. */
export const scenarioDifferences = (headers: ReadonlyArray<RunHeader>): ReadonlyArray<Difference> => {
  const names = [...new Set(headers.flatMap((header) => Object.keys(header.scenario)))].filter(
    (name) => name !== "mode",
  )
  return names.flatMap((name) => {
    const values = headers.map((header) =>
      settingText((header.scenario as Readonly<Record<string, unknown>>)[name]),
    )
    return new Set(values).size > 1 ? [{ name, values }] : []
  })
}

/** "sync vs async on one time axis with one playhead: they differ in producers (sync 1, async 2); ..." */
export const comparisonSubtitle = (headers: ReadonlyArray<RunHeader>): string => {
  const modes = headers.map((header) => header.mode)
  const names = headers.map((header, index) =>
    modes.indexOf(header.mode) === modes.lastIndexOf(header.mode) ? header.mode : `run ${index + 1}`,
  )
  const differences = scenarioDifferences(headers)
  if (differences.length === 0) {
    return `${modes.join(" vs ")}: the same scenario and seed in each mode, on one time axis with one playhead`
  }
  const listed = differences.map(
    ({ name, values }) => `${name} (${values.map((value, index) => `${names[index]} ${value}`).join(", ")})`,
  )
  return `${modes.join(" vs ")} on one time axis with one playhead: they differ in ${listed.join(", ")}; everything else is the same`
}
