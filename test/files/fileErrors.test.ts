import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { fileErrorReason } from "../../src/files/fileErrors.ts"
import { makeTempDirectory } from "../support/cli.ts"

const failureOf = (operation: () => unknown): unknown => {
  try {
    operation()
  } catch (error) {
    return error
  }
  throw new Error("the operation did not fail")
}

describe("the reason a file operation failed", () => {
  it("names the common causes in words, from the error's code", () => {
    expect(fileErrorReason(failureOf(() => fs.readFileSync("/")))).toBe("it is a folder")
    const file = path.join(makeTempDirectory(), "plain.txt")
    fs.writeFileSync(file, "")
    expect(fileErrorReason(failureOf(() => fs.readFileSync(path.join(file, "inside"))))).toBe(
      "a part of the path is not a folder",
    )
    expect(fileErrorReason(Object.assign(new Error("EACCES: open"), { code: "EACCES" }))).toBe(
      "permission denied",
    )
  })

  it("falls back to the error's own message", () => {
    const missing = failureOf(() => fs.readFileSync("/no/such/file"))
    expect(fileErrorReason(missing)).toBe((missing as Error).message)
    expect(fileErrorReason("not an error")).toBe("not an error")
  })
})
