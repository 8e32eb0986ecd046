/**
 * The playground's entry point: the scenario's controls and its JSON editor, Run and Cancel, the run
 * in a Web Worker (runWorker.ts, whose bundle the page embeds and starts from a Blob URL, so it
 * works from file://), then the run page's player drawing it, alone or beside an earlier run on one
 * time axis. The address's `#scenario=` fills the controls and runs; after each run the address
 * says that run's scenario. The sweep panel (sweepPanel.ts) sweeps the form's scenario in the same
 * worker script. `<body data-ready="true">` once a run or a sweep is drawn.
 */
import * as Result from "effect/Result"
import { pageDocumentOf } from "../../core/pageData/pageRun.ts"
import { resolveScenario, type ScenarioInput } from "../../core/scenario/scenario.ts"
import { type ShownRuns, showRuns } from "../player/showRuns.ts"
import { append, html } from "../shared/dom.ts"
import { readEmbedded } from "../shared/embedded.ts"
import { themeSwitch } from "../shared/theme.ts"
import { simulateCommandLine } from "./commandLine.ts"
import { type KeptRun, RunHistory } from "./runHistory.ts"
import { type RunPageBundle, runPageHtml } from "./runPageFile.ts"
import { makeScenarioForm } from "./scenarioForm.ts"
import { parseScenarioHash, parseScenarioJson, scenarioHash } from "./scenarioLink.ts"
import { makeSweepPanel } from "./sweepPanel.ts"
import type { FilesRequest, RunRequest, WorkerReply } from "./workerMessages.ts"

interface PlaygroundDocument {
  /** The run worker's bundled code. */
  readonly worker: string
  /** The run page's bundle, to offer a run as its own page. */
  readonly runPage: RunPageBundle
}

const { worker: workerCode, runPage } = readEmbedded<PlaygroundDocument>()
const workerUrl = URL.createObjectURL(new Blob([workerCode], { type: "text/javascript" }))

const form = makeScenarioForm()
const runButton = html("button", { type: "button", "data-role": "run", class: "primary" }, "Run")
const cancelButton = html("button", { type: "button", "data-role": "cancel", disabled: "" }, "Cancel")
const status = html("p", { class: "status", "data-role": "status", role: "status", "aria-live": "polite" })
const problem = html("p", { class: "problem", "data-role": "problem", role: "alert" })
const cliBox = html("output", { class: "command-line", "data-role": "cli" })
const editor = html("textarea", {
  class: "scenario-json",
  "data-role": "scenario-json",
  rows: 6,
  spellcheck: "false",
  "aria-label": "the scenario as JSON (a scenario file)",
})
const applyJson = html("button", { type: "button", "data-role": "apply-json" }, "Use this JSON")
const loadFile = html("input", {
  type: "file",
  accept: ".json,application/json",
  "aria-label": "load a scenario file",
})
const downloads = html("p", { class: "downloads" })
const compareWith = html("select", { "data-role": "compare", "aria-label": "show beside an earlier run" })
const runArea = html("div", { class: "run-area" })
const largeText = html("input", { type: "checkbox", id: "large-text", "data-role": "large-text" })

const sweepPanel = makeSweepPanel({ workerUrl, scenario: () => form.read() })
const settings = html("section", { class: "playground" })
const pastRuns = new RunHistory()
let shown: ShownRuns | undefined
let running: Worker | undefined
/** The last finished run's worker, until it has handed over that run's files. */
let handingOver: Worker | undefined
const objectUrls: Array<string> = []

/** A refusal is the page's answer to the run asked for: it is settled (`data-ready`) as after a drawn run. */
const refuse = (message: string) => {
  problem.textContent = message
  document.body.dataset.ready = "true"
}

const showCommandLine = (input: ScenarioInput) => {
  cliBox.textContent =
    simulateCommandLine(input) ??
    "(no flag lifts trio's bound: save the JSON above and pass it with --scenario FILE)"
}

const jsonBlob = (parts: ReadonlyArray<string>) =>
  new Blob(parts as Array<BlobPart>, { type: "application/json" })

const link = (text: string, name: string, role: string, blob: Blob) => {
  const url = URL.createObjectURL(blob)
  objectUrls.push(url)
  return html("a", { href: url, download: name, "data-role": role }, text)
}

/** Takes the last run's links (and the Blobs only they hold) off the page. */
const clearDownloads = () => {
  for (const url of objectUrls.splice(0)) URL.revokeObjectURL(url)
  downloads.replaceChildren()
}

/** The newest run's files: only its links hold them, so a run's Blobs go when the next run's links replace them. */
const showDownloads = (kept: KeptRun, files: { readonly recording: Blob; readonly trace: Blob }) => {
  clearDownloads()
  downloads.append(
    link("Download the recording", `run${kept.number}.json`, "download-recording", files.recording),
    link(
      "the statistics (JSON)",
      `run${kept.number}-statistics.json`,
      "download-statistics",
      jsonBlob([`${JSON.stringify(kept.run.statistics, null, 2)}\n`]),
    ),
    link("the trace (Perfetto)", `run${kept.number}-trace.json`, "download-trace", files.trace),
  )
  // The run's own page is hashed for its policy first: its link comes a moment later.
  void runPageHtml(runPage, kept.run).then((page) => {
    if (pastRuns.all[0] !== kept) return
    append(
      downloads,
      link(
        "the run's page",
        `run${kept.number}.html`,
        "download-page",
        new Blob([page], { type: "text/html" }),
      ),
    )
  })
}

const showCompareChoices = (current: KeptRun) => {
  compareWith.replaceChildren(html("option", { value: "" }, "alone"))
  for (const kept of pastRuns.all)
    if (kept !== current)
      append(
        compareWith,
        html("option", { value: kept.number }, `beside run ${kept.number} (${kept.run.header.mode})`),
      )
}

