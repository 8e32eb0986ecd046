/**
 * What the run holds at the playhead: the items waiting in the queue (oldest first, with how long
 * each has waited), what each consumer is processing and each blocked producer holds, and how far
 * each producer has got (a lane of many actors: its members' counts). Where the page holds no
 * events, it says so and gives the column's depth.
 */
import type { WaitingItem } from "../../core/pageData/pageData.ts"
import type { PageRun } from "../../core/pageData/pageRun.ts"
import { PipelineRunState } from "../../core/pageData/pipelineRunState.ts"
import { RunState } from "../../core/pageData/runState.ts"
import { append, html } from "../shared/dom.ts"
import { formatCount, formatDurationShort, formatSecondsExact } from "./format.ts"
import type { PreparedRun } from "./preparedRun.ts"
import { QueueCursor } from "./queueAt.ts"
import { stageClass, stageColors } from "./stageColors.ts"

const mostItemsListed = 40
/** A pipeline lists fewer of each stage's queue, so that every queue and worker fits the pane. */
const mostItemsPerStage = 5

const describeItem = (item: { readonly item: number; readonly value: number | undefined }) =>
  item.value === undefined ? `item ${item.item}` : `value ${item.value}`

const columnDepth = (run: PageRun, at: number): string => {
  const { columns } = run.data
  const column = Math.min(columns.count - 1, Math.floor(at / columns.width))
  const low = columns.depthMin[column]
  const high = columns.depthMax[column]
  return low === null || high === null || low === undefined || high === undefined
    ? "unknown"
    : low === high
      ? `${low}`
      : `between ${low} and ${high}`
}

export class QueuePane {
  readonly element = html("div", { class: "queue", "data-role": "queue" })
  private readonly prepared: PreparedRun
  private readonly cursor: QueueCursor

  constructor(prepared: PreparedRun) {
    this.prepared = prepared
    this.cursor = new QueueCursor(prepared)
  }

  update(at: number): void {
    const run = this.prepared.run
    const found = this.cursor.at(at)
    if (!found.known) {
      this.element.replaceChildren(
        html(
          "p",
          { class: "note" },
          `No single events held here (they are held up to ${(found.heldUntil / 1e6).toFixed(2)} s in this stretch).`,
        ),
        html(
          "p",
          {},
          `Queue depth in this ${formatDurationShort(run.data.columns.width)} column: ${columnDepth(run, at)}.`,
        ),
      )
      return
    }
    const { state } = found
    // Past a run's end (a shorter run beside longer ones on a shared axis), times stop at its end.
    const now = Math.min(at, run.end.at)
    const ended =
      at > run.end.at ? `, as the run ended (${run.end.reason}) at ${(run.end.at / 1e6).toFixed(3)} s` : ""
    const stages = run.data.stages
    const queues =
      state instanceof PipelineRunState && stages !== undefined
        ? stages.flatMap((stage, index) => {
            const depth = state.depthOf(index)
            return [
              html(
                "p",
                { class: `queue-title stage-${index % stageColors}` },
                `Queue of ${stage.name}: ${depth} waiting${depth > 0 ? " (oldest first)" : ""}${index === 0 ? ended : ""}`,
              ),
              this.waitingList(state.waitingIn(index), now, mostItemsPerStage),
            ]
          })
        : state instanceof RunState
          ? [
              html(
                "p",
                { class: "queue-title" },
                `Queue: ${state.depth} waiting${state.depth > 0 ? " (oldest first)" : ""}${ended}`,
              ),
              this.waitingList(state.waiting(), now, mostItemsListed),
            ]
          : []
    const actors = html("ul", { class: "holding" })
    run.data.actors.forEach((actor, index) => {
      const held = state.held(index)
      const done = state.doneBy(index)
      const holding = held === null ? undefined : Math.max(0, now - held.since)
      // A lane of many counts its members' items; what each holds is not kept (its busy share is drawn).
      const members = actor.members ?? 1
      const heldUp =
        held?.blockedOn !== undefined && stages !== undefined && actor.role === "consumer"
          ? `held by the full queue of ${stages[held.blockedOn]?.name ?? "?"} with ${describeItem(held)} for ${formatDurationShort(holding ?? 0)}`
          : undefined
      const text =
        members > 1
          ? actor.role === "consumer"
            ? `${formatCount(members)} ${stages === undefined ? "consumers" : "workers"}, ${formatCount(done)} done`
            : `${formatCount(members)} producers, made ${formatCount(done)} of ${formatCount(members * run.header.scenario.items)}`
          : actor.role === "consumer"
            ? held === null
              ? `idle (${done} done)`
              : `${heldUp ?? `processing ${describeItem(held)} for ${formatDurationShort(holding ?? 0)}`} (${done} done)`
            : held === null
              ? `made ${done} of ${run.header.scenario.items}`
              : `blocked on a full queue with ${describeItem(held)} for ${formatDurationShort(holding ?? 0)}`
      append(
        actors,
        append(
          html("li", {
            class: `${actor.role}${stageClass(actor.stage)}`,
            title: holding === undefined ? undefined : `for ${formatSecondsExact(holding)}`,
          }),
          html("span", { class: "who" }, actor.name),
          html("span", {}, ` ${text}`),
        ),
      )
    })
    this.element.classList.toggle("pipeline", stages !== undefined)
    this.element.replaceChildren(...queues, actors)
  }

  /** A queue's waiting items, the oldest `most` of them listed. */
  private waitingList(
    { listed, unlisted }: { readonly listed: ReadonlyArray<WaitingItem>; readonly unlisted: number },
    now: number,
    most: number,
  ): HTMLElement {
    const run = this.prepared.run
    const queue = html("ol", { class: "waiting" })
    for (const item of listed.slice(0, most)) {
      const producer = run.data.actors[item.producer]?.name ?? "?"
      const waited = Math.max(0, now - item.producedAt)
      queue.appendChild(
        html(
          "li",
          { title: `waiting ${formatSecondsExact(waited)}` },
          `${describeItem(item)} from ${producer}, waiting ${formatDurationShort(waited)}`,
        ),
      )
    }
    const more = listed.length - Math.min(listed.length, most) + unlisted
    if (more > 0) queue.appendChild(html("li", { class: "note" }, `… and ${formatCount(more)} more`))
    return queue
  }
}
