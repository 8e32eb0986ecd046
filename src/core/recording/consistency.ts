/**
 * Checks what the Schema cannot: that a recording tells a story its own scenario could have told,
 * so that replay never renders an impossible one as truth (a negative queue, a utilization of 500%).
 * Event by event, so that a large recording is checked as it is read; replay and `--verify` both
 * read through it. The story:
 * - times never go back, and stay within the timeout;
 * - every item (an id from 1 to producers x items) goes produced -> (blocked -> enqueued) ->
 *   dequeued -> processed, or is dropped from the queue, each step once, as the run's item
 *   lifecycle (lifecycle/itemLifecycle.ts) tells it (a producer's `handedOver` may come at any
 *   point after `produced`);
 * - an item keeps its value, which is its producer's count squared (the n-th item made by a
 *   producer has the value n^2, as in the course's programs);
 * - producers and consumers are those the scenario has; a consumer holds one item at a time, and
 *   processes the one it took;
 * - the queue never holds more than its capacity for any length of time (within an instant it may:
 *   an offer to a full queue is counted before it is refused or waits);
 * - a run that ends by its timeout ends at it.
 */
import * as Result from "effect/Result"
import {
  type EventType,
  isKnownEvent,
  type RecordedLine,
  type RunEnd,
  type RunHeader,
  type SimEvent,
} from "../engine/events.ts"
import { type ActorRole, ActorRoster } from "../lifecycle/actorRoster.ts"
import { EventCode, eventTypeCode, ItemLifecycle, Misstep, Place } from "../lifecycle/itemLifecycle.ts"
import { formatSecondsPlain } from "../render/numbers.ts"
import { resolveSettings, type Scenario, scenarioSettingsOf, totalItems } from "../scenario/scenario.ts"
import { PipelineConsistencyCheck } from "./pipelineConsistency.ts"
import { quoteUntrusted } from "./quoteUntrusted.ts"

/** What a recording's story is checked by, event by event: a single queue's, or a pipeline's. */
export interface StoryCheck {
  /** The problem with the next event, if it could not have happened. */
  check(event: RecordedLine): string | undefined
  /**
   * For the last event that passed: its actor's index in the run's roster (actorRoster.ts), which a
   * reader hands on so that the folds look no name up; -1 for an event of a type this version does
   * not know, which the reader sets aside.
   */
  readonly actor: number
  /** The problem with the end, after the last event. */
  checkEnd(end: RunEnd): string | undefined
}

const isFinished = (place: Place): boolean => place === Place.Processed || place === Place.Dropped

const ordinal = (count: number): string => {
  const tens = count % 100
  const suffix = tens >= 11 && tens <= 13 ? "th" : (["th", "st", "nd", "rd"][count % 10] ?? "th")
  return `${count}${suffix}`
}

/** Who may report each item event: the producer handing it over, or a consumer (a pipeline's own types have no place in one queue). */
const reporters: Readonly<Partial<Record<EventType, ActorRole>>> = {
  produced: "producer",
  handedOver: "producer",
  blocked: "producer",
  enqueued: "producer",
  dropped: "producer",
  dequeued: "consumer",
  processed: "consumer",
}

/** The lifecycle's missteps, in words (a `DequeuedWhileHolding` names the item held: see check()). */
const misstepText: Readonly<Record<Misstep, string>> = {
  [Misstep.None]: "",
  [Misstep.NeverProduced]: "",
  [Misstep.ProducedTwice]: "is produced twice",
  [Misstep.BlockedNotOffered]: "is blocked but is not being handed over",
  [Misstep.EnqueuedNotBlocked]: "is enqueued but was not waiting to enter the queue",
  [Misstep.DroppedTwice]: "is dropped twice",
  [Misstep.DroppedNotInQueue]: "is dropped but is not in the queue",
  [Misstep.DequeuedAfterDropped]: "is dequeued after it was dropped",
  [Misstep.DequeuedBeforeEntering]: "is dequeued before it entered the queue",
  [Misstep.DequeuedTwice]: "is dequeued twice",
  [Misstep.DequeuedWhileHolding]: "",
  [Misstep.ProcessedTwice]: "is processed twice",
  [Misstep.ProcessedNotDequeued]: "is processed but was never dequeued",
  [Misstep.ProcessedByAnother]: "is processed by another consumer than the one that took it",
}

/** The latest moment an event may have; live runs keep real times: their timeout fires a little after its moment. */
const timeoutOf = (scenario: Scenario): number =>
  scenario.clock === "virtual" && scenario.timeoutMicros !== null
    ? scenario.timeoutMicros
    : Number.POSITIVE_INFINITY

const seconds = (micros: number) => `${formatSecondsPlain(micros)} s`

const where = (index: number, event: RecordedLine) => `events[${index}] (at ${seconds(event.at)})`

const itemProblem = (index: number, event: RecordedLine, text: string) =>
  `${where(index, event)}: item ${event.item} ${text}`

