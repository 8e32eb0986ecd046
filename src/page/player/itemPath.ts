/**
 * Pointing at one of a pipeline item's marks (a busy span, a held span, a retry, a dead letter)
 * highlights every mark of the same item on the timeline: its path through the stages. The marks
 * carry their item (`data-item`); the timeline is dimmed around them while the pointer is there.
 */
export const wireItemPath = (timeline: SVGSVGElement, signal: AbortSignal): void => {
  let shown: number | undefined
  const clear = () => {
    shown = undefined
    timeline.classList.remove("pointing")
    for (const mark of timeline.querySelectorAll(".on-path")) mark.classList.remove("on-path")
    delete timeline.dataset.pointedItem
  }
  timeline.addEventListener(
    "pointerover",
    (event) => {
      const mark = event.target instanceof Element ? event.target.closest("[data-item]") : null
      const item = mark === null ? undefined : Number(mark.getAttribute("data-item"))
      if (item === shown) return
      clear()
      if (item === undefined || !Number.isFinite(item)) return
      shown = item
      timeline.classList.add("pointing")
      timeline.dataset.pointedItem = String(item)
      for (const onPath of timeline.querySelectorAll(`[data-item="${item}"]`)) onPath.classList.add("on-path")
    },
    { signal },
  )
  timeline.addEventListener("pointerleave", clear, { signal })
}
