/**
 * The README's samples, read from the README: each output block (```text or ```json) and the command
 * the README shows for it, so a test runs what a reader would type. That command is the last
 * `npm run` command before the block since the previous one, in a ```sh block or in a code span.
 */
import * as fs from "node:fs"
import * as path from "node:path"

export const projectRoot = path.resolve(import.meta.dirname, "../..")
export const readme = fs.readFileSync(path.join(projectRoot, "README.md"), "utf8")
const scripts: Record<string, string> = JSON.parse(
  fs.readFileSync(path.join(projectRoot, "package.json"), "utf8"),
).scripts

export interface ReadmeSample {
  /** What the program receives: `npm run simulate -- --json` is `["simulate", "--json"]`. */
  readonly args: ReadonlyArray<string>
  /** The lines of the ```sh block the command is in (empty for a command in the prose). */
  readonly script: ReadonlyArray<string>
  /** The block's text, as the command prints it. */
  readonly output: string
}

/** The `nth` (from 0) output block of the given kind after the README line `heading`, and its command. */
export const readmeSample = (heading: string, nth = 0, kind: "text" | "json" = "text"): ReadmeSample => {
  let cursor = readme.indexOf(`\n${heading}\n`)
  if (cursor < 0) throw new Error(`the README has no heading ${heading}`)
  let before = ""
  let output = ""
  for (let index = 0; index <= nth; index++) {
    const start = readme.indexOf(`\`\`\`${kind}\n`, cursor)
    if (start < 0) throw new Error(`the README has no block ${nth} after ${heading}`)
    const end = readme.indexOf("\n```", start + kind.length + 3)
    before = readme.slice(cursor, start)
    output = readme.slice(start + kind.length + 4, end + 1)
    cursor = end + 4
  }
  const command = lastCommand(before)
  if (command === undefined)
    throw new Error(`the README shows no npm run command before block ${nth} of ${heading}`)
  return { args: programArgs(command.text), script: command.script, output }
}

/** The last `npm run` command in a stretch of the README: in a ```sh block, or a code span. */
const lastCommand = (stretch: string): { text: string; script: ReadonlyArray<string> } | undefined => {
  const found: Array<{ at: number; text: string; script: ReadonlyArray<string> }> = []
  const shBlocks = [...stretch.matchAll(/```sh\n([\s\S]*?)```/g)]
  for (const block of shBlocks) {
    const script = (block[1] ?? "")
      .replace(/\\\n\s*/g, "")
      .split("\n")
      .filter(Boolean)
    for (const line of script)
      if (line.startsWith("npm run ")) found.push({ at: block.index, text: line, script })
  }
  const prose = shBlocks.reduce((text, block) => text.replace(block[0], " ".repeat(block[0].length)), stretch)
  for (const span of prose.matchAll(/`(npm run [^`]*)`/g))
    found.push({ at: span.index, text: (span[1] ?? "").replace(/\s+/g, " "), script: [] })
  return found.sort((a, b) => a.at - b.at).at(-1)
}

/** `npm run [-s] SCRIPT [ARGS] [-- ARGS]` as the program's arguments, SCRIPT's command first. */
const programArgs = (command: string): ReadonlyArray<string> => {
  const [npm, run, ...rest] = shellWords(command)
  const words = rest[0] === "-s" ? rest.slice(1) : rest
  const [name = "", ...args] = words
  const script = scripts[name]
  if (npm !== "npm" || run !== "run" || script === undefined)
    throw new Error(`not an npm script of this project: ${command}`)
  // The script's own words after the launcher: `exec node ... bin/prodcon.mjs simulate` gives simulate.
  const launched = script.split(" ")
  const separator = args.indexOf("--")
  const passed = separator < 0 ? args : [...args.slice(0, separator), ...args.slice(separator + 1)]
  return [...launched.slice(launched.indexOf("bin/prodcon.mjs") + 1), ...passed]
}

/** A command line split into words as a POSIX shell splits it: quotes group, `#` starts a comment. */
const shellWords = (line: string): Array<string> => {
  const words: Array<string> = []
  let word: string | undefined
  let quote: string | undefined
  for (const char of line) {
    if (quote !== undefined) {
      if (char === quote) quote = undefined
      else word += char
    } else if (char === "'" || char === '"') {
      quote = char
      word ??= ""
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word)
      word = undefined
    } else if (char === "#" && word === undefined) break
    else word = (word ?? "") + char
  }
  if (word !== undefined) words.push(word)
  return words
}
