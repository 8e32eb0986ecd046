// Makes this thread ready to run the project's TypeScript, fast; shared by the launcher
// (bin/prodcon.mjs) and the sweep's worker threads (bin/worker.mjs). Node >= 22.18 runs TypeScript
// itself by stripping types, which starts about 0.25 s sooner than going through tsx's loader
// hooks; older Node registers tsx first.
import module from "node:module"
import { isMainThread } from "node:worker_threads"

export const prepare = async () => {
  // Node keeps the compiled code of the few hundred modules loaded below in its compile cache (in
  // the system's temporary folder), so later starts skip compiling them: 0.28 s -> 0.18 s on Node 24.
  // Not in a sweep's worker threads: with it, two workers ran the bench's sweep in 6.8 to 12.7 s on
  // Node 24 (V8 optimised the cached code differently from run to run); without, in 7.2 to 7.6 s on
  // Node 24 and 22, against 12.2 to 13.4 s on one.
  if (isMainThread) module.enableCompileCache?.()
  if (!process.features.typescript && isMainThread) await import("tsx/esm")

  // Effect carries Node's async context (what AsyncLocalStorage reads) across fiber suspensions by
  // creating an AsyncResource at every one, when it finds node:async_hooks as it loads. Nothing in
  // this program reads that context, and a simulation suspends a fiber two or three times per item:
  // the capture costs 25-30% of a simulation's time. So Effect loads here without seeing
  // async_hooks; everything else sees Node as it is. (test/cli/launcher.test.ts checks this.)
  const { getBuiltinModule } = process
  if (getBuiltinModule !== undefined) {
    process.getBuiltinModule = (id) =>
      id === "node:async_hooks" || id === "async_hooks" ? undefined : getBuiltinModule.call(process, id)
  }
  try {
    await import("effect/Effect")
  } finally {
    if (getBuiltinModule !== undefined) process.getBuiltinModule = getBuiltinModule
  }
}
