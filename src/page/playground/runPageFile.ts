/**
 * A run's page made in the browser: the run page's bundle (which the playground embeds) in the one
 * shell (shared/pageShell.ts), hashed with the browser's crypto, so it is the page `simulate --html`
 * writes for the same run.
 */
import { type PageRun, pageDocumentOf } from "../../core/pageData/pageRun.ts"
import { inlineSafe, pageShell } from "../shared/pageShell.ts"

export interface RunPageBundle {
  readonly script: string
  readonly style: string
}

const sha256 = async (text: string): Promise<string> => {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)))
  let binary = ""
  for (const byte of digest) binary += String.fromCharCode(byte)
  return btoa(binary)
}

export const runPageHtml = async (bundle: RunPageBundle, run: PageRun): Promise<string> => {
  const script = inlineSafe(bundle.script, "script")
  const style = inlineSafe(bundle.style, "style")
  return pageShell({
    kind: "run",
    script,
    style,
    scriptSha256: await sha256(script),
    styleSha256: await sha256(style),
    data: pageDocumentOf([run]),
  })
}
