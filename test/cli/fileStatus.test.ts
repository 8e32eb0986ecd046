/**
 * Paths that cannot be used, for every file the commands touch (--out, the default recordings/
 * folder, a recording to replay, a scenario file): each gets one line naming it, exit code 2, and
 * nothing is written. Permissions are tried as an unprivileged user (root reads everything).
 */
import { execFileSync, spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { userDirectoryOf } from "../../src/cli/io.ts"
import { hasControlCharacters, listFiles, makeTempDirectory, runCliCaptured } from "../support/cli.ts"
import { entry } from "../support/process.ts"

/** A folder holding a symlink loop, a plain file and a recording. */
const hostileFolder = () => {
  const directory = makeTempDirectory()
  fs.symlinkSync("loop2", path.join(directory, "loop1"))
  fs.symlinkSync("loop1", path.join(directory, "loop2"))
  fs.writeFileSync(path.join(directory, "afile"), "")
  return directory
}

const tooLong = `${"a".repeat(300)}.json`

const expectOneLine = (run: { code: number; stdout: string; stderr: string }, mentions: string) => {
  expect([run.code, run.stdout]).toEqual([2, ""])
  expect(run.stderr.split("\n")).toHaveLength(2)
  expect(run.stderr).not.toMatch(/\n\s+at /)
  expect(run.stderr).toContain(mentions)
}

describe("paths that cannot be used: one line, exit 2, nothing written", () => {
  const cases: ReadonlyArray<readonly [string, ReadonlyArray<string>, string]> = [
    ["--out through a symlink loop", ["simulate", "--out", "loop1/x.json"], "too many symbolic links"],
    ["--out a symlink loop itself", ["simulate", "--out", "loop1", "--force"], "is not a regular file"],
    ["--out with a name too long", ["simulate", "--out", tooLong], "the name is too long"],
    ["--out through a file", ["simulate", "--out", "afile/x.json"], "a part of the path is not a folder"],
    [
      "a recording through a symlink loop",
      ["replay", "loop1"],
      "loop1: cannot be read (too many symbolic links",
    ],
    ["a recording with a name too long", ["replay", tooLong], "cannot be read (the name is too long)"],
    ["a recording through a file", ["replay", "afile/x.json"], "a part of the path is not a folder"],
    [
      "a scenario file through a symlink loop",
      ["simulate", "--scenario", "loop1"],
      "--scenario loop1: cannot",
    ],
    ["a scenario file with a name too long", ["simulate", "--scenario", tooLong], "the name is too long"],
    ["a scenario file through a file", ["simulate", "--scenario", "afile/x"], "a part of the path is not"],
    // An empty path is the folder the user stands in: it was "is a directory".
    ["an empty --out", ["simulate", "--out", ""], "--out. Expected: a path, not an empty string"],
    ["an empty --html", ["simulate", "--html", ""], "--html. Expected: a path, not an empty string"],
    ["an empty recording's path", ["replay", ""], "replay needs a recording's path, not an empty string"],
  ]
  for (const [name, args, mentions] of cases) {
    it.effect(name, () =>
      Effect.gen(function* () {
        const directory = hostileFolder()
        const before = listFiles(directory)
        const run = yield* runCliCaptured(args, { directory })
        expectOneLine(run, mentions)
        expect(listFiles(directory)).toEqual(before)
      }),
    )
  }

  for (const [name, make, mentions] of [
    ["is a file", (folder: string) => fs.writeFileSync(folder, ""), "it is not a folder"],
    ["is a dangling link", (folder: string) => fs.symlinkSync("nowhere", folder), "it is a link to nothing"],
  ] as const) {
    it.effect(`the default recordings/ folder ${name}`, () =>
      Effect.gen(function* () {
        const directory = makeTempDirectory()
        make(path.join(directory, "recordings"))
        const run = yield* runCliCaptured(["simulate"], { directory })
        expectOneLine(
          run,
          `cannot use the folder ${path.join(directory, "recordings")} for recordings: ${mentions}`,
        )
      }),
    )
  }

  // As root the program is run as nobody (uid 65534), which needs setpriv and a project it can read:
  // a clone inside a private folder (mktemp -d) is not, and the test then says it is skipped.
  const root = process.getuid?.() === 0
  const asNobody = (command: ReadonlyArray<string>): [string, ReadonlyArray<string>] =>
    root
      ? ["setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", ...command]]
      : [command[0] as string, command.slice(1)]
  const unprivilegedCannotRun =
    spawnSync(...asNobody([process.execPath, entry, "--version"]), { cwd: os.tmpdir() }).status !== 0
  it.skipIf(unprivilegedCannotRun)(
    "an unreadable recordings/ folder, a parent without permission: as an unprivileged user",
    () => {
      const directory = fs.mkdtempSync(path.join(os.tmpdir(), "prodcon-unprivileged-"))
      try {
        fs.chmodSync(directory, 0o777)
        fs.mkdirSync(path.join(directory, "recordings"), { mode: 0o333 })
        fs.chmodSync(path.join(directory, "recordings"), 0o333)
        fs.mkdirSync(path.join(directory, "locked"))
        fs.chmodSync(path.join(directory, "locked"), 0)
        const run = (...args: ReadonlyArray<string>) => {
          const result = spawnSync(...asNobody([process.execPath, entry, ...args]), {
            cwd: directory,
            encoding: "utf8",
            env: { ...process.env, INIT_CWD: directory, NO_COLOR: "1" },
          })
          return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }
        }
        expectOneLine(
          run("simulate"),
          `cannot write the recording in ${path.join(directory, "recordings")}: permission denied`,
        )
        expectOneLine(run("simulate", "--out", "locked/x.json"), "locked/x.json: permission denied")
        expectOneLine(run("replay", "locked/x.json"), "locked/x.json: cannot be read (permission denied)")
        expectOneLine(run("simulate", "--scenario", "locked/x.json"), "cannot be read (permission denied)")
      } finally {
        fs.chmodSync(path.join(directory, "locked"), 0o755)
        fs.rmSync(directory, { recursive: true, force: true })
      }
    },
  )
})

