// A sweep's worker process (src/experiment/workerPool.ts starts it): the same preparation as the
// launcher, then the worker's own module.
import { prepare } from "./prepare.mjs"

await prepare()
await import("../src/experiment/replicationWorker.ts")
