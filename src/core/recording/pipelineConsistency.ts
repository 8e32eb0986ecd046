/**
 * The consistency check of a pipeline's recording (format version 2): the story of consistency.ts,
 * told once per stage, each stage's queue one more item lifecycle. Beyond what the Schema checks:
 * - times never go back, and stay within the timeout;
 * - every event names a stage of the scenario, and comes from an actor that may report it: a
 *   producer offers items to the first stage only; a stage's own worker picks up, processes, fails,
 *   retries, dead-letters and lets items depart there; a worker forwards (and is held) only to a
 *   stage its own stage routes to;
 * - in each stage an item goes entered -> (held -> handed on) -> dequeued -> processed or failed, or
 *   is dropped from the queue, as the lifecycle tells it; it enters a stage again only after its
 *   attempt there ended (a retry, or a route back);
 * - an item is forwarded, departs or is dead-lettered only after its attempt in that stage ended,
 *   keeps its value, and does nothing once it has left the pipeline;
 * - an item's failed attempts in a stage are counted from 1 and the stage can fail; it is retried
 *   while it has retries left, and dead-lettered only after its last allowed attempt failed;
 * - no queue holds more than its capacity for any length of time;
 * - a completed run has every item out of the pipeline.
 */
import type { RecordedLine, RunEnd } from "../engine/events.ts"
import type { ActorRoster } from "../lifecycle/actorRoster.ts"
import { EventCode, ItemLifecycle, Misstep, Place } from "../lifecycle/itemLifecycle.ts"
import { stageStepOf } from "../lifecycle/stageSteps.ts"
import { formatSecondsPlain } from "../render/numbers.ts"
import type { Scenario } from "../scenario/scenario.ts"
import type { Route, Stage } from "../scenario/stages.ts"
import { quoteUntrusted } from "./quoteUntrusted.ts"

const seconds = (micros: number) => `${formatSecondsPlain(micros)} s`
const where = (index: number, event: RecordedLine) => `events[${index}] (at ${seconds(event.at)})`

/** Who reports each event: a producer, the stage's own worker, or a worker of a stage routing there. */
type Reporter = "producer" | "own worker" | "upstream worker" | "anyone"
const reporters: ReadonlyMap<string, Reporter> = new Map(
  Object.entries({
    produced: "producer",
    handedOver: "producer",
    blocked: "anyone",
    enqueued: "anyone",
    dropped: "anyone",
    forwarded: "upstream worker",
    held: "upstream worker",
    handedOn: "upstream worker",
    dequeued: "own worker",
    processed: "own worker",
    failed: "own worker",
    retried: "own worker",
    deadLettered: "own worker",
    departed: "own worker",
  } satisfies Record<string, Reporter>),
)

const targetsOf = (route: Route): ReadonlyArray<number> =>
  route.kind === "stage" ? [route.stage] : route.kind === "branches" ? route.branches.map((b) => b.stage) : []

/** Events after which the item has left its attempt in the stage and may go on. */
const attemptEnded = (place: Place) => place === Place.Processed

export class PipelineConsistencyCheck {
  private readonly queues: ReadonlyArray<ItemLifecycle>
  private readonly stages: ReadonlyArray<Stage>
  private readonly values: Array<number> = []
  private readonly gone: Array<boolean> = []
  private goneCount = 0
  private readonly made: Array<number> = []
  /** Failed attempts so far of each item in each stage, until its attempt there succeeds. */
  private readonly failures: ReadonlyArray<Map<number, number>>
  private readonly total: number
  private readonly timeout: number
  private previousAt = 0
  private index = 0
  actor = -1
  private readonly roster: ActorRoster
  private readonly scenario: Scenario

  constructor(scenario: Scenario, stages: ReadonlyArray<Stage>, roster: ActorRoster, timeout: number) {
    this.scenario = scenario
    this.stages = stages
    this.roster = roster
    this.queues = stages.map(() => new ItemLifecycle())
    this.failures = stages.map(() => new Map())
    this.total = scenario.producers * scenario.itemsPerProducer
    this.timeout = timeout
  }

  private overfull(at: number): string | undefined {
    if (at > this.previousAt) {
      for (const [index, queue] of this.queues.entries()) {
        const capacity = (this.stages[index] as Stage).capacity
        if (capacity !== null && queue.depth > capacity)
          return `the queue of stage ${quoteUntrusted((this.stages[index] as Stage).name)} holds ${queue.depth} items from ${seconds(this.previousAt)} on, over its capacity of ${capacity}`
      }
    }
    this.previousAt = at
    return undefined
  }

