/**
 * The mouse on a timeline: click or drag on the lanes seeks; drag on the time axis pans; the wheel
 * zooms around the pointer (with shift, or sideways, it pans).
 */

import type { Player } from "./player.ts"
import type { RunTimeline } from "./timeline.ts"
import { axisHeight, labelWidth } from "./timelineLayout.ts"

export const wirePointer = (timeline: RunTimeline, player: Player): void => {
  const element = timeline.element
  let dragging: { readonly mode: "seek" | "pan"; lastX: number } | undefined
  const plotWidth = () => timeline.plotWidth()
  element.addEventListener("pointerdown", (event) => {
    const box = element.getBoundingClientRect()
    if (event.clientX - box.left < labelWidth) return
    const mode = event.clientY - box.top < axisHeight ? "pan" : "seek"
    dragging = { mode, lastX: event.clientX }
    element.setPointerCapture(event.pointerId)
    if (mode === "seek") {
      player.pause()
      const at = timeline.timeAt(event.clientX)
      if (at !== undefined) player.seek(at)
    }
  })
  element.addEventListener("pointermove", (event) => {
    if (dragging === undefined) return
    if (dragging.mode === "seek") {
      const at = timeline.timeAt(event.clientX)
      if (at !== undefined) player.seek(at)
    } else {
      const span = player.view.to - player.view.from
      player.pan((-(event.clientX - dragging.lastX) / plotWidth()) * span)
    }
    dragging.lastX = event.clientX
  })
  const release = () => {
    dragging = undefined
  }
  element.addEventListener("pointerup", release)
  element.addEventListener("pointercancel", release)
  element.addEventListener(
    "wheel",
    (event) => {
      event.preventDefault()
      const span = player.view.to - player.view.from
      if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        const delta = event.shiftKey ? event.deltaY : event.deltaX
        player.pan((delta / plotWidth()) * span)
        return
      }
      const at = timeline.timeAt(event.clientX) ?? player.at
      player.zoomAround(Math.exp(-event.deltaY * 0.002), at)
    },
    { passive: false },
  )
}
