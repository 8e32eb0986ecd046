/**
 * The playground's pipeline: a list of stages, each one `--stage` text (`parse:workers=2,process=
 * exp(150ms)`), added, removed and moved up or down. Each is read by the command line's own parser
 * (parseStage), so a stage the command line refuses is refused here in its words; no stages is the
 * course's single queue.
 */
import * as Result from "effect/Result"
import type { StageJson } from "../../core/scenario/scenarioJson.ts"
import { parseStage, stageText } from "../../core/scenario/stageText.ts"
import { append, html } from "../shared/dom.ts"

export interface StageList {
  readonly element: HTMLElement
  /** The stages the rows give (none for the single queue), or the command line's one-line problem. */
  readonly read: () => Result.Result<ReadonlyArray<StageJson>, string>
  readonly fill: (stages: ReadonlyArray<StageJson> | undefined) => void
}

export const makeStageList = (): StageList => {
  const rows = html("ol", { class: "stage-rows", "data-role": "stages" })
  const addRow = (text = "") => {
    const field = html("input", {
      type: "text",
      "data-stage": "",
      value: text,
      placeholder: "NAME:workers=1,process=exp(100ms),capacity=10,fail=0.1,retries=3,backoff=exp(50ms)",
      "aria-label": "a stage, as --stage takes it",
      autocomplete: "off",
      spellcheck: "false",
    })
    const row = html("li")
    const button = (label: string, role: string, act: () => void) => {
      const element = html("button", { type: "button", "data-role": role, "aria-label": role }, label)
      element.addEventListener("click", act)
      return element
    }
    append(
      rows,
      append(
        row,
        field,
        button("↑", "stage-up", () => row.previousElementSibling?.before(row)),
        button("↓", "stage-down", () => row.nextElementSibling?.after(row)),
        button("✕", "remove-stage", () => row.remove()),
      ),
    )
    return field
  }
  const add = html("button", { type: "button", "data-role": "add-stage" }, "add a stage")
  add.addEventListener("click", () => addRow().focus())
  const element = append(
    html("div", { class: "stage-list" }),
    html("label", {}, "--stage (a pipeline: producers feed the first; none: one queue)"),
    rows,
    add,
  )
  return {
    element,
    read: () => {
      const stages: Array<StageJson> = []
      for (const field of rows.querySelectorAll<HTMLInputElement>("input[data-stage]")) {
        const text = field.value.trim()
        if (text === "") continue
        const stage = parseStage(text)
        if (Result.isFailure(stage)) return Result.fail(stage.failure.message)
        stages.push(stage.success)
      }
      return Result.succeed(stages)
    },
    fill: (stages) => {
      rows.replaceChildren()
      for (const stage of stages ?? []) addRow(stageText(stage))
    },
  }
}
