/**
 * Gives every shape of event the engine makes its final hidden class before a run's first event.
 *
 * Why: V8 stores a number field in the representation of the first value put there (a small
 * integer) and moves the object to a new hidden class when a larger or fractional number comes. A
 * run's times pass 2^31 microseconds after 36 simulated minutes and its items' values grow too, so
 * the events of one shape went through three hidden classes early in a run, while the sinks were
 * being optimised. A property access that has seen more than four hidden classes is given up on
 * for good (a generic lookup at every event): on Node 22 and 24 that hit the recording's encoder
 * for the rest of the run. Two events of each shape, one with every field undefined and one with
 * numbers, widen every field once, before the run; its events then share one hidden class per
 * shape from the first one on (docs/PERFORMANCE.md has the measurements).
 *
 * Each literal below must list its keys in the order the engine's literals do (engine.ts,
 * pipeline.ts): that order, not the type, decides the hidden class. test/engine/eventShapes.test.ts
 * holds a run's events to one hidden class per shape.
 */

/** The events made here, kept so that no optimiser drops them as unused. */
let settled: ReadonlyArray<object> = []

export const settleEventShapes = (): void => {
  if (settled.length > 0) return
  const made: Array<object> = []
  for (const blank of [undefined, 0]) {
    // A consumer's or a queue's event; a producer's, with its count.
    made.push({ at: blank, type: blank, actor: blank, item: blank, value: blank })
    made.push({ at: blank, type: blank, actor: blank, item: blank, value: blank, index: blank })
    // The same in a pipeline, with the stage; a failed attempt, with its number.
    made.push({ at: blank, type: blank, actor: blank, item: blank, value: blank, stage: blank })
    made.push({ at: blank, type: blank, actor: blank, item: blank, value: blank, index: blank, stage: blank })
    made.push({
      at: blank,
      type: blank,
      actor: blank,
      item: blank,
      value: blank,
      stage: blank,
      attempt: blank,
    })
  }
  settled = made
}
