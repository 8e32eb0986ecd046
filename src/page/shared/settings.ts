/**
 * Which of a run's settings a student reads first and which only say how the engine was built: the
 * handoff and polling interval reproduce a course program's mechanics (the mode already names it),
 * and the generator is the recorder's version. Both pages fold the latter under a "details" line.
 */

const engineSettings: ReadonlySet<string> = new Set(["handoff", "pollInterval", "generator"])

export type Setting = readonly [name: string, value: string]

/** A setting's value as the pages write it: strings as they are, null as "none", the rest as JSON. */
export const settingText = (value: unknown): string =>
  value === null ? "none" : typeof value === "string" ? value : JSON.stringify(value)

export interface SplitSettings {
  readonly shown: ReadonlyArray<Setting>
  readonly folded: ReadonlyArray<Setting>
}

/** The settings in their order, the engine's own set apart. */
export const splitSettings = (settings: ReadonlyArray<Setting>): SplitSettings => ({
  shown: settings.filter(([name]) => !engineSettings.has(name)),
  folded: settings.filter(([name]) => engineSettings.has(name)),
})