  check(event: RecordedLine): string | undefined {
    const index = this.index++
    const here = where(index, event)
    if (event.at < this.previousAt)
      return `${here}: time goes backwards, after an event at ${seconds(this.previousAt)}`
    if (event.at > this.timeout)
      return `${here}: comes after the scenario's timeout (${seconds(this.timeout)})`
    const overfull = this.overfull(event.at)
    if (overfull !== undefined) return `${here}: ${overfull}`
    // A Map: a recording's type named like an object's own keys (`constructor`) is unknown too.
    const kind = reporters.get(event.type)
    // Readers skip event types they do not know.
    if (kind === undefined) {
      this.actor = -1
      return undefined
    }
    if (event.item === undefined || event.value === undefined)
      return `${here}: a ${event.type} event needs an item and a value`
    if (event.stage === undefined) return `${here}: a ${event.type} event carries no stage`
    const stageIndex = this.roster.stageIndexOf(event.stage)
    if (stageIndex < 0)
      return `${here}: a ${event.type} event names stage ${quoteUntrusted(event.stage)}, which is none of the scenario's`
    const actor = this.roster.indexOf(event.actor)
    const ownStage = actor < 0 ? -1 : this.roster.stageOf(actor)
    const allowed =
      actor >= 0 &&
      (kind === "anyone" ||
        (kind === "producer" && this.roster.isProducer(actor) && stageIndex === 0) ||
        (kind === "own worker" && ownStage === stageIndex) ||
        (kind === "upstream worker" &&
          ownStage >= 0 &&
          targetsOf((this.stages[ownStage] as Stage).route).includes(stageIndex)))
    if (!allowed)
      return `${here}: a ${event.type} event in stage ${quoteUntrusted(event.stage)} comes from ${quoteUntrusted(event.actor)}, which may not report it there`
    this.actor = actor
    const item = event.item
    const problem = (text: string) => `${here}: item ${item} ${text}`
    if (item < 1 || item > this.total)
      return problem(`is not one of the scenario's ${this.total} items (ids 1 to ${this.total})`)
    const known = this.values[item] !== undefined
    if (!known && event.type !== "produced") return problem(`is ${event.type} but was never produced`)
    if (known && this.values[item] !== event.value)
      return problem(`has value ${event.value}, but was produced with ${this.values[item]}`)
    if (this.gone[item] === true) return problem(`is ${event.type} after it left the pipeline`)
    const queue = this.queues[stageIndex] as ItemLifecycle
    if (event.type === "forwarded" || event.type === "departed" || event.type === "deadLettered") {
      // The item's attempt in the worker's own stage is over (processed, or failed for good).
      const own = this.queues[ownStage] as ItemLifecycle
      if (!attemptEnded(own.placeOf(item))) return problem(`is ${event.type} before its attempt there ended`)
    }
    const attempts = this.attemptProblem(event, stageIndex, item)
    if (attempts !== undefined) return problem(attempts)
    if (event.type === "departed" || event.type === "deadLettered" || event.type === "dropped") {
      this.gone[item] = true
      this.goneCount++
    }
    const step = stageStepOf(event.type)
    if (step < 0) return undefined
    const before = queue.placeOf(item)
    const misstep = queue.apply(step, event.at, actor, item, event.value)
    // Entering a stage again after an attempt there ended is a retry or a route back.
    const revisit = step === EventCode.produced && event.type !== "produced" && attemptEnded(before)
    if (misstep !== Misstep.None && !(revisit && misstep === Misstep.ProducedTwice))
      return problem(
        `breaks its story in stage ${quoteUntrusted(event.stage)} (${event.type} after ${placeName(before)})`,
      )
    if (event.type === "produced") {
      const count = (this.made[actor] ?? 0) + 1
      this.made[actor] = count
      if (event.value !== count * count)
        return problem(
          `has value ${event.value}, but item ${count} of ${quoteUntrusted(event.actor)} has the value ${count * count}`,
        )
      this.values[item] = event.value
    }
    return undefined
  }

  /** What is wrong with the item's failed attempts, retries and dead letter in its stage, if anything. */
  private attemptProblem(event: RecordedLine, stageIndex: number, item: number): string | undefined {
    const stage = this.stages[stageIndex] as Stage
    const failures = this.failures[stageIndex] as Map<number, number>
    const failed = failures.get(item) ?? 0
    const name = quoteUntrusted(stage.name)
    switch (event.type) {
      case "failed": {
        if (stage.fail === 0) return `fails in stage ${name}, whose fail is 0`
        if (event.attempt !== failed + 1)
          return `fails attempt ${event.attempt ?? "(none given)"} in stage ${name}, but that is its attempt ${failed + 1} there`
        failures.set(item, failed + 1)
        return undefined
      }
      case "retried":
        if (failed === 0) return `is retried in stage ${name} with no failed attempt there`
        return failed > stage.retries
          ? `is retried in stage ${name} after its attempt ${failed} there failed, but the stage allows ${stage.retries + 1} attempt${stage.retries === 0 ? "" : "s"}`
          : undefined
      case "deadLettered":
        return failed <= stage.retries
          ? `is dead-lettered in stage ${name} after its attempt ${failed} there, before its last allowed attempt (${stage.retries + 1})`
          : undefined
      case "processed":
        failures.delete(item)
        return undefined
      default:
        return undefined
    }
  }

  checkEnd(end: RunEnd): string | undefined {
    if (end.at < this.previousAt) return `end.at (${seconds(end.at)}) is before the last event`
    const overfull = this.overfull(end.at)
    if (overfull !== undefined) return `end: ${overfull}`
    if (end.at > this.timeout)
      return `end.at (${seconds(end.at)}) is after the scenario's timeout (${seconds(this.timeout)})`
    if (end.reason === "timeout" && this.scenario.timeoutMicros === null)
      return "the run ends by a timeout, but its scenario has none"
    if (end.reason === "completed" && this.goneCount < this.total) {
      let item = 1
      while (item <= this.total && this.gone[item] === true) item++
      return `the run completed, but item ${item} of its ${this.total} never left the pipeline`
    }
    return undefined
  }
}

const placeName = (place: Place): string =>
  ["nothing", "entering", "being held", "entering", "a pick-up", "its attempt", "being dropped"][place] ?? "?"
