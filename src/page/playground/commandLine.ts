/**
 * The command line that writes the same recording as the playground's run: `npm run simulate --`
 * and a flag for each setting given, in the order the settings are listed, quoted for a POSIX shell
 * where a value needs it (`uniform(500ms,1500ms)` has parentheses); and the one that prints the same
 * result as its sweep (`npm run sweep -- ... --json`).
 */
import { flagName, type ScenarioInput } from "../../core/scenario/scenario.ts"
import { settableKeys } from "../../core/scenario/scenarioJson.ts"
import { stageText } from "../../core/scenario/stageText.ts"

const plainWord = /^[A-Za-z0-9._,:/=+-]+$/

/** `value` as one shell word. */
export const shellWord = (value: string): string =>
  plainWord.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`

/**
 * The flags of `input`. A null timeout is `--timeout none`; a null capacity is the command line's
 * default (unbounded) except for trio, whose bound no flag can lift: that one answers undefined.
 */
const scenarioFlags = (input: ScenarioInput): Array<string> | undefined => {
  const words: Array<string> = []
  for (const key of settableKeys) {
    const value = input[key]
    if (value === undefined) continue
    if (value === null) {
      if (key === "timeout") words.push(flagName(key), "none")
      else if (input.mode === "trio") return undefined
      continue
    }
    if (key === "stages") {
      for (const stage of input.stages ?? []) words.push(flagName(key), shellWord(stageText(stage)))
      continue
    }
    words.push(flagName(key), shellWord(String(value)))
  }
  return words
}

export const simulateCommandLine = (input: ScenarioInput): string | undefined => {
  const flags = scenarioFlags(input)
  return flags === undefined ? undefined : ["npm", "run", "simulate", "--", ...flags].join(" ")
}

/** A sweep's own flags, as typed in the page: each `--vary` and `--target` text, the replications, the warm-up. */
export interface SweepFlagTexts {
  readonly vary: ReadonlyArray<string>
  readonly replications: number
  readonly warmup: string | undefined
  readonly targets: ReadonlyArray<string>
}

export const sweepCommandLine = (input: ScenarioInput, sweep: SweepFlagTexts): string | undefined => {
  const flags = scenarioFlags(input)
  if (flags === undefined) return undefined
  return [
    ...["npm", "run", "sweep", "--", ...flags],
    ...sweep.vary.flatMap((text) => ["--vary", shellWord(text)]),
    ...["--replications", String(sweep.replications)],
    ...(sweep.warmup === undefined ? [] : ["--warmup", shellWord(sweep.warmup)]),
    ...sweep.targets.flatMap((text) => ["--target", shellWord(text)]),
    "--json",
  ].join(" ")
}