describe("where paths are resolved, and how they are shown", () => {
  it("INIT_CWD only while the process runs where npm started it", () => {
    const project = makeTempDirectory()
    const manifest = path.join(project, "package.json")
    const env = { INIT_CWD: "/home/user", npm_package_json: manifest }
    expect(userDirectoryOf(env, project)).toBe("/home/user")
    // The script changed folder (or another tool started us from elsewhere): INIT_CWD is stale.
    expect(userDirectoryOf(env, "/tmp")).toBe("/tmp")
    expect(userDirectoryOf({ INIT_CWD: "/home/user" }, "/tmp")).toBe("/tmp")
    expect(userDirectoryOf({}, "/srv")).toBe("/srv")
  })

  it("a script that changes folder writes where it now stands", () => {
    const directory = makeTempDirectory()
    execFileSync(
      "bash",
      [
        "-c",
        `cd ${JSON.stringify(directory)} && node ${JSON.stringify(entry)} simulate --quiet --out here.json`,
      ],
      {
        env: {
          ...process.env,
          INIT_CWD: "/",
          npm_package_json: path.join(path.dirname(entry), "../package.json"),
        },
      },
    )
    expect(listFiles(directory)).toEqual(["here.json"])
  })

  it.effect("a typed --out with control characters is printed harmlessly", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured(["simulate", "--quiet", "--out", "a\u001b[31mred\u0007.json"])
      expect(run.code).toBe(0)
      expect(run.stdout).toContain("Recording: a\\u{1b}[31mred\\u{7}.json\n")
      expect(hasControlCharacters(run.stdout)).toBe(false)
      expect(listFiles(run.directory)).toEqual(["a\u001b[31mred\u0007.json"])
    }),
  )
})
