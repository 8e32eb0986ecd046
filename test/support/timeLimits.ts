/**
 * How long a test may take before vitest calls it hung, sized for a busy 2-core machine: with other
 * jobs on both cores a test runs several times slower than on an idle machine (a test that spawns
 * four processes one after the other took 5 s idle and 31 s with the cores six times
 * oversubscribed). A limit only has to tell a hang from slowness: tests wait on events, never on
 * time, so a generous limit costs nothing while the test passes.
 */

/**
 * Every test's limit unless it says otherwise (vitest.config.ts): a test may start processes
 * (`node` alone takes about a second to start on an idle machine) or run whole simulations.
 */
export const testLimitMillis = 120_000

/** A test that drives Chromium, draws a 10^6-item page, or makes hundreds of runs (properties, sweeps). */
export const longTestLimitMillis = 300_000
