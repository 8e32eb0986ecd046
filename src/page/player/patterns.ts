/** The fill patterns that mark blocked time (stripes) and polling (dots), with ids under `prefix`. */
import { append, svg } from "../shared/dom.ts"

export const markPatterns = (prefix: string): SVGDefsElement =>
  append(
    svg("defs"),
    append(
      svg("pattern", {
        id: `${prefix}-blocked`,
        width: 6,
        height: 6,
        patternUnits: "userSpaceOnUse",
        patternTransform: "rotate(45)",
      }),
      svg("rect", { width: 6, height: 6, class: "blocked-bg" }),
      svg("rect", { width: 2.5, height: 6, class: "blocked-stripe" }),
    ),
    append(
      svg("pattern", { id: `${prefix}-poll`, width: 6, height: 6, patternUnits: "userSpaceOnUse" }),
      svg("circle", { cx: 3, cy: 3, r: 0.9, class: "poll-dot" }),
    ),
  )
