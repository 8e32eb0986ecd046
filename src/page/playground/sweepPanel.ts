/**
 * The playground's sweep: vary one or two settings (`--vary`'s text, read by the sweep's own grid
 * code; none replicates the form's scenario alone, as the command line does), replications, a
 * warm-up and targets, over the scenario the form gives. The core plans it
 * (planSweep: the command line's checks and one-line messages), runs its replications in Web Workers
 * (sweepWorkers.ts) and assembles the result, so its JSON is the bytes `npm run sweep -- ... --json`
 * prints for the same input; the sweep page's modules draw it. Progress, Cancel, and the result's
 * JSON to download.
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Result from "effect/Result"
import { progressBar } from "../../core/render/statusLine.ts"
import type { ScenarioInput } from "../../core/scenario/scenario.ts"
import { invalidFlagValue, parseWholeNumber } from "../../core/scenario/wholeNumberText.ts"
import { parseVary, variedKey } from "../../core/sweep/grid.ts"
import {
  defaultReplications,
  planSweep,
  replicationsMeaning,
  type SweepPlan,
  sweepIdentity,
} from "../../core/sweep/plan.ts"
import { resultJson } from "../../core/sweep/result.ts"
import { runSweep } from "../../core/sweep/runner.ts"
import { sweepPageDocument } from "../../core/sweep/sweepDocument.ts"
import { generator } from "../../core/version.ts"
import { append, html } from "../shared/dom.ts"
import { type ShownSweep, showSweep } from "../sweep/showSweep.ts"
import { type SweepFlagTexts, sweepCommandLine } from "./commandLine.ts"
import { makeSweepWorkers, sweepWorkerCount } from "./sweepWorkers.ts"

export interface SweepPanelOptions {
  /** The playground's worker script (a Blob URL): the sweep's workers run it too. */
  readonly workerUrl: string
  /** The form's scenario, or its one-line problem. */
  readonly scenario: () => Result.Result<ScenarioInput, string>
}

export interface SweepPanel {
  /** The controls. */
  readonly element: HTMLElement
  /** Where the result is drawn. */
  readonly area: HTMLElement
}

const field = (label: string, input: HTMLElement) => append(html("label", {}), html("span", {}, label), input)

const textInput = (role: string, placeholder: string) =>
  html("input", { type: "text", "data-role": role, placeholder, spellcheck: "false", autocomplete: "off" })

/**
 * The form's scenario without the varied settings: the panel varies them, where the command line
 * refuses a setting both given and varied.
 */
const withoutVaried = (input: ScenarioInput, vary: ReadonlyArray<string>): ScenarioInput => {
  const base: Record<string, unknown> = { ...input }
  for (const text of vary) {
    const parsed = parseVary(text)
    const key = Result.isSuccess(parsed) ? variedKey(parsed.success.name) : undefined
    if (key !== undefined) delete base[key]
  }
  return base as ScenarioInput
}

