/**
 * On a comparison page, the switch between one scale for every run (the queue depth's and the latency
 * histogram's: 20 waiting items look like five times 4) and each run on its own (a small run's
 * detail shows, but pictures can no longer be compared by eye).
 */
import { append, html } from "../shared/dom.ts"

export const scalesSwitch = (shared: boolean, change: (shared: boolean) => void): HTMLLabelElement => {
  const input = html("input", { type: "checkbox", "data-role": "shared-scales" })
  input.checked = shared
  input.addEventListener("change", () => change(input.checked))
  const label = append(html("label", { class: "scales-switch" }), input)
  label.append(" the same scales in every run (queue depth, latency histogram)")
  // Clicking must not leave focus on the box, where the player's space would tick it again.
  label.addEventListener("mousedown", (event) => event.preventDefault())
  return label
}
