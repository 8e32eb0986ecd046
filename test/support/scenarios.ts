/**
 * Random scenarios for property tests (fast-check): every mode, producer and consumer counts,
 * capacities and full-queue strategies, each kind of distribution, timeouts and seeds, kept small
 * enough that hundreds run in seconds. PRODCON_PROPERTY_RUNS sets how many cases a property tries
 * (a local soak: `PRODCON_PROPERTY_RUNS=5000 npx vitest run test/properties`).
 */
import fc from "fast-check"
import type { ScenarioInput } from "../../src/core/scenario/scenario.ts"

/** Cases per property: a few hundred in `npm test`, more in a soak. */
export const propertyRuns = (inSuite: number): number => Number(process.env.PRODCON_PROPERTY_RUNS ?? inSuite)

const millis = (max: number) => fc.integer({ min: 0, max }).map((ms) => `${ms}ms`)
const positiveMillis = (max: number) => fc.integer({ min: 1, max }).map((ms) => `${ms}ms`)

export const distributionText: fc.Arbitrary<string> = fc.oneof(
  millis(1500),
  fc
    .tuple(fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 1500 }))
    .map(([a, b]) => `uniform(${Math.min(a, b)}ms,${Math.max(a, b)}ms)`),
  positiveMillis(1500).map((mean) => `exp(${mean})`),
  fc.tuple(positiveMillis(1500), millis(1500)).map(([mean, sd]) => `lognormal(${mean},${sd})`),
)

export const scenarioInput: fc.Arbitrary<ScenarioInput> = fc
  .record({
    mode: fc.constantFrom("sync", "async", "threads", "trio" as const),
    producers: fc.integer({ min: 1, max: 3 }),
    items: fc.integer({ min: 1, max: 12 }),
    consumers: fc.integer({ min: 1, max: 3 }),
    capacity: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
    whenFull: fc.constantFrom("suspend", "drop", "slide" as const),
    produce: distributionText,
    process: distributionText,
    timeout: fc.oneof(fc.constant(undefined), fc.constant(null), positiveMillis(20_000)),
    seed: fc.integer({ min: 0, max: 10_000 }),
  })
  .map(({ timeout, ...input }): ScenarioInput => {
    // sync consumes only after production: a full queue that suspends would wait forever.
    const whenFull =
      input.mode === "sync" && input.capacity !== null && input.whenFull === "suspend"
        ? "drop"
        : input.whenFull
    return { ...input, whenFull, ...(timeout === undefined ? {} : { timeout }) }
  })
