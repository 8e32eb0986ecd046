/** What each mark of the sweep's charts means, in words beside a sample of it (not colour alone). */

import { append, html, svg } from "../shared/dom.ts"
import type { SweepLayout } from "./sweepLayout.ts"
import { confidenceBar, seriesClass, seriesDash, verdictShape } from "./sweepMarks.ts"

const sample = (...children: ReadonlyArray<SVGElement>) =>
  append(svg("svg", { width: 30, height: 18, viewBox: "0 0 30 18", "aria-hidden": "true" }), ...children)

export const sweepLegend = (layout: SweepLayout, confidence: number, hasTargets: boolean): HTMLElement => {
  const entries: Array<readonly [SVGSVGElement, string]> = [
    [
      sample(
        confidenceBar(15, { top: 2, bottom: 16, cutTop: false, cutBottom: false }, 0),
        svg("circle", { class: `mean ${seriesClass(0)}`, cx: 15, cy: 9, r: 3.5 }),
      ),
      `mean over the replications, with its ${Math.round(confidence * 100)}% confidence interval`,
    ],
  ]
  if (hasTargets) {
    entries.push(
      [sample(svg("line", { class: "target-line", x1: 1, x2: 29, y1: 9, y2: 9 })), "target's bound"],
      [sample(verdictShape("met", 15, 9, 9)), "met: the whole interval is on the target's side"],
      [sample(verdictShape("missed", 15, 9, 9)), "missed: the whole interval is on the other side"],
      [
        sample(verdictShape("undecided", 15, 9, 9)),
        "undecided: the interval straddles the bound (+N: about N more replications would decide it)",
      ],
    )
  }
  if (layout.series.length > 1) {
    layout.series.forEach((series, index) => {
      entries.push([
        sample(
          svg("line", {
            class: `series-line ${seriesClass(index)}`,
            x1: 1,
            x2: 29,
            y1: 9,
            y2: 9,
            "stroke-dasharray": seriesDash(index),
          }),
          svg("circle", { class: `mean ${seriesClass(index)}`, cx: 15, cy: 9, r: 3.5 }),
        ),
        series.label,
      ])
    })
  }
  const list = html("ul", { class: "legend", "data-role": "legend" })
  for (const [swatch, text] of entries) append(list, append(html("li"), swatch, html("span", {}, text)))
  return append(html("div", { class: "legend-box" }), list)
}
