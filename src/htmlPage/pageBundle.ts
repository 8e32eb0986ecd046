/**
 * The page's browser code and style (src/web/browser), bundled with esbuild's JS API when a page is
 * written: no build step for users, and one bundle per process however many pages it writes.
 */
import { fileURLToPath } from "node:url"
import * as esbuild from "esbuild"

export interface PageBundle {
  readonly script: string
  readonly style: string
}

const entry = (file: string) => fileURLToPath(new URL(`../web/browser/${file}`, import.meta.url))

const build = async (): Promise<PageBundle> => {
  const result = await esbuild.build({
    entryPoints: { page: entry("main.ts"), page_style: entry("styles.css") },
    bundle: true,
    write: false,
    outdir: "bundle",
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    charset: "utf8",
    logLevel: "silent",
  })
  const output = (extension: string) => {
    const file = result.outputFiles.find((candidate) => candidate.path.endsWith(extension))
    if (file === undefined) throw new Error(`esbuild wrote no ${extension} file for the page`)
    return file.text
  }
  return { script: output(".js"), style: output(".css") }
}

let bundle: Promise<PageBundle> | undefined

export const pageBundle = (): Promise<PageBundle> => {
  bundle ??= build()
  return bundle
}
