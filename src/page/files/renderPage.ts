/**
 * The HTML pages as self-contained strings (the run's player, the sweep's charts, the playground):
 * each page's bundle in the one shell (page/shared/pageShell.ts), hashed with Node's crypto.
 */
import { createHash } from "node:crypto"
import { type PageRun, pageDocumentOf } from "../../core/pageData/pageRun.ts"
import type { SweepPageDocument } from "../../core/sweep/sweepDocument.ts"
import { inlineSafe, type PageKind, pageShell } from "../shared/pageShell.ts"
import { pageBundle, playgroundWorkerBundle } from "./pageBundle.ts"

export { scriptSafeJson } from "../shared/pageShell.ts"

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("base64")

/** A page of `kind` showing `data`, which its browser code reads from the element `prodcon-data`. */
const renderShell = async (kind: PageKind, data: unknown): Promise<string> => {
  const bundle = await pageBundle(kind)
  const script = inlineSafe(bundle.script, "script")
  const style = inlineSafe(bundle.style, "style")
  return pageShell({ kind, script, style, scriptSha256: sha256(script), styleSha256: sha256(style), data })
}

/** The run's player (with `--compare`, every mode on one page); a long per-consumer list is cut (pageStatistics.ts). */
export const renderPage = (runs: ReadonlyArray<PageRun>): Promise<string> =>
  renderShell("run", pageDocumentOf(runs))

/** The sweep's charts and figures. */
export const renderSweepPage = (document: SweepPageDocument): Promise<string> =>
  renderShell("sweep", document)

/** The playground: the controls, the player, and the engine's worker embedded as data (a script the page starts). */
export const renderPlaygroundPage = async (): Promise<string> =>
  renderShell("playground", {
    worker: await playgroundWorkerBundle(),
    runPage: await pageBundle("run").then(({ script, style }) => ({ script, style })),
  })
