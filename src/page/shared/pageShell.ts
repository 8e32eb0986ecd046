/**
 * The one HTML shell of every page (the run's player, the sweep's charts, the playground), as a
 * string: the bundled browser code and style inline, the data as JSON in a
 * `<script type="application/json">`, nothing fetched (it works from file://). Made by Node when a
 * command writes a page (page/files/renderPage.ts) and by the playground when it offers a run's
 * page: the same bytes either way, since both come from here. Text only, no platform: the caller
 * gives the SHA-256 of what it inlines (Node's crypto, or the browser's).
 * A recording (or a merged share) is untrusted, so no string of it is ever written as markup here:
 * the JSON escapes every `<` (no `</script>` can close its element) and the browser code shows
 * strings as text. A Content-Security-Policy allows only this page's own script and style (by hash)
 * and no request at all, so even a slip elsewhere could neither run injected script nor fetch anything.
 */

export type PageKind = "run" | "sweep" | "playground"

/** JSON that is safe inside a script element: `<` is written `\u003c` (JSON.parse reads it back). */
export const scriptSafeJson = (value: unknown): string => JSON.stringify(value).replace(/</g, "\\u003c")

/** Inline code must not contain the end tag of its element (or open an HTML comment). */
export const inlineSafe = (code: string, element: "script" | "style"): string =>
  code.replace(new RegExp(`</(${element})`, "gi"), "<\\/$1").replace(/<!--/g, "<\\!--")

const noScript: Readonly<Record<PageKind, string>> = {
  run: "This page draws the run with JavaScript; please allow it for this file.",
  sweep: "This page draws the sweep's charts with JavaScript; please allow it for this file.",
  playground: "The playground runs the simulator with JavaScript; please allow it for this file.",
}

/**
 * What a page may do beyond its own script and style: the playground starts its run worker from a
 * Blob URL of its own embedded code (a worker from a blob: URL keeps this page's policy, so it can
 * fetch nothing either).
 */
const extraPolicy: Readonly<Record<PageKind, ReadonlyArray<string>>> = {
  run: [],
  sweep: [],
  playground: ["worker-src blob:"],
}

export interface ShellParts {
  readonly kind: PageKind
  /** The page's script and style, already made inline-safe (inlineSafe). */
  readonly script: string
  readonly style: string
  /** Their SHA-256 digests, base64, of their UTF-8 bytes. */
  readonly scriptSha256: string
  readonly styleSha256: string
  /** What the browser code reads from the element `prodcon-data`. */
  readonly data: unknown
}

export const pageShell = (parts: ShellParts): string => {
  const policy = [
    "default-src 'none'",
    `script-src 'sha256-${parts.scriptSha256}'`,
    `style-src 'sha256-${parts.styleSha256}'`,
    "img-src 'none'",
    ...extraPolicy[parts.kind],
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
    `<style>${parts.style}</style>`,
    "</head>",
    "<body>",
    `<noscript>${noScript[parts.kind]}</noscript>`,
    `<script type="application/json" id="prodcon-data">${scriptSafeJson(parts.data)}</script>`,
    `<script>${parts.script}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n")
}
