/**
 * The commands the bench measures the product against: the bare JavaScript event loop of
 * bench/reference, writing the lecture run's recording or nothing, and CPython's asyncio running the
 * course's event-loop demo (bench/loop_program.py), when `python3` is there.
 */
import { spawnSync } from "node:child_process"
import * as path from "node:path"

const lectureScript = path.join(import.meta.dirname, "reference", "lecture.ts")

// Node strips the reference's types itself from 22.18 on; older Node goes through tsx, as the
// product's launcher does (its start-up then weighs on the reference too).
const nodeRunningTypeScript = process.features.typescript
  ? [process.execPath]
  : [process.execPath, "--import", "tsx"]

/**
 * The bare loop on the lecture scenario with `items` in all (two producers), writing `out` with its
 * lines encoded as bytes into a reused buffer, or built as strings (`text`).
 */
export const bareLoopWriting = (
  items: number,
  out: string,
  lines: "bytes" | "text",
): ReadonlyArray<string> => [
  ...nodeRunningTypeScript,
  lectureScript,
  "--items",
  String(items / 2),
  "--out",
  out,
  "--lines",
  lines,
]

/** The same loop folding each event into a checksum: the reference for a run with no recording. */
export const bareLoopNotWriting = (items: number): ReadonlyArray<string> => [
  ...nodeRunningTypeScript,
  lectureScript,
  "--items",
  String(items / 2),
  "--no-record",
]

const python = spawnSync("python3", ["--version"], { encoding: "utf8" })

/** `Python 3.11.7`, or undefined when there is no python3 to run. */
export const pythonVersion: string | undefined =
  python.status === 0 ? python.stdout.trim() || python.stderr.trim() : undefined

/** CPython's asyncio on the course's event-loop demo (2 x 250,000 items, zero pauses). */
export const asyncioDemo: ReadonlyArray<string> = [
  "python3",
  path.join(import.meta.dirname, "loop_program.py"),
]