const draw = (runs: ReadonlyArray<KeptRun>) => {
  shown?.remove()
  shown = showRuns(runArea, pageDocumentOf(runs.map(({ run }) => run)), { followTimeHash: false })
  document.body.dataset.ready = "true"
}

const finishRun = () => {
  running?.terminate()
  running = undefined
  handingOver?.terminate()
  handingOver = undefined
  runButton.disabled = false
  cancelButton.disabled = true
}

const run = (input: ScenarioInput) => {
  problem.textContent = ""
  // The command line's own checks and messages, before a worker is started.
  const checked = resolveScenario(input)
  if (Result.isFailure(checked)) return refuse(checked.failure.message)
  finishRun()
  document.body.dataset.ready = "false"
  editor.value = JSON.stringify(input, null, 2)
  showCommandLine(input)
  window.history.replaceState(null, "", scenarioHash(input))
  const worker = new Worker(workerUrl)
  running = worker
  runButton.disabled = true
  cancelButton.disabled = false
  status.textContent = "running..."
  let kept: KeptRun | undefined
  worker.onmessage = (message: MessageEvent<WorkerReply>) => {
    const reply = message.data
    if (reply.kind === "progress") {
      if (reply.text !== "") status.textContent = reply.text
      return
    }
    if (reply.kind === "files") {
      worker.terminate()
      handingOver = undefined
      if (kept !== undefined && pastRuns.all[0] === kept) showDownloads(kept, reply)
      return
    }
    // A finished run's worker stays, to hand over its files once the run is drawn.
    if (reply.kind === "done") running = undefined
    finishRun()
    if (reply.kind === "refused" || reply.kind === "failed") {
      status.textContent = ""
      return refuse(reply.message)
    }
    kept = pastRuns.add(input, reply.run)
    const timeKind = reply.run.header.clock === "virtual" ? "virtual time" : "the real clock"
    status.textContent = `run ${kept.number}: ${reply.run.end.reason} at ${(reply.run.end.at / 1e6).toFixed(3)} s of ${timeKind}, in ${(reply.runMillis / 1e3).toFixed(2)} s`
    clearDownloads()
    showCompareChoices(kept)
    draw([kept])
    // The files are made once the run is drawn: making a long run's Blobs slowed the drawing.
    handingOver = worker
    worker.postMessage({ kind: "files" } satisfies FilesRequest)
  }
  worker.onerror = (event) => {
    finishRun()
    refuse(`the run failed: ${event.message}`)
  }
  worker.postMessage({ kind: "run", input } satisfies RunRequest)
}

runButton.addEventListener("click", () => {
  const input = form.read()
  if (Result.isFailure(input)) return refuse(input.failure)
  run(input.success)
})
cancelButton.addEventListener("click", () => {
  if (running === undefined) return
  finishRun()
  status.textContent = "cancelled"
})
applyJson.addEventListener("click", () => {
  const input = parseScenarioJson(editor.value, "the scenario JSON")
  if (Result.isFailure(input)) return refuse(input.failure)
  problem.textContent = ""
  form.fill(input.success)
  showCommandLine(input.success)
})
loadFile.addEventListener("change", () => {
  const file = loadFile.files?.[0]
  if (file === undefined) return
  void file.text().then((text) => {
    editor.value = text
    applyJson.click()
  })
})
compareWith.addEventListener("change", () => {
  const [current] = pastRuns.all
  if (current === undefined) return
  const other = pastRuns.find(Number(compareWith.value))
  draw(other === undefined ? [current] : [other, current])
})
largeText.addEventListener("change", () => {
  document.documentElement.classList.toggle("large-text", largeText.checked)
  // The player sizes its timelines to the window's width in CSS pixels, which the zoom changes.
  window.dispatchEvent(new Event("resize"))
})

const fromHash = () => {
  const linked = parseScenarioHash(location.hash)
  if (linked === undefined) return false
  if (Result.isFailure(linked)) {
    refuse(linked.failure)
    return false
  }
  form.fill(linked.success)
  run(linked.success)
  return true
}

document.title = "prodcon-sim playground"
append(
  document.body,
  append(
    html("header", { class: "page-head" }),
    html("h1", {}, "prodcon-sim playground"),
    append(html("label", { class: "switch", for: "large-text" }), largeText, html("span", {}, " large text")),
    themeSwitch(),
  ),
  append(
    settings,
    html(
      "p",
      { class: "about" },
      "The course's four programs, run here by the simulator itself: sync makes every item before any is consumed; async interleaves producers and consumers on one event loop; threads has consumers poll a shared list; trio runs tasks in trio's batches with a bounded channel. Change a setting, press Run, compare with the last run.",
    ),
    form.element,
    append(html("p", { class: "actions" }), runButton, cancelButton, status),
    problem,
    append(
      html("details", { class: "json-editor" }),
      html("summary", {}, "Scenario JSON (a scenario file for --scenario)"),
      editor,
      append(html("p", {}), applyJson, loadFile),
    ),
    append(html("p", { class: "cli-line" }), html("span", {}, "Command line: "), cliBox),
    append(html("p", { class: "run-tools" }), downloads, html("span", {}, "Show: "), compareWith),
    sweepPanel.element,
  ),
  sweepPanel.area,
  runArea,
)
// Keys pressed in the settings (typing "1.5s", Space on Run) are theirs: the player, which listens
// on the whole document, never sees them.
settings.addEventListener("keydown", (event) => event.stopPropagation())
window.addEventListener("hashchange", fromHash)
if (!fromHash()) {
  const input = form.read()
  if (Result.isSuccess(input)) showCommandLine(input.success)
  document.body.dataset.ready = "true"
}
