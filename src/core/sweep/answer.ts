/**
 * The sweep's answer in one line. A configuration meets the targets when every target is `met`
 * with the sweep's confidence; it fails them when any is `missed`; otherwise it is undecided.
 *
 *   one whole-number parameter:  "smallest consumers meeting latency.p99 <= 500ms: 4"
 *                                "no consumers in 2, 3 meets latency.p99 <= 500ms"
 *   anything else:               "configurations meeting latency.p99 <= 500ms: process=exp(1s); ..."
 *   nothing varied:              "the scenario meets latency.p99 <= 500ms"
 *
 * Undecided configurations that could change the answer are named, with about how many more
 * replications would decide them (verdict.ts). Beside the sentence, the result lists the
 * configurations it names, for programs: the smallest value, or every configuration that meets.
 */
import { formatValue } from "./figures.ts"
import type { ParameterValue, VariedParameter } from "./grid.ts"
import { describeTarget, type Target } from "./targets.ts"
import type { Judgement } from "./verdict.ts"

export type Standing =
  | { readonly status: "met" | "missed" }
  | { readonly status: "undecided"; readonly moreReplications: number | null }

/** A configuration's standing against all its targets. */
export const standingOf = (judgements: ReadonlyArray<Judgement>): Standing => {
  if (judgements.some((judgement) => judgement.verdict === "missed")) return { status: "missed" }
  const undecided = judgements.filter((judgement) => judgement.verdict === "undecided")
  if (undecided.length === 0) return { status: "met" }
  const estimates = undecided.map((judgement) => judgement.moreReplications ?? null)
  const known = estimates.filter((estimate): estimate is number => estimate !== null)
  return {
    status: "undecided",
    moreReplications: known.length === estimates.length ? Math.max(...known) : null,
  }
}

const formatParameters = (parameters: Readonly<Record<string, ParameterValue>>): string =>
  Object.entries(parameters)
    .map(([name, value]) => `${name}=${formatValue(value)}`)
    .join(" ")

const more = (standing: Standing): string =>
  standing.status !== "undecided"
    ? ""
    : standing.moreReplications === null
      ? "more replications may not decide it"
      : `about ${standing.moreReplications} more replications`

/** At most `limit` items, then "and N more". */
const listSome = (items: ReadonlyArray<string>, separator: string, limit = 5): string =>
  items.length <= limit
    ? items.join(separator)
    : `${items.slice(0, limit).join(separator)}${separator}and ${items.length - limit} more`

/** Whole numbers, with null (capacity none) as unbounded. */
const wholeNumberValues = (values: ReadonlyArray<ParameterValue>): boolean =>
  values.every((value) => value === null || Number.isSafeInteger(value))

const ascending = (a: ParameterValue, b: ParameterValue): number =>
  (a === null ? Number.POSITIVE_INFINITY : (a as number)) -
  (b === null ? Number.POSITIVE_INFINITY : (b as number))

/** The answer: its sentence, and the configurations it names as meeting the targets (none: empty). */
export interface Answer {
  readonly sentence: string
  readonly chosen: ReadonlyArray<Readonly<Record<string, ParameterValue>>>
}

export const answerOf = (
  varied: ReadonlyArray<VariedParameter>,
  parameters: ReadonlyArray<Readonly<Record<string, ParameterValue>>>,
  targets: ReadonlyArray<Target>,
  standings: ReadonlyArray<Standing>,
): Answer => {
  const none = (sentence: string): Answer => ({ sentence, chosen: [] })
  const choosing = (sentence: string, indices: ReadonlyArray<number>): Answer => ({
    sentence,
    chosen: indices.map((index) => parameters[index] ?? {}),
  })
  if (targets.length === 0) return none("no target given: nothing to decide")
  const goal = targets.map(describeTarget).join(" and ")
  const undecidedNote = (indices: ReadonlyArray<number>, name: (index: number) => string) => {
    const undecided = indices.filter((index) => standings[index]?.status === "undecided")
    if (undecided.length === 0) return ""
    const items = undecided.map((index) => `${name(index)}, ${more(standings[index] as Standing)}`)
    return ` (undecided: ${listSome(items, "; ")})`
  }

  if (varied.length === 0) {
    const standing = standings[0] ?? { status: "undecided", moreReplications: null }
    if (standing.status === "met") return choosing(`the scenario meets ${goal}`, [0])
    if (standing.status === "missed") return none(`the scenario misses ${goal}`)
    return none(`not yet decided whether the scenario meets ${goal}: ${more(standing)}`)
  }

  const all = parameters.map((_, index) => index)
  const meeting = all.filter((index) => standings[index]?.status === "met")
  const [only] = varied
  if (varied.length === 1 && only !== undefined && wholeNumberValues(only.values)) {
    const valueAt = (index: number) => parameters[index]?.[only.name] ?? null
    const byValue = [...all].sort((a, b) => ascending(valueAt(a), valueAt(b)))
    const name = (index: number) => formatValue(valueAt(index))
    const [smallest] = [...meeting].sort((a, b) => ascending(valueAt(a), valueAt(b)))
    if (smallest === undefined) {
      const tried = byValue.map(name).join(", ")
      return none(`no ${only.name} in ${tried} meets ${goal}${undecidedNote(byValue, name)}`)
    }
    // Only a smaller undecided value could still change the answer.
    const smaller = byValue.filter((index) => ascending(valueAt(index), valueAt(smallest)) < 0)
    return choosing(
      `smallest ${only.name} meeting ${goal}: ${name(smallest)}${undecidedNote(smaller, name)}`,
      [smallest],
    )
  }

  // Several parameters, or values without an order (distributions, modes): list what meets.
  const name = (index: number) =>
    varied.length === 1
      ? formatValue(Object.values(parameters[index] ?? {})[0] ?? null)
      : formatParameters(parameters[index] ?? {})
  const noun = varied.length === 1 && only !== undefined ? `${only.name} value` : "configuration"
  if (meeting.length === 0) return none(`no ${noun} meets ${goal}${undecidedNote(all, name)}`)
  return choosing(
    `${noun}s meeting ${goal}: ${listSome(meeting.map(name), "; ")}${undecidedNote(all, name)}`,
    meeting,
  )
}

/** The answer's sentence alone. */
export const answerLine = (...args: Parameters<typeof answerOf>): string => answerOf(...args).sentence