export class ConsistencyCheck implements StoryCheck {
  private readonly items = new ItemLifecycle()
  private readonly roster: ActorRoster
  /** By item id: the value it was produced with (ids are small integers: a dense array). */
  private readonly values: Array<number> = []
  private readonly total: number
  private readonly capacity: number
  private readonly timeout: number
  private previousAt = 0
  private index = 0
  actor = -1

  private readonly scenario: Scenario

  private constructor(scenario: Scenario) {
    this.scenario = scenario
    this.roster = new ActorRoster(scenario)
    this.total = totalItems(scenario)
    this.capacity = scenario.capacity ?? Number.POSITIVE_INFINITY
    this.timeout = timeoutOf(scenario)
  }

  /** The check of a recording with this header, or the problem with the header itself. */
  static of(header: RunHeader): StoryCheck | string {
    const resolved = resolveSettings(scenarioSettingsOf(header.scenario), (key) => `meta.scenario.${key}`)
    if (Result.isFailure(resolved)) return resolved.failure.message
    const scenario = resolved.success
    for (const key of ["mode", "seed", "clock"] as const) {
      if (header[key] !== header.scenario[key]) {
        return `meta.${key} (${quoteUntrusted(header[key])}) is not meta.scenario.${key} (${quoteUntrusted(header.scenario[key])})`
      }
    }
    if (scenario.stages === null) return new ConsistencyCheck(scenario)
    return new PipelineConsistencyCheck(
      scenario,
      scenario.stages,
      new ActorRoster(scenario),
      timeoutOf(scenario),
    )
  }

  /** The reporting actor's index, or the problem: it is none of the scenario's actors of that role. */
  private actorOf(index: number, event: SimEvent, role: ActorRole): number | string {
    const actor = this.roster.indexOf(event.actor)
    if (actor >= 0 && this.roster.roleOf(actor) === role) return actor
    const limit = role === "producer" ? this.scenario.producers : this.scenario.consumers
    return `${where(index, event)}: a ${event.type} event comes from ${quoteUntrusted(event.actor)}, which is none of the scenario's ${limit} ${role}s`
  }

  /** Time moves on: what the queue held until now must have fitted in it. */
  private overfull(at: number): boolean {
    if (at > this.previousAt && this.items.depth > this.capacity) return true
    this.previousAt = at
    return false
  }

  private overfullProblem(what: string): string {
    return `${what}: the queue holds ${this.items.depth} items from ${seconds(this.previousAt)} on, over its capacity of ${this.capacity}`
  }

  /** The problem with the next event, if it could not have happened. */
  check(event: RecordedLine): string | undefined {
    const index = this.index++
    if (event.at < this.previousAt) {
      return `${where(index, event)}: time goes backwards, after an event at ${seconds(this.previousAt)}`
    }
    if (event.at > this.timeout) {
      return `${where(index, event)}: comes after the scenario's timeout (${seconds(this.timeout)})`
    }
    if (this.overfull(event.at)) return this.overfullProblem(where(index, event))
    // A type this version does not know moves nothing (the reader sets it aside after this check).
    if (!isKnownEvent(event)) {
      this.actor = -1
      return undefined
    }
    const kind = reporters[event.type]
    if (kind === undefined)
      return `${where(index, event)}: a ${event.type} event belongs to a pipeline (a version 2 recording)`
    if (event.item === undefined || event.value === undefined) {
      return `${where(index, event)}: a ${event.type} event needs an item and a value`
    }
    const actor = this.actorOf(index, event, kind)
    if (typeof actor === "string") return actor
    this.actor = actor
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
    const code = eventTypeCode(event.type)
    const known = this.items.placeOf(item) !== Place.Unknown
    if (!known && code !== EventCode.produced) {
      return itemProblem(index, event, `is ${event.type} but was never produced`)
    }
    if (known && this.values[item] !== event.value) {
      return itemProblem(index, event, `has value ${event.value}, but was produced with ${this.values[item]}`)
    }
    const holding = this.items.heldBy(actor)
    const misstep = this.items.apply(code, event.at, actor, item, event.value)
    if (misstep === Misstep.DequeuedWhileHolding) {
      return itemProblem(index, event, `is dequeued by ${event.actor}, which still holds item ${holding}`)
    }
    if (misstep !== Misstep.None) return itemProblem(index, event, misstepText[misstep])
    if (code === EventCode.produced) {
      // A producer's n-th item has the value n squared, as the course's programs make it.
      const count = this.items.doneBy(actor)
      if (event.value !== count * count) {
        return itemProblem(
          index,
          event,
          `has value ${event.value}, but the ${ordinal(count)} item of ${event.actor} has the value ${count * count}`,
        )
      }
      this.values[item] = event.value
    }
    return undefined
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
    if (end.reason === "completed" && this.items.finished < this.total) {
      // Said once, at the end: which item the run did not finish with, and what became of it.
      let item = 1
      while (item <= this.total && isFinished(this.items.placeOf(item))) item++
      const place = this.items.placeOf(item)
      const state =
        place === Place.Unknown
          ? "was never produced"
          : place === Place.Held
            ? "was never processed"
            : "was never taken"
      return `the run completed, but item ${item} of its ${this.total} ${state}`
    }
    return undefined
  }
}
