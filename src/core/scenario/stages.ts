/**
 * A pipeline's stages, resolved and checked: each stage's workers, service, queue, failures and
 * routing, with the names in `next` turned into stage indices. A stage's `workers`, `process`,
 * `capacity` and `whenFull` default to the scenario's `consumers`, `process`, `capacity` and
 * `whenFull`, so those flags set every stage at once. Everything a pipeline can get wrong is refused
 * here, before anything runs.
 */
import * as Result from "effect/Result"
import { type UsageError, usageError } from "../../errors.ts"
import { type Distribution, formatDistribution, parseDistribution } from "./distribution.ts"
import type { NextJson, StageJson, WhenFull } from "./scenarioJson.ts"

/** Where a stage's finished items go. */
export type Route =
  | { readonly kind: "leave" }
  | { readonly kind: "stage"; readonly stage: number }
  | { readonly kind: "branches"; readonly branches: ReadonlyArray<Branch> }

export interface Branch {
  readonly stage: number
  readonly weight: number
}

export interface Stage {
  readonly name: string
  readonly workers: number
  readonly process: Distribution
  /** Queue bound; null is unbounded. */
  readonly capacity: number | null
  readonly whenFull: WhenFull
  /** The probability that an attempt fails, in [0, 1). */
  readonly fail: number
  readonly retries: number
  readonly backoff: Distribution
  readonly route: Route
  /** `next` as given; undefined when the route is the default one (kept out of the recording). */
  readonly next: NextJson | undefined
}

/** What a stage takes from the scenario when it does not say. */
export interface StageDefaults {
  readonly workers: number
  readonly process: Distribution
  readonly capacity: number | null
  readonly whenFull: WhenFull
}

type Checked<A> = Result.Result<A, UsageError>

/** Letters, digits, `-` and `_`: what a command line carries unquoted and a file name can hold. */
const stageNamePattern = /^[A-Za-z0-9_-]{1,40}$/
/** A worker is named `NAME-N`, so a stage may not take the producers' name. */
const reservedNames = new Set(["producer"])
const noBackoff: Distribution = { kind: "constant", micros: 0 }

/** A stage name as a message shows it: JSON-quoted, so an edited recording cannot inject text. */
const shown = (name: string) => JSON.stringify(name)

/** A refused name, shortened when long: the line stays one a terminal can show. */
const shownShort = (name: string) =>
  name.length <= 60 ? shown(name) : `${shown(name.slice(0, 40))}... (${name.length} characters)`

const nameProblem = (name: string): string | undefined => {
  if (!stageNamePattern.test(name))
    return `stage name ${shownShort(name)}: use 1 to 40 letters, digits, "-" or "_"`
  if (reservedNames.has(name)) return `stage name ${shown(name)} is taken by the producers' actors`
  return undefined
}

const routeOf = (
  next: NextJson | undefined,
  position: number,
  count: number,
  indexOf: ReadonlyMap<string, number>,
  fail: (problem: string) => UsageError,
): Checked<Route> => {
  if (next === undefined)
    return Result.succeed(position + 1 < count ? { kind: "stage", stage: position + 1 } : { kind: "leave" })
  if (next === null) return Result.succeed({ kind: "leave" })
  const stageNamed = (name: string): Checked<number> => {
    const index = indexOf.get(name)
    return index === undefined
      ? Result.fail(fail(`next names ${shown(name)}, which is no stage of this pipeline`))
      : Result.succeed(index)
  }
  if (typeof next === "string") return Result.map(stageNamed(next), (stage) => ({ kind: "stage", stage }))
  if (next.length === 0) return Result.fail(fail("next has no branches (use null to leave)"))
  const branches: Array<Branch> = []
  for (const branch of next) {
    if (!(Number.isFinite(branch.weight) && branch.weight > 0))
      return Result.fail(fail(`the weight of branch ${shown(branch.stage)} must be a positive number`))
    const stage = stageNamed(branch.stage)
    if (Result.isFailure(stage)) return Result.fail(stage.failure)
    // Two weights for one stage are a slip, or mean their sum: say so rather than guess.
    if (branches.some((earlier) => earlier.stage === stage.success))
      return Result.fail(fail(`next names ${shown(branch.stage)} twice: give each stage one branch`))
    branches.push({ stage: stage.success, weight: branch.weight })
  }
  return Result.succeed({ kind: "branches", branches })
}

