/**
 * The HTML pages as self-contained strings, the run's player and the sweep's charts alike: the
 * bundled browser code and style inline, the data as JSON in a `<script type="application/json">`,
 * nothing fetched (it works from file://). The one shell both pages share.
 * A recording (or a merged share) is untrusted, so no string of it is ever written as markup here: the JSON escapes
 * every `<` (no `</script>` can close its element) and the browser code shows strings as text. A
 * Content-Security-Policy allows only this page's own script and style (by hash) and no request
 * at all, so even a slip elsewhere could neither run injected script nor fetch anything.
 */
import { createHash } from "node:crypto"
import type { PageRun } from "../../core/pageData/pageRun.ts"
import { pageStatistics } from "../../core/pageData/pageStatistics.ts"
import type { SweepPageDocument } from "../../experiment/sweepDocument.ts"
import { type PageKind, pageBundle, playgroundWorkerBundle } from "./pageBundle.ts"

/** JSON that is safe inside a script element: `<` is written `\u003c` (JSON.parse reads it back). */
export const scriptSafeJson = (value: unknown): string => JSON.stringify(value).replace(/</g, "\\u003c")

/** Inline code must not contain the end tag of its element (or open an HTML comment). */
const inlineSafe = (code: string, element: "script" | "style"): string =>
  code.replace(new RegExp(`</(${element})`, "gi"), "<\\/$1").replace(/<!--/g, "<\\!--")

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`

const noScript: Readonly<Record<PageKind, string>> = {
  run: "This page draws the run with JavaScript; please allow it for this file.",
  sweep: "This page draws the sweep's charts with JavaScript; please allow it for this file.",
  playground: "The playground runs the simulator with JavaScript; please allow it for this file.",
}

/**
 * Where a page may start workers from: the playground starts its run worker from a Blob URL of its
 * own embedded code (a worker from a blob: URL keeps this page's policy, so it can fetch nothing either).
 */
const workerSources: Readonly<Record<PageKind, string>> = {
  run: "'none'",
  sweep: "'none'",
  playground: "blob:",
}

/** A page of `kind` showing `data`, which its browser code reads from the element `prodcon-data`. */
const renderShell = async (kind: PageKind, data: unknown): Promise<string> => {
  const bundle = await pageBundle(kind)
  const script = inlineSafe(bundle.script, "script")
  const style = inlineSafe(bundle.style, "style")
  const policy = [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(style)}`,
    "img-src 'none'",
    `worker-src ${workerSources[kind]}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ")
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    "<title>prodcon-sim</title>",
    `<style>${style}</style>`,
    "</head>",
    "<body>",
    `<noscript>${noScript[kind]}</noscript>`,
    `<script type="application/json" id="prodcon-data">${scriptSafeJson(data)}</script>`,
    `<script>${script}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n")
}

/** The run's player (with `--compare`, every mode on one page); a long per-consumer list is cut (pageStatistics.ts). */
export const renderPage = (runs: ReadonlyArray<PageRun>): Promise<string> =>
  renderShell("run", { runs: runs.map((run) => ({ ...run, statistics: pageStatistics(run.statistics) })) })

/** The sweep's charts and figures. */
export const renderSweepPage = (document: SweepPageDocument): Promise<string> =>
  renderShell("sweep", document)

/** The playground: the controls, the player, and the engine's worker embedded as data (a script the page starts). */
export const renderPlaygroundPage = async (): Promise<string> =>
  renderShell("playground", { worker: await playgroundWorkerBundle() })
