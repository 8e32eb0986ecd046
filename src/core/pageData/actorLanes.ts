/**
 * Which lane of the page each actor of a run is drawn in. A role with up to `mostLanesPerRole`
 * actors has a lane per actor, as a small run always had; a role with more is split into that many
 * lanes of neighbours (producer-1 to producer-188, ...), each drawn from the sums of its members.
 * That keeps the page, and the memory that folds it, the same size whatever the actor count: the
 * time columns and the detail windows' starting states are kept per lane, never per actor.
 */
import type { ActorRole, ActorRoster } from "../lifecycle/actorRoster.ts"
import type { HeldItem, PageActor, RunSnapshot, WaitingItem } from "./pageData.ts"

/** A run's state (RunState, or a pipeline's) as far as its snapshots go. */
export interface SnapshotSource {
  snapshot(mostWaiting: number): RunSnapshot
}

export const mostLanesPerRole = 16

/** How many neighbouring actors of a role share a lane, for `count` of them. */
const membersPerLane = (count: number): number =>
  count <= mostLanesPerRole ? 1 : Math.ceil(count / mostLanesPerRole)

export class ActorLanes {
  /** The lanes, in the roster's order (producers, then consumers). */
  private readonly lanes: ReadonlyArray<PageActor>
  private readonly laneOfActor: Int32Array
  /** Whether some lane holds more than one actor. */
  readonly grouped: boolean

  constructor(roster: ActorRoster) {
    const lanes: Array<PageActor> = []
    this.laneOfActor = new Int32Array(roster.size)
    let actor = 0
    // A pipeline's workers are grouped stage by stage: a stage of many shares its own lanes.
    const addRole = (role: ActorRole, count: number, stage?: number) => {
      const size = membersPerLane(count)
      for (let first = 0; first < count; first += size) {
        const members = Math.min(size, count - first)
        const firstName = roster.nameOf(actor)
        const lastName = roster.nameOf(actor + members - 1)
        this.laneOfActor.fill(lanes.length, actor, actor + members)
        const lane: PageActor =
          members === 1 ? { name: firstName, role } : { name: `${firstName} … ${lastName}`, role, members }
        lanes.push(stage === undefined ? lane : { ...lane, stage })
        actor += members
      }
    }
    addRole("producer", roster.producers)
    if (roster.stages.length === 0) addRole("consumer", roster.size - roster.producers)
    for (const [index, stage] of roster.stages.entries()) addRole("consumer", stage.workers, index)
    this.lanes = lanes
    this.grouped = lanes.length < roster.size
  }

  laneOf(actor: number): number {
    return this.laneOfActor[actor] as number
  }

  get count(): number {
    return this.lanes.length
  }

  /** The lanes as the page lists them: an actor's own lane is exactly the actor. */
  pageActors(): ReadonlyArray<PageActor> {
    return this.lanes
  }

  /**
   * The run's state (kept per actor) as the page holds it, per lane: a lane of many holds no item
   * (its members hold many; their busy time is in the columns) and counts its members' done items.
   */
  snapshot(state: SnapshotSource, mostWaiting: number): RunSnapshot {
    const perActor = state.snapshot(mostWaiting)
    if (!this.grouped) return perActor
    const holding: Array<HeldItem | null> = this.lanes.map(() => null)
    const done: Array<number> = this.lanes.map(() => 0)
    perActor.done.forEach((count, actor) => {
      const lane = this.laneOf(actor)
      done[lane] = (done[lane] as number) + count
      if (this.lanes[lane]?.members === undefined) holding[lane] = perActor.holding[actor] ?? null
    })
    const byLane = (waiting: ReadonlyArray<WaitingItem>) =>
      waiting.map((item) => ({ ...item, producer: this.laneOf(item.producer) }))
    const lanes: RunSnapshot = { depth: perActor.depth, waiting: byLane(perActor.waiting), holding, done }
    return perActor.stages === undefined
      ? lanes
      : {
          ...lanes,
          stages: perActor.stages.map((stage) => ({ depth: stage.depth, waiting: byLane(stage.waiting) })),
        }
  }
}