const targetsOf = (route: Route): ReadonlyArray<number> =>
  route.kind === "stage" ? [route.stage] : route.kind === "branches" ? route.branches.map((b) => b.stage) : []

/**
 * The first stage (by position) that items can reach from the first stage but that no route leads
 * out of the pipeline from: its items would circle for ever.
 */
const trappedStage = (stages: ReadonlyArray<Stage>): number | undefined => {
  const leaves = stages.map((stage) => stage.route.kind === "leave")
  for (let changed = true; changed; ) {
    changed = false
    stages.forEach((stage, index) => {
      if (!leaves[index] && targetsOf(stage.route).some((target) => leaves[target])) {
        leaves[index] = true
        changed = true
      }
    })
  }
  return reachedStages(stages).find((index) => !leaves[index])
}

/** The stages items can reach from the first, by position. */
const reachedStages = (stages: ReadonlyArray<Stage>): ReadonlyArray<number> => {
  const reached = new Set<number>([0])
  const pending = [0]
  for (let index = pending.pop(); index !== undefined; index = pending.pop()) {
    for (const target of targetsOf((stages[index] as Stage).route)) {
      if (!reached.has(target)) {
        reached.add(target)
        pending.push(target)
      }
    }
  }
  return [...reached].sort((a, b) => a - b)
}

/** A queue whose full state holds the worker that offers to it (Type I blocking). */
const holdsWhenFull = (stage: Stage): boolean => stage.capacity !== null && stage.whenFull === "suspend"

/**
 * A round of routes (from a stage the first one reaches back to itself) whose every queue is bounded
 * and suspends: once all are full, each worker in it holds an item for a queue whose workers hold
 * items in turn, and none ever moves (a deadlock). The stages in route order, or undefined.
 */
const deadlockRound = (stages: ReadonlyArray<Stage>): ReadonlyArray<number> | undefined => {
  const state = stages.map(() => "unseen" as "unseen" | "open" | "done")
  const path: Array<number> = []
  const visit = (index: number): ReadonlyArray<number> | undefined => {
    state[index] = "open"
    path.push(index)
    for (const target of targetsOf((stages[index] as Stage).route)) {
      if (!holdsWhenFull(stages[target] as Stage)) continue
      if (state[target] === "open") return path.slice(path.indexOf(target))
      if (state[target] === "unseen") {
        const round = visit(target)
        if (round !== undefined) return round
      }
    }
    path.pop()
    state[index] = "done"
    return undefined
  }
  const reached = reachedStages(stages)
  for (const index of reached) {
    if (state[index] === "unseen" && holdsWhenFull(stages[index] as Stage)) {
      const round = visit(index)
      if (round !== undefined) return round
    }
  }
  return undefined
}

