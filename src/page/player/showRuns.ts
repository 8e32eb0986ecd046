/**
 * Shows runs in the player: a section per run (stacked on one time axis when comparing, on shared
 * scales unless the reader frees them), the player wired to the controls, the keyboard, the mouse
 * and (if asked) the address's `#t=`. The run page shows its embedded runs once; the playground
 * shows each new run (or two compared) in place of the last, so everything it hooks can be undone.
 */
import type { PageDocument } from "../../core/pageData/pageRun.ts"
import { append, html } from "../shared/dom.ts"
import { comparisonSubtitle } from "./comparison.ts"
import { makeControls } from "./controls.ts"
import { formatCount } from "./format.ts"
import { histogramScale, sharedHistogramScale } from "./histogramChart.ts"
import { wireItemPath } from "./itemPath.ts"
import { actionOfKey } from "./keys.ts"
import { legend } from "./legend.ts"
import { Player, type PlayerScreen } from "./player.ts"
import { distinctInstants, formatTimeHash, parseTimeHash } from "./playhead.ts"
import { wirePointer } from "./pointer.ts"
import { prepareRun } from "./preparedRun.ts"
import { RunSection } from "./runSection.ts"
import { scalesSwitch } from "./scalesSwitch.ts"

const subtitle = (page: PageDocument): string => {
  if (page.runs.length !== 1) return comparisonSubtitle(page.runs.map((run) => run.header))
  const [run] = page.runs
  if (run === undefined) return ""
  return `mode ${run.header.mode}, seed ${run.header.seed}: ${formatCount(run.statistics.produced)} items made, ${formatCount(run.statistics.consumed)} consumed, in ${(run.end.at / 1e6).toFixed(3)} s`
}

export interface ShowRunsOptions {
  /** Put first in the runs' header (the page's title). */
  readonly title?: Element | undefined
  /** Put last in the runs' header (the theme switch). */
  readonly headEnd?: Element | undefined
  /** Whether the address's `#t=` seeks the player (the run page's links to an instant). */
  readonly followTimeHash: boolean
}

export interface ShownRuns {
  /** Takes the runs off the page and unhooks every listener they added. */
  readonly remove: () => void
}

export const showRuns = (parent: HTMLElement, page: PageDocument, options: ShowRunsOptions): ShownRuns => {
  const hooks = new AbortController()
  const { signal } = hooks
  const prepared = page.runs.map(prepareRun)
  const end = Math.max(1, ...page.runs.map((run) => run.end.at))
  const instants = distinctInstants(prepared.flatMap((run) => Array.from(run.instants)))
  const sections = prepared.map((run, index) => new RunSection(run, index))
  const compared = sections.length > 1
  let sharedScales = compared
  const sharedHistogram = sharedHistogramScale(page.runs.map(histogramScale))
  const showHistograms = () => {
    for (const section of sections) section.showHistogram(sharedScales ? sharedHistogram : undefined)
  }
  showHistograms()
  // The screen shows what the player decides; the controls act on the player (both are made below,
  // and neither calls the other before both exist).
  const screen: PlayerScreen = {
    drawView: (view) => {
      const depth = sharedScales ? Math.max(0, ...sections.map((section) => section.depthInView(view))) : 0
      for (const section of sections) section.draw(view, depth)
    },
    showTime: (at) => {
      for (const section of sections) section.showTime(at)
      controls.showTime(at)
    },
    showState: (state) => controls.showState(state),
    // The playground's address holds its scenario, not an instant.
    ...(options.followTimeHash
      ? { rememberTime: (at: number) => history.replaceState(null, "", formatTimeHash(at)) }
      : {}),
  }
  const player = new Player(end, instants, screen)
  const controls = makeControls(
    end,
    (action) => player.act(action),
    (speed) => player.setSpeed(speed),
  )
  const head = append(
    html("header", { class: "page-head" }),
    options.title,
    html("p", { class: "subtitle" }, subtitle(page)),
    compared
      ? scalesSwitch(sharedScales, (shared) => {
          sharedScales = shared
          showHistograms()
          player.redraw()
        })
      : undefined,
    options.headEnd,
  )
  const shown = [
    head,
    controls.element,
    legend(page.runs.some((run) => run.data.stages !== undefined)),
    append(html("main"), ...sections.map((section) => section.element)),
  ]
  append(parent, ...shown)
  document.addEventListener(
    "keydown",
    (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return
      if (event.target instanceof HTMLSelectElement && event.key.startsWith("Arrow")) return
      const action = actionOfKey(event.key, event.shiftKey)
      if (action === undefined) return
      event.preventDefault()
      player.act(action)
    },
    { signal },
  )
  for (const section of sections) {
    wirePointer(section.timeline, player)
    if (section.prepared.run.data.stages !== undefined) wireItemPath(section.timeline.element, signal)
  }
  let resizing: number | undefined
  window.addEventListener(
    "resize",
    () => {
      clearTimeout(resizing)
      resizing = window.setTimeout(() => player.redraw(), 100)
    },
    { signal },
  )
  if (options.followTimeHash)
    window.addEventListener(
      "hashchange",
      () => {
        const at = parseTimeHash(location.hash)
        if (at !== undefined && at !== player.at) player.seek(at)
      },
      { signal },
    )
  player.start((options.followTimeHash ? parseTimeHash(location.hash) : undefined) ?? 0)
  return {
    remove: () => {
      hooks.abort()
      clearTimeout(resizing)
      player.pause()
      for (const element of shown) element.remove()
    },
  }
}
