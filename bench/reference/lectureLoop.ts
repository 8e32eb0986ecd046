/**
 * The bench's reference for the engine: the lecture's async program (producers pausing
 * uniform(500ms,1500ms), one consumer taking 500 ms an item, an unbounded queue) as a bare
 * discrete-event loop (other pauses and processing times serve the tests of ties). No Effect, no
 * fibers, no allocation per event: a binary heap of wake-ups in typed arrays, a ring buffer for the
 * queue, one function per kind of step. It follows the rules of the product's fast driver
 * (src/engine/virtualDriver.ts), so that it makes the same events in the same order: wake-ups run
 * in (time, registration) order, and what a wake-up sets off (the waiting consumer that a
 * producer's item wakes) runs before the next wake-up, after the producer has gone to sleep.
 * Only one consumer: with several, Effect's Queue wakes every ready taker and the losers wait
 * again, an order this loop does not model.
 */
import { seededDoubles } from "./isaac.ts"

export interface LectureRun {
  readonly producers: number
  readonly itemsPerProducer: number
  readonly seed: number
  /** A producer's pause after each item, drawn uniformly in whole microseconds; at least 1 us. */
  readonly pauseMicros: { readonly min: number; readonly max: number }
  /** The consumer's time per item; at least 1 us. */
  readonly processMicros: number
}

/** The lecture's figures: pauses uniform(500ms,1500ms), 500 ms of processing. */
export const lectureRun = (itemsPerProducer: number, seed: number, producers = 2): LectureRun => ({
  producers,
  itemsPerProducer,
  seed,
  pauseMicros: { min: 500_000, max: 1_500_000 },
  processMicros: 500_000,
})

/** Where the events go: the recording's bytes, or a checksum. One implementation per process. */
export interface LectureOutput {
  produced(at: number, producer: number, item: number, value: number, index: number): void
  dequeued(at: number, item: number, value: number): void
  processed(at: number, item: number, value: number): void
}

/** Runs the scenario to its end; answers the end's time in microseconds. */
export const runLecture = (run: LectureRun, output: LectureOutput): number => {
  const { producers, itemsPerProducer, processMicros } = run
  const minPauseMicros = run.pauseMicros.min
  // As the product's sampler: floor(u * span) + min, every whole microsecond equally likely.
  const pauseSpanMicros = run.pauseMicros.max - minPauseMicros + 1
  const consumer = producers // actors 0..producers-1 are the producers
  const actors = producers + 1

  // The heap of wake-ups: at most one per actor. Entry i is (wakeAt[i], wakeOrder[i], wakeActor[i]).
  const wakeAt = new Float64Array(actors)
  const wakeOrder = new Float64Array(actors)
  const wakeActor = new Int32Array(actors)
  let heapSize = 0
  let registrations = 0

  const before = (i: number, j: number) =>
    (wakeAt[i] as number) < (wakeAt[j] as number) ||
    (wakeAt[i] === wakeAt[j] && (wakeOrder[i] as number) < (wakeOrder[j] as number))
  const swap = (i: number, j: number) => {
    const at = wakeAt[i] as number
    const order = wakeOrder[i] as number
    const actor = wakeActor[i] as number
    wakeAt[i] = wakeAt[j] as number
    wakeOrder[i] = wakeOrder[j] as number
    wakeActor[i] = wakeActor[j] as number
    wakeAt[j] = at
    wakeOrder[j] = order
    wakeActor[j] = actor
  }
  const sleepUntil = (actor: number, at: number) => {
    let index = heapSize++
    wakeAt[index] = at
    wakeOrder[index] = registrations++
    wakeActor[index] = actor
    while (index > 0) {
      const parent = (index - 1) >> 1
      if (!before(index, parent)) break
      swap(index, parent)
      index = parent
    }
  }
  /** Removes the earliest wake-up (read it at index 0 first). */
  const popEarliest = () => {
    heapSize--
    if (heapSize === 0) return
    swap(0, heapSize)
    let index = 0
    while (true) {
      const left = 2 * index + 1
      if (left >= heapSize) break
      const right = left + 1
      const child = right < heapSize && before(right, left) ? right : left
      if (!before(child, index)) break
      swap(index, child)
      index = child
    }
  }

  // The unbounded queue: a ring buffer that doubles when full.
  let queueItems = new Float64Array(64)
  let queueValues = new Float64Array(64)
  let queueHead = 0
  let queueLength = 0
  const enqueue = (item: number, value: number) => {
    if (queueLength === queueItems.length) {
      const items = new Float64Array(queueItems.length * 2)
      const values = new Float64Array(queueItems.length * 2)
      for (let k = 0; k < queueLength; k++) {
        items[k] = queueItems[(queueHead + k) % queueItems.length] as number
        values[k] = queueValues[(queueHead + k) % queueItems.length] as number
      }
      queueItems = items
      queueValues = values
      queueHead = 0
    }
    const slot = (queueHead + queueLength) % queueItems.length
    queueItems[slot] = item
    queueValues[slot] = value
    queueLength++
  }

  const draws = Array.from({ length: producers }, (_, index) =>
    seededDoubles(`${run.seed}/producer-${index + 1}`),
  )
  const made = new Int32Array(producers)
  let nextItem = 1
  let producersRunning = producers
  let consumerWaiting = false
  // The item the consumer is processing.
  let currentItem = 0
  let currentValue = 0

  const produce = (producer: number, now: number) => {
    const index = (made[producer] as number) + 1
    made[producer] = index
    const item = nextItem++
    const value = index * index
    output.produced(now, producer, item, value, index)
    enqueue(item, value)
    const draw = draws[producer] as () => number
    sleepUntil(producer, now + Math.floor(draw() * pauseSpanMicros) + minPauseMicros)
  }

  /** The consumer takes the next item if there is one, or waits for it. */
  const take = (now: number) => {
    if (queueLength === 0) {
      consumerWaiting = producersRunning > 0
      return
    }
    currentItem = queueItems[queueHead] as number
    currentValue = queueValues[queueHead] as number
    queueHead = (queueHead + 1) % queueItems.length
    queueLength--
    output.dequeued(now, currentItem, currentValue)
    sleepUntil(consumer, now + processMicros)
  }

  // Time 0: each producer makes its first item and goes to sleep, in order; then the consumer starts.
  for (let producer = 0; producer < producers; producer++) produce(producer, 0)
  take(0)

  let now = 0
  while (heapSize > 0) {
    now = wakeAt[0] as number
    const actor = wakeActor[0] as number
    popEarliest()
    if (actor === consumer) {
      output.processed(now, currentItem, currentValue)
      take(now)
    } else if ((made[actor] as number) < itemsPerProducer) {
      produce(actor, now)
      // The item wakes a waiting consumer, which runs once the producer sleeps.
      if (consumerWaiting) {
        consumerWaiting = false
        take(now)
      }
    } else {
      producersRunning--
    }
  }
  // The run ends when its last actor does: the last wake-up.
  return now
}