const resolveStage = (
  given: StageJson,
  position: number,
  count: number,
  indexOf: ReadonlyMap<string, number>,
  defaults: StageDefaults,
  settingName: string,
): Checked<Stage> => {
  const fail = (problem: string) => usageError(`${settingName} ${shown(given.name)}: ${problem}`)
  const workers = given.workers ?? defaults.workers
  if (!(Number.isSafeInteger(workers) && workers >= 1))
    return Result.fail(fail(`workers must be a positive whole number (got ${workers})`))
  const distribution = (
    key: string,
    text: string | undefined,
    fallback: Distribution,
  ): Checked<Distribution> => {
    if (text === undefined) return Result.succeed(fallback)
    return Result.mapError(parseDistribution(text), (problem) => fail(`${key}: ${problem}`))
  }
  const capacity = given.capacity === undefined ? defaults.capacity : given.capacity
  if (capacity !== null && !(Number.isSafeInteger(capacity) && capacity >= 1))
    return Result.fail(fail(`capacity must be a positive whole number or none (got ${capacity})`))
  const failure = given.fail ?? 0
  if (!(Number.isFinite(failure) && failure >= 0 && failure < 1))
    return Result.fail(fail(`fail is a probability in [0, 1) (got ${failure})`))
  const retries = given.retries ?? 0
  if (!(Number.isSafeInteger(retries) && retries >= 0))
    return Result.fail(fail(`retries must be a whole number of at least 0 (got ${retries})`))
  if (retries > 0 && failure === 0)
    return Result.fail(fail("retries without a failure probability: set fail above 0, or drop retries"))
  if (given.backoff !== undefined && retries === 0)
    return Result.fail(fail("backoff without retries: it is the pause before a retry"))
  return Result.gen(function* () {
    return {
      name: given.name,
      workers,
      process: yield* distribution("process", given.process, defaults.process),
      capacity,
      whenFull: given.whenFull ?? defaults.whenFull,
      fail: failure,
      retries,
      backoff: yield* distribution("backoff", given.backoff, noBackoff),
      route: yield* routeOf(given.next, position, count, indexOf, fail),
      next: given.next,
    }
  })
}

/** Resolves and checks every stage; `settingName` names them in messages (`--stage`, a file's key). */
export const resolveStages = (
  given: ReadonlyArray<StageJson>,
  defaults: StageDefaults,
  settingName: string,
): Checked<ReadonlyArray<Stage>> => {
  if (given.length === 0)
    return Result.fail(usageError(`${settingName}: a pipeline needs at least one stage`))
  const indexOf = new Map<string, number>()
  for (const [position, stage] of given.entries()) {
    const problem = nameProblem(stage.name)
    if (problem !== undefined) return Result.fail(usageError(`${settingName} ${problem}`))
    if (indexOf.has(stage.name))
      return Result.fail(
        usageError(`${settingName} ${shown(stage.name)} is given twice: stage names are unique`),
      )
    indexOf.set(stage.name, position)
  }
  const stages: Array<Stage> = []
  for (const [position, stage] of given.entries()) {
    const resolved = resolveStage(stage, position, given.length, indexOf, defaults, settingName)
    if (Result.isFailure(resolved)) return Result.fail(resolved.failure)
    stages.push(resolved.success)
  }
  const trapped = trappedStage(stages)
  if (trapped !== undefined)
    return Result.fail(
      usageError(
        `${settingName} ${shown((stages[trapped] as Stage).name)}: its items circle for ever, no route from it leaves the pipeline (give one a next of null, or end at the last stage)`,
      ),
    )
  const round = deadlockRound(stages)
  if (round !== undefined) {
    const names = [...round, round[0] as number].map((index) => (stages[index] as Stage).name)
    return Result.fail(
      usageError(
        `${settingName} ${shown(names[0] as string)}: items can go round ${names.join(" -> ")} through bounded queues that suspend, and once all are full their workers hold each other's items for ever (give one of them capacity=none, or when-full=drop or slide)`,
      ),
    )
  }
  return Result.succeed(stages)
}

/** A stage as a recording stores it: every key written, each value spelled as a user types it. */
export const stageToJson = (stage: Stage): StageJson => ({
  name: stage.name,
  workers: stage.workers,
  process: formatDistribution(stage.process),
  capacity: stage.capacity,
  whenFull: stage.whenFull,
  fail: stage.fail,
  retries: stage.retries,
  // Only where it means something: a backoff without retries is refused when read back.
  ...(stage.retries === 0 ? {} : { backoff: formatDistribution(stage.backoff) }),
  ...(stage.next === undefined ? {} : { next: stage.next }),
})

/** The name of worker `index` (from 1) of a stage: `parse-1`. The number after the last `-` is the worker's. */
export const workerName = (stage: string, index: number): string => `${stage}-${index}`
