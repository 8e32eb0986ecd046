/**
 * Which lane of the page each actor of a run is drawn in. A role with up to `mostLanesPerRole`
 * actors has a lane per actor, as a small run always had; a role with more is split into that many
 * lanes of neighbours (producer-1 to producer-188, ...), each drawn from the sums of its members.
 * That keeps the page, and the memory that folds it, the same size whatever the actor count: the
 * time columns and the detail windows' starting states are kept per lane, never per actor.
 */
import type { ActorRole, HeldItem, PageActor, RunSnapshot } from "./pageData.ts"
import type { RunState } from "./runState.ts"

export const mostLanesPerRole = 16

interface LaneBuild {
  readonly role: ActorRole
  readonly first: string
  last: string
  members: number
}

export class ActorLanes {
  private readonly lanes: Array<LaneBuild> = []
  private readonly laneOfActor: Array<number> = []
  /** The last lane of each role, and how many lanes it has. */
  private readonly lastLane = new Map<ActorRole, number>()
  private readonly laneCount = new Map<ActorRole, number>()
  /** Members a lane of the role takes before the next one opens; set by the declared counts. */
  private readonly membersPerLane = new Map<ActorRole, number>()
  /** Whether some lane holds more than one actor. */
  grouped = false

  /** The scenario declares `count` actors of `role`: they share lanes if there are too many. */
  declare(role: ActorRole, count: number): void {
    this.membersPerLane.set(role, count <= mostLanesPerRole ? 1 : Math.ceil(count / mostLanesPerRole))
  }

  /**
   * The next actor (index = how many were added before), by name and role; answers its lane. An
   * actor the scenario did not declare (a hand-made recording) joins the last lane of its role once
   * the role has all its lanes, so even those cannot make the page grow.
   */
  add(name: string, role: ActorRole): number {
    const last = this.lastLane.get(role)
    const lanes = this.laneCount.get(role) ?? 0
    const lane = last === undefined ? undefined : this.lanes[last]
    const room = this.membersPerLane.get(role) ?? 1
    let index: number
    if (lane !== undefined && last !== undefined && (lane.members < room || lanes >= mostLanesPerRole)) {
      lane.members++
      lane.last = name
      this.grouped = true
      index = last
    } else {
      index = this.lanes.length
      this.lanes.push({ role, first: name, last: name, members: 1 })
      this.lastLane.set(role, index)
      this.laneCount.set(role, lanes + 1)
    }
    this.laneOfActor.push(index)
    return index
  }

  laneOf(actor: number): number {
    return this.laneOfActor[actor] as number
  }

  get actorCount(): number {
    return this.laneOfActor.length
  }

  get count(): number {
    return this.lanes.length
  }

  /** Whether the lane is one actor's own (what it holds can then be shown). */
  single(lane: number): boolean {
    return this.lanes[lane]?.members === 1
  }

  /** The lanes as the page lists them: an actor's own lane is exactly the actor. */
  pageActors(): Array<PageActor> {
    return this.lanes.map(({ role, first, last, members }) =>
      members === 1 ? { name: first, role } : { name: `${first} … ${last}`, role, members },
    )
  }

  /**
   * The run's state (kept per actor) as the page holds it, per lane: a lane of many holds no item
   * (its members hold many; their busy time is in the columns) and counts its members' done items.
   */
  snapshot(state: RunState, mostWaiting: number): RunSnapshot {
    const perActor = state.snapshot(mostWaiting)
    if (!this.grouped) return perActor
    const holding: Array<HeldItem | null> = this.lanes.map(() => null)
    const done: Array<number> = this.lanes.map(() => 0)
    perActor.done.forEach((count, actor) => {
      const lane = this.laneOf(actor)
      done[lane] = (done[lane] as number) + count
      if (this.single(lane)) holding[lane] = perActor.holding[actor] ?? null
    })
    return {
      depth: perActor.depth,
      waiting: perActor.waiting.map((item) => ({ ...item, producer: this.laneOf(item.producer) })),
      holding,
      done,
    }
  }
}
