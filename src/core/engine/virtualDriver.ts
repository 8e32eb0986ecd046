/**
 * The fast virtual-time driver, a discrete-event loop for Effect fibers. Its `Clock` puts every
 * sleep into a heap of wake-ups ordered by (time, registration), and its `Scheduler` queues every
 * fiber's tasks in one first-in, first-out array instead of real timers (Effect's MixedScheduler
 * keeps a queue and a timer per fiber; one array costs less on zero-pause runs). The loop runs
 * every queued task, then jumps the clock to the earliest wake-up, until the program ends. Same
 * semantics as TestClock (equal wake-ups keep their order, woken fibers settle before the next
 * wake-up) without waiting on the real event loop: test/engine/drivers.test.ts holds the two
 * drivers to byte-identical recordings, tie-heavy scenarios included.
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Scheduler from "effect/Scheduler"
import { type MicrosecondClock, makeMicrosecondClock, stalledRun } from "./microsecondClock.ts"
import { RunPlatform } from "./runPlatform.ts"

/** A sleeping fiber's wake-up. A class, so that the hot path allocates no closures. */
class WakeUp {
  readonly at: number
  readonly order: number
  readonly resume: (effect: Effect.Effect<void>) => void

  constructor(at: number, order: number, resume: (effect: Effect.Effect<void>) => void) {
    this.at = at
    this.order = order
    this.resume = resume
  }
}

/** A binary min-heap of wake-ups by (at, order). */
class WakeUpHeap {
  private readonly entries: Array<WakeUp> = []

  get size(): number {
    return this.entries.length
  }

  private static before(a: WakeUp, b: WakeUp): boolean {
    return a.at < b.at || (a.at === b.at && a.order < b.order)
  }

  push(entry: WakeUp): void {
    const entries = this.entries
    let index = entries.length
    entries.push(entry)
    while (index > 0) {
      const parent = (index - 1) >> 1
      const parentEntry = entries[parent] as WakeUp
      if (!WakeUpHeap.before(entry, parentEntry)) break
      entries[index] = parentEntry
      index = parent
    }
    entries[index] = entry
  }

  pop(): WakeUp | undefined {
    const entries = this.entries
    const top = entries[0]
    const last = entries.pop()
    if (top === undefined || last === undefined || entries.length === 0) return top
    const length = entries.length
    let index = 0
    while (true) {
      const left = 2 * index + 1
      if (left >= length) break
      const right = left + 1
      const leftEntry = entries[left] as WakeUp
      const rightEntry = entries[right]
      const child = rightEntry !== undefined && WakeUpHeap.before(rightEntry, leftEntry) ? right : left
      const childEntry = entries[child] as WakeUp
      if (!WakeUpHeap.before(childEntry, last)) break
      entries[index] = childEntry
      index = child
    }
    entries[index] = last
    return top
  }
}

export class VirtualDriver {
  private nowMicros = 0
  private order = 0
  private readonly wakeUps = new WakeUpHeap()
  private tasks: Array<() => void> = []

  // One first-in, first-out queue of tasks for every fiber (priorities are all 0 on our paths).
  private readonly dispatcher: Scheduler.SchedulerDispatcher = {
    scheduleTask: (task) => {
      this.tasks.push(task)
    },
    flush: () => this.runTasks(),
  }
  // When a long-running fiber should let others run: Effect's own rule (an operation budget).
  private readonly yieldRule = new Scheduler.MixedScheduler()
  readonly scheduler: Scheduler.Scheduler = {
    executionMode: "async",
    shouldYield: (fiber) => this.yieldRule.shouldYield(fiber),
    makeDispatcher: () => this.dispatcher,
  }

  readonly clock: MicrosecondClock = makeMicrosecondClock(
    () => this.nowMicros,
    (micros) =>
      // No cancelling effect is returned: Effect would then wrap every resumption in an
      // uninterruptible region and allocate four objects per sleep, on the hottest path. An
      // interrupted fiber's wake-up stays in the heap and resumes nothing when its time comes.
      Effect.callback<void>((resume) => {
        if (!(micros > 0)) return resume(Effect.void)
        this.wakeUps.push(new WakeUp(this.nowMicros + micros, this.order++, resume))
      }),
  )

  get now(): number {
    return this.nowMicros
  }

  /** Runs the tasks queued so far; those they queue wait for the next batch (like setImmediate). */
  private runTaskBatch(): void {
    const batch = this.tasks
    this.tasks = []
    for (const task of batch) task()
  }

  /** Runs queued tasks until none is left. */
  runTasks(): void {
    while (this.tasks.length > 0) this.runTaskBatch()
  }

  /**
   * Runs tasks and wake-ups until `isDone()` or `shouldPause()`, nothing is left to do, or
   * `budgetMillis` of wall time have passed. Answers whether anything is left to do.
   */
  runFor(
    budgetMillis: number,
    wallMillis: () => number,
    isDone: () => boolean,
    shouldPause: () => boolean = () => false,
  ): boolean {
    const deadline = wallMillis() + budgetMillis
    let steps = 0
    while (!isDone()) {
      // Every task due now runs before time moves on; zero-pause runs are nothing but tasks,
      // so the deadline is checked between batches of them too.
      if (this.tasks.length > 0) {
        this.runTaskBatch()
      } else {
        const wakeUp = this.wakeUps.pop()
        if (wakeUp === undefined) return false
        this.nowMicros = wakeUp.at
        // An interrupted fiber ignores this; nothing runs, and the next wake-up moves time on.
        wakeUp.resume(Effect.void)
      }
      if ((++steps & 255) === 0 && (wallMillis() > deadline || shouldPause())) return true
    }
    return true
  }
}

/** Wall time the loop runs before it lets the real event loop turn. */
const sliceMillis = 25

export interface SliceOptions<E = never> {
  /** Runs between slices of the loop (it may wait, and fail: a reader of recorded events does). */
  readonly betweenSlices?: Effect.Effect<void, E>
  /** Ends a slice early, checked every 256 steps (when a consumer of events has enough to do). */
  readonly pauseWhen?: () => boolean
}

/**
 * Runs `program` on fast virtual time. The loop runs in slices of ~25 ms of wall time and lets the
 * platform's event loop turn between them (runPlatform.ts), so Ctrl-C and the progress line keep
 * working during long runs.
 */
export const runOnFastVirtualClock = <A, E, E2 = never>(
  program: Effect.Effect<A, E>,
  options: SliceOptions<E2> = {},
): Effect.Effect<A, E | E2> =>
  Effect.gen(function* () {
    const platform = yield* RunPlatform
    const driver = new VirtualDriver()
    const fiber = Effect.runFork(Effect.provideService(program, Clock.Clock, driver.clock), {
      scheduler: driver.scheduler,
    })
    const isDone = () => fiber.pollUnsafe() !== undefined
    return yield* Effect.gen(function* () {
      while (true) {
        const active = driver.runFor(sliceMillis, platform.wallMillis, isDone, options.pauseWhen)
        const exit = fiber.pollUnsafe()
        if (exit !== undefined) return yield* exit
        if (!active) {
          fiber.interruptUnsafe()
          driver.runTasks()
          return yield* Effect.die(stalledRun())
        }
        if (options.betweenSlices !== undefined) yield* options.betweenSlices
        yield* platform.betweenSlices
      }
    }).pipe(
      // Ctrl-C: interrupt the program at its virtual instant and let its finalizers run there.
      Effect.onInterrupt(() =>
        Effect.sync(() => {
          fiber.interruptUnsafe()
          driver.runTasks()
        }),
      ),
    )
  })
