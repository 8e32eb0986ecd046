/**
 * The sweep page's entry point, bundled into its HTML file: reads the sweep embedded as JSON, draws
 * it (showSweep.ts), then marks `<body data-ready="true">`.
 */
import type { SweepPageDocument } from "../../core/sweep/sweepDocument.ts"
import { readEmbedded } from "../shared/embedded.ts"
import { showSweep } from "./showSweep.ts"

const main = (): void => {
  const sweep = readEmbedded<SweepPageDocument>()
  document.title = `prodcon-sim sweep: ${sweep.varied.map(({ name }) => name).join(" × ") || "one scenario"}`
  showSweep(document.body, sweep)
  document.body.dataset.ready = "true"
}

main()
