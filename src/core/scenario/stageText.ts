/**
 * `--stage "NAME:KEY=VALUE,..."`: one stage of a pipeline as typed on the command line, into the
 * same StageJson a scenario file gives (then checked by stages.ts, as a file's stages are). A comma
 * inside parentheses belongs to the value (`process=uniform(1s,2s)`). `next` is a stage's name,
 * `none` to leave, or weighted branches `a:3|b:1`.
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { type UsageError, usageError } from "../../errors.ts"
import type { NextJson } from "./scenarioJson.ts"
import { StageJson } from "./scenarioJson.ts"
import { schemaProblems } from "./schemaProblems.ts"
import { splitValues, typedValue, type ValueType } from "./valueList.ts"

type StageValueType = ValueType | "next"

/** Each key `--stage` takes, the StageJson key it sets, and how its value is typed. */
const stageKeys: Record<string, { readonly key: keyof StageJson & string; readonly type: StageValueType }> = {
  workers: { key: "workers", type: "whole" },
  process: { key: "process", type: "text" },
  capacity: { key: "capacity", type: "whole or none" },
  "when-full": { key: "whenFull", type: "text" },
  fail: { key: "fail", type: "number" },
  retries: { key: "retries", type: "whole" },
  backoff: { key: "backoff", type: "text" },
  next: { key: "next", type: "next" },
}

export const stageKeyNames: ReadonlyArray<string> = Object.keys(stageKeys)

const branchPattern = /^([^:|]+):([^:|]+)$/

const nextOf = (text: string): { readonly value: NextJson } | { readonly problem: string } => {
  if (text === "none") return { value: null }
  if (!text.includes("|") && !text.includes(":")) return { value: text }
  const branches = []
  for (const part of text.split("|")) {
    const branch = branchPattern.exec(part.trim())
    const weight = Number(branch?.[2])
    if (branch === null || branch[2]?.trim() === "" || !Number.isFinite(weight))
      return { problem: `"${part}" is no branch: write next=STAGE:WEIGHT|STAGE:WEIGHT (e.g. a:3|b:1)` }
    branches.push({ stage: (branch[1] ?? "").trim(), weight })
  }
  return { value: branches }
}

/** The typed value of one KEY=VALUE, or a problem with it: as `--vary` reads one, or a route. */
const stageValue = (
  type: StageValueType,
  text: string,
): { readonly value: unknown } | { readonly problem: string } =>
  type === "next" ? nextOf(text) : typedValue(type, text)

/** Fields checked by the Schema a scenario file's stage goes through (it types a strategy's name). */
const decodeStage = (fields: Record<string, unknown>): Result.Result<StageJson, string> => {
  const decoded = Schema.decodeUnknownResult(StageJson)(fields)
  if (Result.isSuccess(decoded)) return Result.succeed(decoded.success)
  const problem = schemaProblems(decoded.failure.issue)[0]
  return Result.fail(problem === undefined ? "not a stage" : `${problem.path}: ${problem.message}`)
}

/** The StageJson key a `--stage` KEY sets (`when-full` -> `whenFull`), if it is one. */
export const stageKeyOf = (keyName: string): (keyof StageJson & string) | undefined =>
  Object.hasOwn(stageKeys, keyName) ? stageKeys[keyName]?.key : undefined

/**
 * One stage setting, KEY and VALUE as typed (`--vary store.capacity=5,20` gives each value here):
 * the stage's fields it sets, read and checked as `--stage` reads them, or what is wrong.
 */
export const stageSetting = (keyName: string, text: string): Result.Result<Partial<StageJson>, string> => {
  if (!Object.hasOwn(stageKeys, keyName))
    return Result.fail(`unknown key "${keyName}" (known: ${stageKeyNames.join(", ")})`)
  const known = stageKeys[keyName] as (typeof stageKeys)[string]
  const value = stageValue(known.type, text)
  if ("problem" in value) return Result.fail(value.problem)
  return Result.map(decodeStage({ name: "-", [known.key]: value.value }), ({ name: _, ...fields }) => fields)
}

/** Parses one `--stage` text into a stage as a scenario file would give it. */
export const parseStage = (text: string): Result.Result<StageJson, UsageError> => {
  const fail = (problem: string) => Result.fail(usageError(`--stage ${JSON.stringify(text)}: ${problem}`))
  const colon = text.indexOf(":")
  const name = (colon < 0 ? text : text.slice(0, colon)).trim()
  if (name === "") return fail("expected NAME:KEY=VALUE,... (e.g. parse:workers=2,process=exp(150ms))")
  const fields: Record<string, unknown> = { name }
  const settings = colon < 0 ? "" : text.slice(colon + 1)
  if (settings.trim() !== "") {
    const parts = splitValues(settings)
    if (parts === undefined) return fail("unbalanced parentheses")
    for (const part of parts) {
      const equals = part.indexOf("=")
      if (equals < 0) return fail(`"${part}" is not KEY=VALUE`)
      const keyName = part.slice(0, equals).trim()
      if (!Object.hasOwn(stageKeys, keyName))
        return fail(`unknown key "${keyName}" (known: ${stageKeyNames.join(", ")})`)
      const { key, type } = stageKeys[keyName] as (typeof stageKeys)[string]
      if (key in fields) return fail(`${keyName} is given twice`)
      const value = stageValue(type, part.slice(equals + 1).trim())
      if ("problem" in value) return fail(`${keyName}: ${value.problem}`)
      fields[key] = value.value
    }
  }
  return Result.mapError(decodeStage(fields), (problem) =>
    usageError(`--stage ${JSON.stringify(text)}: ${problem}`),
  )
}

/** A route as `--stage` writes it: a stage's name, `none`, or `a:3|b:1`. */
const nextText = (next: NextJson): string =>
  next === null
    ? "none"
    : typeof next === "string"
      ? next
      : next.map((branch) => `${branch.stage}:${branch.weight}`).join("|")

/** A stage as one `--stage` text, the keys it gives in `--stage`'s order: parseStage reads it back. */
export const stageText = (stage: StageJson): string => {
  const settings: Array<string> = []
  for (const [keyName, { key }] of Object.entries(stageKeys)) {
    const value = stage[key]
    if (value === undefined || key === "name") continue
    settings.push(
      `${keyName}=${key === "next" ? nextText(value as NextJson) : value === null ? "none" : String(value)}`,
    )
  }
  return settings.length === 0 ? stage.name : `${stage.name}:${settings.join(",")}`
}
