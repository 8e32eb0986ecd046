// Loaded with `node --import`: counts the async contexts Effect captures for its fibers
// (AsyncResources of type "effect/Fiber") and reports the count on stderr at exit.
import { createHook } from "node:async_hooks"

let captured = 0
createHook({
  init(_id, type) {
    if (type === "effect/Fiber") captured++
  },
}).enable()
process.on("exit", () => process.stderr.write(`effect/Fiber contexts: ${captured}\n`))
