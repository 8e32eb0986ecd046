/**
 * A run's header: mode, seed, how it ended, and every scenario parameter as the recording holds
 * it, plus the clock and the generator. All of it comes from the recording: text only.
 */
import type { PageRun } from "../pageRun.ts"
import { formatDurationShort } from "../view/format.ts"
import { append, html } from "./dom.ts"

const shown = (value: unknown): string =>
  value === null ? "none" : typeof value === "string" ? value : JSON.stringify(value)

export const runHeader = (run: PageRun): HTMLElement => {
  const { header, end } = run
  const title = html(
    "h2",
    {},
    `${header.mode} · seed ${header.seed} · ${end.reason} at ${(end.at / 1e6).toFixed(3)} s`,
  )
  const list = html("dl", { class: "parameters" })
  const entries: Array<readonly [string, unknown]> = [
    ...Object.entries(header.scenario),
    ["end", `${end.reason} at ${formatDurationShort(end.at)} (${end.at} µs)`],
    ["generator", header.generator],
  ]
  for (const [name, value] of entries) {
    append(list, append(html("div"), html("dt", {}, name), html("dd", {}, shown(value))))
  }
  return append(html("header", { class: "run-head" }), title, list)
}
