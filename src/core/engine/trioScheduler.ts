/**
 * Trio's order of running ready tasks (trio 0.34, src/trio/_core/_run.py, `unrolled_run`), as an
 * Effect scheduler over whichever scheduler runs the program (the fast virtual driver, TestClock's,
 * or the live one). Trio takes every task that is ready as one batch (tasks made ready meanwhile wait
 * for the next one), reverses the batch when `_r.random() < 0.5`, then runs it by popping from its
 * end: oldest first when reversed, newest first otherwise. So each batch runs in or against the order
 * its tasks became ready, with probability 1/2 each, and any task can come before any other.
 */
import type * as Scheduler from "effect/Scheduler"

/** Collects the tasks made ready, and runs them as one batch in trio's order, as one parent task. */
class TrioBatches implements Scheduler.SchedulerDispatcher {
  private ready: Array<() => void> = []
  private batchScheduled = false
  private readonly parent: Scheduler.SchedulerDispatcher
  private readonly nextDouble: () => number

  constructor(parent: Scheduler.SchedulerDispatcher, nextDouble: () => number) {
    this.parent = parent
    this.nextDouble = nextDouble
  }

  // Priorities are all 0 on the program's paths, as in the virtual driver.
  scheduleTask(task: () => void): void {
    this.ready.push(task)
    if (this.batchScheduled) return
    this.batchScheduled = true
    this.parent.scheduleTask(this.runBatch, 0)
  }

  private readonly runBatch = (): void => {
    this.batchScheduled = false
    const batch = this.ready
    this.ready = []
    // Trio flips its coin for every batch; a batch of one runs the same either way, so the draws
    // are kept for the batches where the order shows (same distribution, fewer draws).
    if (batch.length > 1 && this.nextDouble() < 0.5) batch.reverse()
    for (let index = batch.length - 1; index >= 0; index--) (batch[index] as () => void)()
  }

  flush(): void {
    this.parent.flush()
  }
}

/**
 * A scheduler that runs every fiber of the program in trio's batches, drawing its coins from
 * `nextDouble` (a seeded stream, so runs stay repeatable). All fibers share one dispatcher: a batch is
 * every ready task of the program, not of one fiber.
 */
export const trioScheduler = (parent: Scheduler.Scheduler, nextDouble: () => number): Scheduler.Scheduler => {
  const dispatcher = new TrioBatches(parent.makeDispatcher(), nextDouble)
  return {
    executionMode: parent.executionMode,
    shouldYield: (fiber) => parent.shouldYield(fiber),
    makeDispatcher: () => dispatcher,
  }
}
