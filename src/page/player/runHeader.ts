/**
 * A run's header: mode, seed, how it ended, and every scenario parameter as the recording holds
 * it, plus the clock and the generator (the engine's own settings folded away). A pipeline's
 * header leaves out the single queue's settings its stages replace. All of it comes from the
 * recording: text only.
 */
import type { PageRun } from "../../core/pageData/pageRun.ts"
import { append, html } from "../shared/dom.ts"
import { type Setting, settingText } from "../shared/settings.ts"
import { settingsList } from "../shared/settingsList.ts"
import { formatSecondsExact } from "./format.ts"

/** What a pipeline's stages set for themselves, in place of the single queue's. */
const singleQueueSettings: ReadonlyArray<string> = ["consumers", "capacity", "whenFull", "process"]

/** A stage a line, its name then its keys, so that a phone's narrow header wraps between them. */
const stageSettings = (stages: ReadonlyArray<{ readonly name: string }>): ReadonlyArray<Setting> =>
  stages.map((stage, index) => {
    const { name, ...keys } = stage
    const values = Object.entries(keys).map(([key, value]) => `${key} ${settingText(value)}`)
    return [`stage ${index + 1}`, `${name}: ${values.join(", ")}`] as const
  })

export const runHeader = (run: PageRun): HTMLElement => {
  const { header, end } = run
  const title = html(
    "h2",
    { title: `${end.reason} at ${formatSecondsExact(end.at)}` },
    `${header.mode} · seed ${header.seed} · ${end.reason} at ${(end.at / 1e6).toFixed(3)} s`,
  )
  const replaced = header.scenario.stages === undefined ? [] : singleQueueSettings
  const settings: ReadonlyArray<Setting> = [
    ...Object.entries(header.scenario)
      .filter(([name]) => !replaced.includes(name))
      .flatMap(([name, value]) =>
        name === "stages"
          ? stageSettings(header.scenario.stages ?? [])
          : [[name, settingText(value)] as const],
      ),
    ["generator", header.generator],
  ]
  return append(html("header", { class: "run-head" }), title, settingsList(settings))
}
