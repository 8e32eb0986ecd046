/**
 * Vitest's global setup: one temporary folder for the whole test run, under which every test makes
 * its own (test/support/cli.ts), removed with everything in it when the run ends.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

export default function setup(): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "prodcon-tests-"))
  process.env.PRODCON_TEST_ROOT = root
  return () => fs.rmSync(root, { recursive: true, force: true })
}
