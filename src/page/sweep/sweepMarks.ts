/**
 * The sweep page's marks, shared by its charts and legend: each verdict's shape (a filled circle for
 * met, a cross for missed, a hollow diamond for undecided: they read without colour), each series'
 * colour and dash pattern, and a mean with its confidence bar.
 */

import { svg } from "../shared/dom.ts"
import type { Verdict } from "./metricChart.ts"

/** A verdict's shape, centred on (x, y), about `size` across. */
export const verdictShape = (verdict: Verdict, x: number, y: number, size: number): SVGElement => {
  const half = size / 2
  const at = (dx: number, dy: number) => `${(x + dx).toFixed(1)} ${(y + dy).toFixed(1)}`
  switch (verdict) {
    case "met":
      return svg("circle", { class: "verdict-shape met", cx: x.toFixed(1), cy: y.toFixed(1), r: half })
    case "missed": {
      const arm = half * 0.85
      return svg("path", {
        class: "verdict-shape missed",
        d: `M${at(-arm, -arm)}L${at(arm, arm)}M${at(-arm, arm)}L${at(arm, -arm)}`,
      })
    }
    case "undecided": {
      const reach = half * 1.15
      return svg("path", {
        class: "verdict-shape undecided",
        d: `M${at(0, -reach)}L${at(reach, 0)}L${at(0, reach)}L${at(-reach, 0)}Z`,
      })
    }
  }
}

/** Six colours and four dash patterns, each going round on its own: twelve series before one repeats. */
export const seriesColours = 6
const dashes = ["", "7 4", "2 3", "9 3 2 3"] as const

export const seriesClass = (series: number): string => `series-${series % seriesColours}`

export const seriesDash = (series: number): string | undefined => dashes[series % dashes.length] || undefined

/** A confidence bar at `x` from `top` to `bottom`, capped at each end the axis did not cut. */
export const confidenceBar = (
  x: number,
  bar: {
    readonly top: number
    readonly bottom: number
    readonly cutTop: boolean
    readonly cutBottom: boolean
  },
  series: number,
): SVGElement => {
  const cap = (at: number) => `M${(x - 4).toFixed(1)} ${at.toFixed(1)}H${(x + 4).toFixed(1)}`
  const path = `M${x.toFixed(1)} ${bar.top.toFixed(1)}V${bar.bottom.toFixed(1)}${bar.cutTop ? "" : cap(bar.top)}${bar.cutBottom ? "" : cap(bar.bottom)}`
  return svg("path", { class: `ci-bar ${seriesClass(series)}`, d: path })
}
