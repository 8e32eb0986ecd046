/**
 * The lines pane (`data-role="lines"`), "What the program printed so far": the course's coloured
 * lines up to the playhead, its instant included (view/paneLines.ts), newest at the bottom. Redrawn only when what it shows changes.
 */

import { html } from "../shared/dom.ts"
import { type PaneLine, paneLinesAt } from "./paneLines.ts"
import type { PreparedRun } from "./preparedRun.ts"

/** Lines kept on screen; earlier ones are counted in a note. */
const mostLines = 400

const key = (lines: ReadonlyArray<PaneLine>) =>
  `${lines.length}:${lines[lines.length - 1]?.text}:${lines[lines.length - 2]?.text}`

export class LinesPane {
  readonly element = html("div", {
    class: "lines",
    "data-role": "lines",
    tabindex: "0",
    "aria-label": "what the program printed so far",
  })
  private readonly prepared: PreparedRun
  private shown = ""

  constructor(prepared: PreparedRun) {
    this.prepared = prepared
  }

  update(at: number): void {
    const { lines } = paneLinesAt(this.prepared, at, mostLines)
    const now = key(lines)
    if (now === this.shown) return
    this.shown = now
    this.element.replaceChildren(
      ...lines.map((line) =>
        line.kind === "line"
          ? html("div", { class: `line ${line.color}` }, line.text)
          : html("div", { class: "note" }, line.text),
      ),
    )
    this.element.scrollTop = this.element.scrollHeight
  }
}
