/** The player's controls: play/pause, step, speed, zoom, and the time readout, with the keys' help. */

import { append, html } from "../shared/dom.ts"
import { formatSecondsFor } from "./format.ts"
import { keyHelp, type PlayerAction } from "./keys.ts"
import { playSpeeds } from "./playhead.ts"

export interface Controls {
  readonly element: HTMLElement
  readonly showTime: (at: number) => void
  readonly showState: (state: { readonly playing: boolean; readonly speed: number }) => void
}

export const makeControls = (
  end: number,
  act: (action: PlayerAction) => void,
  setSpeed: (speed: number) => void,
): Controls => {
  const button = (text: string, title: string, action: PlayerAction, role?: string) => {
    const element = html("button", { type: "button", title, "data-action": role ?? action }, text)
    // Clicking must not leave focus on the button, where space would press it again.
    element.addEventListener("mousedown", (event) => event.preventDefault())
    element.addEventListener("click", () => act(action))
    return element
  }
  const play = button("▶ Play", "play or pause (space)", "toggle-play")
  const speed = html("select", { title: "speed, times the recorded pace (+ −)", "data-role": "speed" })
  for (const value of playSpeeds) speed.appendChild(html("option", { value: String(value) }, `${value}×`))
  speed.addEventListener("change", () => setSpeed(Number(speed.value)))
  const time = html("output", { class: "time", "data-role": "time" })
  const total = formatSecondsFor(end, 1000)
  const element = append(
    html("div", { class: "controls", role: "toolbar" }),
    play,
    button("‹ event", "previous event (,)", "step-back"),
    button("event ›", "next event (.)", "step-forward"),
    append(html("label", {}, "speed "), speed),
    button("−", "zoom out (↓)", "zoom-out"),
    button("+", "zoom in (↑)", "zoom-in"),
    button("fit", "whole run (f)", "fit"),
    time,
    html("span", { class: "keys" }, keyHelp),
  )
  return {
    element,
    showTime: (at) => {
      time.textContent = `t = ${formatSecondsFor(at, 1000)} of ${total}`
    },
    showState: ({ playing, speed: current }) => {
      play.textContent = playing ? "❚❚ Pause" : "▶ Play"
      speed.value = String(current)
    },
  }
}
