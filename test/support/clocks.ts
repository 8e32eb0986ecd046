/**
 * The TestClock driver: the program runs on Effect's TestClock, and the driver advances it from one
 * pending wake-up to the next until the run ends. It is the reference the tests use; `simulate`
 * runs on the faster VirtualDriver (virtualDriver.ts), which a test holds to the same recordings.
 *
 * Before each advance the driver waits until every fiber has settled at the current instant, so
 * zero-time work (a zero pause, a hand-over) always happens before time moves on.
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Scheduler from "effect/Scheduler"
import * as TestClock from "effect/testing/TestClock"
import { makeMicrosecondClock, stalledRun } from "../../src/core/engine/microsecondClock.ts"
import { nodePlatform } from "../../src/run/nodePlatform.ts"

/**
 * TestClock keeps time as a float count of milliseconds. To keep every instant exact, one of its
 * milliseconds stands for one simulated microsecond: all its timestamps are then integers, and
 * wake-ups at the same instant compare equal and keep the order they were registered in. The clock
 * also keeps the instants of the sleeps under way, so the driver knows the next one.
 */
const microsecondClock = (testClock: TestClock.TestClock) => {
  const pendingWakeUps = new Set<{ readonly at: number }>()
  const micros = (): number => testClock.currentTimeMillisUnsafe()
  const clock = makeMicrosecondClock(micros, (sleep) =>
    Effect.suspend(() => {
      const wakeUp = { at: micros() + sleep }
      pendingWakeUps.add(wakeUp)
      return testClock
        .sleep(Duration.millis(sleep))
        .pipe(Effect.ensuring(Effect.sync(() => pendingWakeUps.delete(wakeUp))))
    }),
  )
  const nextWakeUp = (): number | undefined => {
    let earliest: number | undefined
    for (const { at } of pendingWakeUps) if (earliest === undefined || at < earliest) earliest = at
    return earliest
  }
  return { clock, now: micros, nextWakeUp }
}

/** Wraps a scheduler to count the tasks it has queued and not yet run: zero means all fibers wait. */
const countingScheduler = (parent: Scheduler.Scheduler) => {
  let outstanding = 0
  const scheduler: Scheduler.Scheduler = {
    executionMode: parent.executionMode,
    shouldYield: (fiber) => parent.shouldYield(fiber),
    makeDispatcher: () => {
      const dispatcher = parent.makeDispatcher()
      return {
        scheduleTask: (task, priority) => {
          outstanding++
          dispatcher.scheduleTask(() => {
            outstanding--
            task()
          }, priority)
        },
        flush: () => dispatcher.flush(),
      }
    },
  }
  return { scheduler, outstanding: () => outstanding }
}

/** Runs `program` on virtual time, advancing the clock until the program is done. */
export const runOnVirtualClock = <A, E>(program: Effect.Effect<A, E>): Effect.Effect<A, E> =>
  Effect.gen(function* () {
    const virtual = microsecondClock(yield* TestClock.testClockWith(Effect.succeed))
    // TestClock's first sleep would fork a fiber of its own (the warning that a test is not moving
    // the clock) from inside the program, where trio's batches would count it as a task; advancing
    // the clock once, by nothing, turns that warning off before the program starts.
    yield* TestClock.adjust(0)
    const counting = countingScheduler(yield* Scheduler.Scheduler)
    const fiber = yield* program.pipe(
      Effect.provideService(Clock.Clock, virtual.clock),
      Effect.provideService(Scheduler.Scheduler, counting.scheduler),
      Effect.forkChild({ startImmediately: true }),
    )
    while (true) {
      while (counting.outstanding() > 0) yield* nodePlatform.betweenSlices
      const exit = fiber.pollUnsafe()
      if (exit !== undefined) return yield* exit
      const next = virtual.nextWakeUp()
      if (next === undefined) {
        yield* Fiber.interrupt(fiber)
        return yield* Effect.die(stalledRun())
      }
      // Wakes, in order, every sleep due at that instant, letting each woken fiber settle.
      yield* TestClock.adjust(Duration.millis(next - virtual.now()))
    }
  }).pipe(Effect.provide(TestClock.layer()))
