/**
 * A list of settings, name and value, as both pages show a scenario: the ones a student reads first
 * in a line, the engine's own folded under a "details" element (view/settings.ts says which). Text
 * only: the values come from an untrusted recording or share.
 */

import { append, html } from "./dom.ts"
import { type Setting, splitSettings } from "./settings.ts"

const list = (settings: ReadonlyArray<Setting>): HTMLDListElement => {
  const element = html("dl", { class: "parameters" })
  for (const [name, value] of settings) {
    append(element, append(html("div"), html("dt", {}, name), html("dd", {}, value)))
  }
  return element
}

export const settingsList = (settings: ReadonlyArray<Setting>): HTMLElement => {
  const { shown, folded } = splitSettings(settings)
  const box = append(html("div", { class: "settings" }), list(shown))
  if (folded.length === 0) return box
  return append(
    box,
    append(
      html("details", { class: "engine-settings" }),
      html("summary", {}, "how the engine ran it"),
      list(folded),
    ),
  )
}
