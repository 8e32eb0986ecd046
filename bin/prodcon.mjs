#!/usr/bin/env -S node --max-semi-space-size=8
// Starts the command line (src/cli/main.ts) with no build step (see prepare.mjs).
import { prepare } from "./prepare.mjs"

await prepare()
await import("../src/cli/main.ts")
