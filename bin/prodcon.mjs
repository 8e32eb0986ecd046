#!/usr/bin/env -S node --max-semi-space-size=8
// Starts the command line (src/cli/main.ts) with no build step. Node >= 22.18 runs TypeScript
// itself by stripping types, which starts about 0.25 s sooner than going through tsx's loader
// hooks; older Node registers tsx first. (Node's compile cache would start faster still, but made
// run times bimodal here, 0.9 s or 1.7 s for the same run, so it stays off.)
if (!process.features.typescript) await import("tsx/esm")
await import("../src/cli/main.ts")
