/**
 * Checks what the Schema cannot: that a recording tells a story its own scenario could have told,
 * so that replay never renders an impossible one as truth (a negative queue, a utilization of 500%).
 * Event by event, so that a large recording is checked as it is read; replay and `--verify` both
 * read through it. The story:
 * - times never go back, and stay within the timeout;
 * - every item (an id from 1 to producers x items) goes produced -> (blocked -> enqueued) ->
 *   dequeued -> processed, or is dropped from the queue, each step once, keeping its value (a
 *   producer's `handedOver` may come at any point after `produced`);
 * - producers and consumers are those the scenario has; a consumer holds one item at a time, and
 *   processes the one it took;
 * - the queue never holds more than its capacity for any length of time (within an instant it may:
 *   an offer to a full queue is counted before it is refused or waits);
 * - a run that ends by its timeout ends at it.
 */
import * as Result from "effect/Result"
import type { RunEnd, RunHeader, SimEvent } from "../engine/events.ts"
import { formatSecondsPlain } from "../render/numbers.ts"
import { resolveSettings, type Scenario, scenarioSettingsOf, totalItems } from "../scenario/scenario.ts"
import { quoteUntrusted } from "./quoteUntrusted.ts"

const Stage = { Produced: 1, Waiting: 2, Queued: 3, Dequeued: 4, Processed: 5, Dropped: 6 } as const
type Stage = (typeof Stage)[keyof typeof Stage]

/** Who may report each item event: the producer handing it over, or a consumer. */
const reporters: Record<string, "producer" | "consumer"> = {
  produced: "producer",
  handedOver: "producer",
  blocked: "producer",
  enqueued: "producer",
  dropped: "producer",
  dequeued: "consumer",
  processed: "consumer",
}

const seconds = (micros: number) => `${formatSecondsPlain(micros)} s`

const where = (index: number, event: SimEvent) => `events[${index}] (at ${seconds(event.at)})`

const itemProblem = (index: number, event: SimEvent, text: string) =>
  `${where(index, event)}: item ${event.item} ${text}`

/** `producer-3` -> 3 for the prefix `producer-`; 0 when the name is not of that form. */
const actorNumber = (actor: string, prefix: string): number => {
  if (!actor.startsWith(prefix)) return 0
  const digits = actor.slice(prefix.length)
  return /^[1-9]\d{0,8}$/.test(digits) ? Number(digits) : 0
}

export class ConsistencyCheck {
  // By item id: its stage, its value, and who picked it up. Ids are small integers (dense arrays).
  private readonly stages: Array<Stage | undefined> = []
  private readonly values: Array<number> = []
  private readonly pickedUpBy: Array<string | undefined> = []
  /** By consumer: the item it holds. */
  private readonly holding = new Map<string, number>()
  /** Known actors: their kind's number checked once. */
  private readonly actors = new Map<string, boolean>()
  private readonly total: number
  private readonly capacity: number
  private readonly timeout: number
  private depth = 0
  /** Items processed or dropped: a completed run has done with every one. */
  private finished = 0
  private previousAt = 0
  private index = 0

  private readonly scenario: Scenario

  private constructor(scenario: Scenario) {
    this.scenario = scenario
    this.total = totalItems(scenario)
    this.capacity = scenario.capacity ?? Number.POSITIVE_INFINITY
    // Live runs keep real times: their timeout fires a little after its moment.
    this.timeout =
      scenario.clock === "virtual" && scenario.timeoutMicros !== null
        ? scenario.timeoutMicros
        : Number.POSITIVE_INFINITY
  }

  /** The check of a recording with this header, or the problem with the header itself. */
  static of(header: RunHeader): ConsistencyCheck | string {
    const resolved = resolveSettings(scenarioSettingsOf(header.scenario), (key) => `meta.scenario.${key}`)
    if (Result.isFailure(resolved)) return resolved.failure.message
    const scenario = resolved.success
    for (const key of ["mode", "seed", "clock"] as const) {
      if (header[key] !== header.scenario[key]) {
        return `meta.${key} (${quoteUntrusted(header[key])}) is not meta.scenario.${key} (${quoteUntrusted(header.scenario[key])})`
      }
    }
    return new ConsistencyCheck(scenario)
  }

  private actorProblem(index: number, event: SimEvent, kind: "producer" | "consumer"): string | undefined {
    const known = this.actors.get(event.actor)
    if (known === true) return undefined
    const limit = kind === "producer" ? this.scenario.producers : this.scenario.consumers
    const number = actorNumber(event.actor, `${kind}-`)
    if (number >= 1 && number <= limit) {
      this.actors.set(event.actor, true)
      return undefined
    }
    return `${where(index, event)}: a ${event.type} event comes from ${quoteUntrusted(event.actor)}, which is none of the scenario's ${limit} ${kind}s`
  }

  /** Time moves on: what the queue held until now must have fitted in it. */
  private overfull(at: number): boolean {
    if (at > this.previousAt && this.depth > this.capacity) return true
    this.previousAt = at
    return false
  }

  private overfullProblem(what: string): string {
    return `${what}: the queue holds ${this.depth} items from ${seconds(this.previousAt)} on, over its capacity of ${this.capacity}`
  }

