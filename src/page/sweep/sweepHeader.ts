/**
 * The top of the sweep's page: what was varied, the answer line, and the sweep's description:
 * replications, confidence, seeds, warm-up, targets, and the scenario every configuration shares
 * (first in one sentence: what arrives, how fast on average, what each service takes on average).
 * All of it comes from the embedded document (a merged share is untrusted): text only.
 */

import { describeFixedScenario, formatValue } from "../../core/sweep/figures.ts"
import type { SweepPageDocument } from "../../core/sweep/sweepDocument.ts"
import { append, html } from "../shared/dom.ts"
import { settingsList } from "../shared/settingsList.ts"
import { themeSwitch } from "../shared/theme.ts"

/** "consumers × capacity: 9 configurations × 10 replications". */
export const sweepSubtitle = (document: SweepPageDocument): string => {
  const { result, varied } = document
  const configurations = result.rows.length
  const what = varied.length === 0 ? "one scenario" : varied.map(({ name }) => name).join(" × ")
  return `${what}: ${configurations} configuration${configurations === 1 ? "" : "s"} × ${result.replications} replications`
}

export interface SweepHeaderOptions {
  /**
   * Inside another page (the playground's sweep panel): a section's heading under that page's own
   * title and theme switch, not the page's.
   */
  readonly inPage?: boolean
}

export const sweepHeader = (document: SweepPageDocument, options: SweepHeaderOptions = {}): HTMLElement => {
  const { result } = document
  const seeds = result.rows[0]?.seeds ?? []
  const sweep: Array<readonly [string, string]> = [
    ["replications", String(result.replications)],
    ["confidence", `${Math.round(result.confidence * 100)}%, Student-t intervals`],
    ["seeds", seeds.length === 0 ? "none" : `${seeds[0]}–${seeds.at(-1)}, the same in every configuration`],
    ["base seed", String(result.baseSeed)],
    ["warm-up", result.warmup === 0 ? "none" : `${result.warmup} s (statistics count only after it)`],
    ...document.varied.map(({ name, values }): readonly [string, string] => [
      `vary ${name}`,
      values.map(formatValue).join(", "),
    ]),
    [
      "targets",
      document.targets.length === 0 ? "none" : document.targets.map(({ target }) => target).join(", "),
    ],
  ]
  const scenario: Array<readonly [string, string]> = [
    ["in short", describeFixedScenario(result.scenario)],
    ...Object.entries(document.scenario).map(([name, value]): readonly [string, string] => [
      name,
      formatValue(value),
    ]),
    ...(document.changing.length === 0
      ? []
      : [["changes with the configuration", document.changing.join(", ")] as const]),
    ["generator", document.generator],
  ]
  return append(
    html("header", { class: "sweep-head" }),
    append(
      html("div", { class: "page-head" }),
      options.inPage ? html("h2", {}, "The sweep") : html("h1", {}, "prodcon-sim sweep"),
      html("p", { class: "subtitle" }, sweepSubtitle(document)),
      ...(options.inPage ? [] : [themeSwitch()]),
    ),
    html("p", { class: "answer", "data-role": "answer" }, result.answer),
    append(html("div", { class: "description" }), html("h3", {}, "The sweep"), settingsList(sweep)),
    append(
      html("div", { class: "description" }),
      html("h3", {}, "The scenario of every configuration"),
      settingsList(scenario),
    ),
  )
}