export const makeSweepPanel = (options: SweepPanelOptions): SweepPanel => {
  const varyFirst = textInput("vary-1", "consumers=1,2,3")
  const varySecond = textInput("vary-2", "capacity=none,5 (optional)")
  const replications = textInput("replications", String(defaultReplications))
  const warmup = textInput("warmup", "none")
  const targets = html("textarea", {
    "data-role": "targets",
    rows: 2,
    spellcheck: "false",
    placeholder: "latency.p99<=2s (one a line, optional)",
  })
  const runButton = html(
    "button",
    { type: "button", "data-role": "run-sweep", class: "primary" },
    "Run sweep",
  )
  const cancelButton = html("button", { type: "button", "data-role": "cancel-sweep", disabled: "" }, "Cancel")
  const status = html("p", {
    class: "status",
    "data-role": "sweep-status",
    role: "status",
    "aria-live": "polite",
  })
  const problem = html("p", { class: "problem", "data-role": "sweep-problem", role: "alert" })
  const cliBox = html("output", { class: "command-line", "data-role": "sweep-cli" })
  const downloads = html("p", { class: "downloads" })
  const area = html("section", { class: "sweep-area", "aria-label": "the sweep's result" })
  let shown: ShownSweep | undefined
  let stopRunning: (() => void) | undefined
  let downloadUrl: string | undefined

  const settle = () => {
    document.body.dataset.ready = "true"
  }
  const refuse = (message: string) => {
    problem.textContent = message
    settle()
  }
  const finish = () => {
    stopRunning = undefined
    runButton.disabled = false
    cancelButton.disabled = true
  }

  /** The panel's flags as the command line would take them, or the one line that refuses them. */
  const flagTexts = (): Result.Result<SweepFlagTexts, string> => {
    const vary = [varyFirst.value.trim(), varySecond.value.trim()].filter((text) => text !== "")
    const typed = replications.value.trim()
    const count =
      typed === "" ? Result.succeed(defaultReplications) : parseWholeNumber(typed, replicationsMeaning)
    if (Result.isFailure(count)) return Result.fail(invalidFlagValue("--replications", typed, count.failure))
    const warmupText = warmup.value.trim()
    return Result.succeed({
      vary,
      replications: count.success,
      warmup: warmupText === "" ? undefined : warmupText,
      targets: targets.value
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== ""),
    })
  }

  const show = (plan: SweepPlan, json: string, document: ReturnType<typeof sweepPageDocument>) => {
    shown?.remove()
    shown = showSweep(area, document, { inPage: true })
    if (downloadUrl !== undefined) URL.revokeObjectURL(downloadUrl)
    downloadUrl = URL.createObjectURL(new Blob([json], { type: "application/json" }))
    const name = ["sweep", ...plan.varied.map(({ name }) => name.replace(/[^\w.-]/g, "_"))].join("-")
    downloads.replaceChildren(
      html(
        "a",
        { href: downloadUrl, download: `${name}.json`, "data-role": "download-sweep" },
        "Download the sweep's result (JSON)",
      ),
    )
  }

  const start = () => {
    problem.textContent = ""
    const input = options.scenario()
    if (Result.isFailure(input)) return refuse(input.failure)
    const flags = flagTexts()
    if (Result.isFailure(flags)) return refuse(flags.failure)
    const base = withoutVaried(input.success, flags.success.vary)
    const plan = planSweep({
      scenario: base,
      vary: flags.success.vary,
      replications: flags.success.replications,
      warmup: flags.success.warmup,
      targets: flags.success.targets,
    })
    if (!("scenarios" in plan)) return refuse(plan.message)
    if (plan.scenarios.some((scenario) => scenario.stages !== null))
      return refuse(
        "stages: the playground sweeps one queue; sweep a pipeline with npm run sweep -- --stage ...",
      )
    cliBox.textContent =
      sweepCommandLine(base, flags.success) ??
      "(no flag lifts trio's bound: save the scenario JSON and pass it with --scenario FILE)"
    const runs = plan.scenarios.length * plan.replications
    const concurrency = sweepWorkerCount(navigator.hardwareConcurrency, runs)
    const workers = makeSweepWorkers(options.workerUrl, concurrency)
    const startedAt = performance.now()
    document.body.dataset.ready = "false"
    runButton.disabled = true
    cancelButton.disabled = false
    status.textContent = `sweep: ${runs} runs...`
    const fiber = Effect.runFork(
      runSweep(plan, workers.execute, {
        concurrency,
        onProgress: (done, total) => {
          status.textContent = `sweep ${progressBar(done, total)} ${done} of ${total} runs`
        },
      }).pipe(Effect.ensuring(Effect.sync(workers.close))),
    )
    stopRunning = () => {
      Effect.runFork(Fiber.interrupt(fiber))
      workers.close()
    }
    fiber.addObserver((exit) => {
      if (stopRunning === undefined) return
      const used = workers.started()
      finish()
      if (Exit.isFailure(exit)) {
        status.textContent = ""
        const failure = Cause.findErrorOption(exit.cause)
        return refuse(failure._tag === "Some" ? failure.value : "the sweep failed")
      }
      const seconds = ((performance.now() - startedAt) / 1000).toFixed(2)
      status.textContent = `sweep: ${runs} runs in ${seconds} s on ${used} worker${used === 1 ? "" : "s"}`
      show(plan, resultJson(exit.value), sweepPageDocument(exit.value, sweepIdentity(plan), generator))
      settle()
    })
  }

  runButton.addEventListener("click", start)
  cancelButton.addEventListener("click", () => {
    if (stopRunning === undefined) return
    stopRunning()
    finish()
    status.textContent = "sweep cancelled"
    settle()
  })

  const element = append(
    html("details", { class: "sweep-panel", "data-role": "sweep-panel" }),
    html("summary", {}, "Sweep: vary one or two settings, replicate, check targets"),
    append(
      html("div", { class: "sweep-form" }),
      field("--vary", varyFirst),
      field("--vary (a second)", varySecond),
      field("--replications", replications),
      field("--warmup", warmup),
      field("--target", targets),
    ),
    append(html("p", { class: "actions" }), runButton, cancelButton, status),
    problem,
    append(html("p", { class: "cli-line" }), html("span", {}, "Command line: "), cliBox),
    downloads,
  )
  return { element, area }
}
