/**
 * `playground`: one self-contained page, written through the atomic writer; an existing file is
 * replaced only with --force, and refused otherwise in one line, exit 2, left as it was.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { listFiles, makeTempDirectory, runCliCaptured } from "../support/cli.ts"
import { longTestLimitMillis } from "../support/timeLimits.ts"

describe("playground", { timeout: longTestLimitMillis }, () => {
  it.live("writes playground.html, and replaces a file only with --force", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      const written = yield* runCliCaptured(["playground"], { directory })
      expect(written.code).toBe(0)
      expect(written.stdout).toBe("Playground: playground.html\n")
      const page = fs.readFileSync(path.join(directory, "playground.html"), "utf8")
      expect(page).toMatch(/^<!doctype html>/)
      expect(page).toContain("worker-src blob:")
      expect(page).not.toMatch(/<script[^>]+src=|<link /)

      fs.writeFileSync(path.join(directory, "mine.html"), "a user's file")
      const refused = yield* runCliCaptured(["playground", "--out", "mine.html"], { directory })
      expect(refused.code).toBe(2)
      expect(refused.stderr).toBe(
        `prodcon: ${path.join(directory, "mine.html")} already exists; choose another --out or add --force to replace it\n`,
      )
      expect(fs.readFileSync(path.join(directory, "mine.html"), "utf8")).toBe("a user's file")
      expect(listFiles(directory)).toEqual(["mine.html", "playground.html"])

      const forced = yield* runCliCaptured(["playground", "--out", "mine.html", "--force"], { directory })
      expect(forced.code).toBe(0)
      expect(fs.readFileSync(path.join(directory, "mine.html"), "utf8")).toBe(page)
    }),
  )
})
