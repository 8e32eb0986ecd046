/** What each mark of the timeline means, in words beside a sample of it (not colour alone). */
import { append, html, svg } from "../shared/dom.ts"
import { markPatterns } from "./patterns.ts"

const sample = (...children: ReadonlyArray<SVGElement>) =>
  append(svg("svg", { width: 26, height: 14, viewBox: "0 0 26 14", "aria-hidden": "true" }), ...children)

/** A pipeline's own marks, added when the page shows one. */
const pipelineEntries = (): ReadonlyArray<readonly [SVGSVGElement, string]> => [
  [
    sample(
      svg("rect", { x: 1, y: 1, width: 24, height: 12, fill: "url(#legend-blocked)", class: "blocked" }),
    ),
    "worker held by a full queue below",
  ],
  [
    sample(svg("rect", { x: 1, y: 1, width: 24, height: 12, class: "busy stage-2 failed" })),
    "failed attempt",
  ],
  [sample(svg("text", { x: 7, y: 12, class: "retry-mark" }, "↻")), "item retried: back in its stage's queue"],
  [
    sample(svg("rect", { x: 1, y: 1, width: 24, height: 12, class: "stage-heading stage-1" })),
    "a stage: its workers, then its queue; point at an item to see its path",
  ],
]

export const legend = (pipeline = false): HTMLElement => {
  const worker = pipeline ? "worker" : "consumer"
  const singleQueueEntries: ReadonlyArray<readonly [SVGSVGElement, string]> = pipeline
    ? []
    : [
        [
          sample(svg("rect", { x: 1, y: 1, width: 24, height: 12, fill: "url(#legend-poll)" })),
          "idle, polling (threads)",
        ],
        [
          sample(
            svg("rect", { x: 1, y: 4, width: 24, height: 5, class: "wait picked" }),
            svg("rect", { x: 1, y: 4, width: 2, height: 5, class: "wait-start" }),
            svg("rect", { x: 23, y: 4, width: 2, height: 5, class: "wait-end" }),
          ),
          "an item's wait, creation → pick-up",
        ],
      ]
  const entries: ReadonlyArray<readonly [SVGSVGElement, string]> = [
    [
      sample(svg("path", { class: "stamp", d: "M8 1L18 1L13 10Z" })),
      "item stamped (#n: the producer's count)",
    ],
    [sample(svg("line", { class: "pause", x1: 1, x2: 25, y1: 7, y2: 7 })), "producer's pause"],
    [
      sample(
        svg("rect", { x: 1, y: 1, width: 24, height: 12, fill: "url(#legend-blocked)", class: "blocked" }),
      ),
      "blocked on a full queue",
    ],
    [
      sample(svg("rect", { x: 1, y: 1, width: 24, height: 12, class: "busy" })),
      `${worker} busy (the item's value)`,
    ],
    [sample(svg("line", { class: "idle", x1: 1, x2: 25, y1: 7, y2: 7 })), `${worker} idle`],
    // A pipeline has neither polling workers nor a waits lane (its queues' depths say it).
    ...singleQueueEntries,
    [
      sample(svg("text", { x: 7, y: 12, class: "drop-mark" }, "✕")),
      pipeline ? "item dropped, evicted or dead-lettered" : "item dropped or evicted",
    ],
    [sample(svg("path", { class: "depth-line", d: "M1 12H8V6H16V9H25" })), "items waiting in the queue"],
    ...(pipeline ? pipelineEntries() : []),
  ]
  const defs = append(
    svg("svg", { width: 0, height: 0, "aria-hidden": "true", class: "legend-defs" }),
    markPatterns("legend"),
  )
  const list = html("ul", { class: "legend" })
  for (const [swatch, text] of entries) append(list, append(html("li"), swatch, html("span", {}, text)))
  return append(html("div", { class: "legend-box" }), defs, list)
}
