// A sweep's worker thread (src/experiment/workerPool.ts starts it): the same preparation as the
// launcher, then the worker's own module. Where Node cannot strip types itself (Node 20), the
// loader hooks tsx registers do not reach a worker thread, so tsx loads the module directly.
import { prepare } from "./prepare.mjs"

await prepare()
const worker = new URL("../src/experiment/replicationWorker.ts", import.meta.url).href
if (process.features.typescript) {
  await import(worker)
} else {
  const { tsImport } = await import("tsx/esm/api")
  await tsImport(worker, import.meta.url)
}
