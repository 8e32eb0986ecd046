/**
 * The pages' browser code and style (src/page: player, sweep, shared), bundled with esbuild's JS API when a page is
 * written: no build step for users, and one bundle per kind of page and process however many pages
 * it writes. The run's player and the sweep's charts have an entry point and a style sheet each,
 * built from the same modules (dom.ts, page.css, charts.css...).
 */
import { fileURLToPath } from "node:url"
import * as esbuild from "esbuild"
import type { PageKind } from "../shared/pageShell.ts"

export interface PageBundle {
  readonly script: string
  readonly style: string
  /** The source files bundled into the script, as esbuild names them (the tests check what goes in). */
  readonly inputs: ReadonlyArray<string>
}

export type { PageKind }

const entries: Readonly<Record<PageKind, { readonly script: string; readonly style: string }>> = {
  run: { script: "player/main.ts", style: "player/styles.css" },
  sweep: { script: "sweep/sweepMain.ts", style: "sweep/sweepStyles.css" },
  playground: { script: "playground/playgroundMain.ts", style: "playground/playgroundStyles.css" },
}

/** The playground's run worker: the engine, bundled on its own, started by the page from a Blob URL. */
const playgroundWorkerEntry = "playground/runWorker.ts"

const entry = (file: string) => fileURLToPath(new URL(`../${file}`, import.meta.url))

const options = {
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
} as const

const build = async (kind: PageKind): Promise<PageBundle> => {
  const result = await esbuild.build({
    ...options,
    entryPoints: { page: entry(entries[kind].script), page_style: entry(entries[kind].style) },
    metafile: true,
  })
  const output = (extension: string) => {
    const file = result.outputFiles.find((candidate) => candidate.path.endsWith(extension))
    if (file === undefined) throw new Error(`esbuild wrote no ${extension} file for the page`)
    return file.text
  }
  const script = Object.values(result.metafile.outputs).find((output) => output.entryPoint !== undefined)
  return { script: output(".js"), style: output(".css"), inputs: Object.keys(script?.inputs ?? {}) }
}

const bundles = new Map<PageKind, Promise<PageBundle>>()

export const pageBundle = (kind: PageKind): Promise<PageBundle> => {
  let bundle = bundles.get(kind)
  if (bundle === undefined) {
    bundle = build(kind)
    bundles.set(kind, bundle)
  }
  return bundle
}

let workerBundle: Promise<string> | undefined

/** The playground's run worker as one script. */
export const playgroundWorkerBundle = (): Promise<string> => {
  workerBundle ??= esbuild
    .build({ ...options, entryPoints: { worker: entry(playgroundWorkerEntry) } })
    .then((result) => {
      const [file] = result.outputFiles
      if (file === undefined) throw new Error("esbuild wrote no file for the playground's worker")
      return file.text
    })
  return workerBundle
}
