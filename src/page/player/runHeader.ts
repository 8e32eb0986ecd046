/**
 * A run's header: mode, seed, how it ended, and every scenario parameter as the recording holds
 * it, plus the clock and the generator (the engine's own settings folded away). A pipeline's
 * header leaves out the single queue's settings its stages replace. All of it comes from the
 * recording: text only.
 */
import type { PageRun } from "../../core/pageData/pageRun.ts"
import { append, html } from "../shared/dom.ts"
import { settingText } from "../shared/settings.ts"
import { settingsList } from "../shared/settingsList.ts"
import { formatSecondsExact } from "./format.ts"

/** What a pipeline's stages set for themselves, in place of the single queue's. */
const singleQueueSettings: ReadonlyArray<string> = ["consumers", "capacity", "whenFull", "process"]

export const runHeader = (run: PageRun): HTMLElement => {
  const { header, end } = run
  const title = html(
    "h2",
    { title: `${end.reason} at ${formatSecondsExact(end.at)}` },
    `${header.mode} · seed ${header.seed} · ${end.reason} at ${(end.at / 1e6).toFixed(3)} s`,
  )
  const replaced = header.scenario.stages === undefined ? [] : singleQueueSettings
  const settings = [
    ...Object.entries(header.scenario).filter(([name]) => !replaced.includes(name)),
    ["generator", header.generator],
  ].map(([name, value]) => [String(name), settingText(value)] as const)
  return append(html("header", { class: "run-head" }), title, settingsList(settings))
}