  /** The problem with the next event, if it could not have happened. */
  check(event: SimEvent): string | undefined {
    const index = this.index++
    if (event.at < this.previousAt) {
      return `${where(index, event)}: time goes backwards, after an event at ${seconds(this.previousAt)}`
    }
    if (event.at > this.timeout) {
      return `${where(index, event)}: comes after the scenario's timeout (${seconds(this.timeout)})`
    }
    if (this.overfull(event.at)) return this.overfullProblem(where(index, event))
    const kind = reporters[event.type]
    // Readers skip event types they do not know.
    if (kind === undefined) return undefined
    if (event.item === undefined || event.value === undefined) {
      return `${where(index, event)}: a ${event.type} event needs an item and a value`
    }
    const actor = this.actorProblem(index, event, kind)
    if (actor !== undefined) return actor
    const item = event.item
    if (item < 1 || item > this.total) {
      return itemProblem(
        index,
        event,
        `is not one of the scenario's ${this.total} items (ids 1 to ${this.total})`,
      )
    }
    if (event.index !== undefined && (event.index < 1 || event.index > this.scenario.itemsPerProducer)) {
      return itemProblem(
        index,
        event,
        `has index ${event.index}, beyond the ${this.scenario.itemsPerProducer} items a producer makes`,
      )
    }
    const stage = this.stages[item]
    if (stage === undefined && event.type !== "produced") {
      return itemProblem(index, event, `is ${event.type} but was never produced`)
    }
    if (stage !== undefined && this.values[item] !== event.value) {
      return itemProblem(index, event, `has value ${event.value}, but was produced with ${this.values[item]}`)
    }
    const problem = this.step(event, item, stage)
    return problem === undefined ? undefined : itemProblem(index, event, problem)
  }

  /**
   * The item's next stage, if it can follow the one it is in: the problem's text otherwise, which
   * check() places. No closures here: this runs for every event of a large recording.
   */
  private step(event: SimEvent, item: number, stage: Stage | undefined): string | undefined {
    const inQueue = stage === Stage.Produced || stage === Stage.Queued
    switch (event.type) {
      case "produced":
        if (stage !== undefined) return "is produced twice"
        this.stages[item] = Stage.Produced
        this.values[item] = event.value as number
        this.depth++
        return undefined
      case "handedOver":
        return undefined
      case "blocked":
        if (stage !== Stage.Produced) return "is blocked but is not being handed over"
        this.stages[item] = Stage.Waiting
        this.depth--
        return undefined
      case "enqueued":
        if (stage !== Stage.Waiting) return "is enqueued but was not waiting to enter the queue"
        this.stages[item] = Stage.Queued
        this.depth++
        return undefined
      case "dropped":
        if (!inQueue)
          return stage === Stage.Dropped ? "is dropped twice" : "is dropped but is not in the queue"
        this.stages[item] = Stage.Dropped
        this.depth--
        this.finished++
        return undefined
      case "dequeued": {
        if (stage === Stage.Dropped) return "is dequeued after it was dropped"
        if (!inQueue)
          return stage === Stage.Waiting ? "is dequeued before it entered the queue" : "is dequeued twice"
        const held = this.holding.get(event.actor)
        if (held !== undefined) return `is dequeued by ${event.actor}, which still holds item ${held}`
        this.stages[item] = Stage.Dequeued
        this.pickedUpBy[item] = event.actor
        this.holding.set(event.actor, item)
        this.depth--
        return undefined
      }
      default:
        if (stage === Stage.Processed) return "is processed twice"
        if (stage !== Stage.Dequeued) return "is processed but was never dequeued"
        if (this.pickedUpBy[item] !== event.actor)
          return "is processed by another consumer than the one that took it"
        this.stages[item] = Stage.Processed
        this.finished++
        this.pickedUpBy[item] = undefined
        this.holding.delete(event.actor)
        return undefined
    }
  }

  /** The problem with the end, after the last event. */
  checkEnd(end: RunEnd): string | undefined {
    if (end.at < this.previousAt) return `end.at (${seconds(end.at)}) is before the last event`
    if (this.overfull(end.at)) return this.overfullProblem("end")
    if (end.at > this.timeout)
      return `end.at (${seconds(end.at)}) is after the scenario's timeout (${seconds(this.timeout)})`
    if (end.reason === "timeout" && this.timeout !== Number.POSITIVE_INFINITY && end.at !== this.timeout) {
      return `the run ends by its timeout at ${seconds(end.at)}, not at the timeout (${seconds(this.timeout)})`
    }
    if (end.reason === "timeout" && this.scenario.timeoutMicros === null) {
      return "the run ends by a timeout, but its scenario has none"
    }
    if (end.reason === "completed" && this.finished < this.total) {
      // Said once, at the end: which item the run did not finish with, and what became of it.
      let item = 1
      while (
        item <= this.total &&
        (this.stages[item] === Stage.Processed || this.stages[item] === Stage.Dropped)
      )
        item++
      const stage = this.stages[item]
      const state =
        stage === undefined
          ? "was never produced"
          : stage === Stage.Dequeued
            ? "was never processed"
            : "was never taken"
      return `the run completed, but item ${item} of its ${this.total} ${state}`
    }
    return undefined
  }
}
