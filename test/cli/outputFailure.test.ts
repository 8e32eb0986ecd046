/**
 * Standard output or error that cannot be written, as the real process meets it: a full disk
 * (`/dev/full`) and a file-size limit (`ulimit -f`, under which a write is first cut short, then
 * fails). Every command says so in one line and exits 74, however little it prints. A closed pipe
 * (`| head -1`), which is no error, is in process.test.ts.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { beforeAll, describe, expect, it } from "@effect/vitest"
import { makeTempDirectory } from "../support/cli.ts"
import { type Finished, start } from "../support/process.ts"

const directory = makeTempDirectory()
const sweepFlags = ["--items", "3", "--vary", "consumers=1,2", "--replications", "2", "--workers", "1"]

const commands: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
  ["simulate --json --no-record", ["simulate", "--json", "--no-record"]],
  ["replay", ["replay", "run.json"]],
  ["replay --verify", ["replay", "run.json", "--verify"]],
  ["sweep --json", ["sweep", ...sweepFlags, "--json"]],
  ["sweep --merge --json", ["sweep", "--merge", "share-1.json", "share-2.json", "--json"]],
]

const succeeded = async (args: ReadonlyArray<string>) => {
  const result = await start(args, { directory }).finished
  expect([result.code, result.stderr]).toEqual([0, expect.any(String)])
}

/** Runs `args` with standard output on `file`, opened for appending. */
const withStdoutOn = async (
  file: string,
  args: ReadonlyArray<string>,
  fileSizeLimit?: number,
): Promise<Finished> => {
  const descriptor = fs.openSync(file, "a")
  try {
    return await start(args, {
      directory,
      stdio: ["ignore", descriptor, "pipe"],
      ...(fileSizeLimit === undefined ? {} : { fileSizeLimit }),
    }).finished
  } finally {
    fs.closeSync(descriptor)
  }
}

beforeAll(async () => {
  await succeeded(["simulate", "--items", "3", "--out", "run.json"])
  await succeeded(["sweep", ...sweepFlags, "--shard", "1/2", "--out", "share-1.json"])
  await succeeded(["sweep", ...sweepFlags, "--shard", "2/2", "--out", "share-2.json"])
}, 120_000)

describe("a failed write to standard output", () => {
  for (const [name, args] of commands) {
    it(`${name}: on a full disk, says so in one line, exit 74`, async () => {
      const result = await withStdoutOn("/dev/full", args)
      expect([result.code, result.stderr]).toEqual([
        74,
        "prodcon: cannot write the output: the disk is full\n",
      ])
    })

    it(`${name}: past a file-size limit, says so in one line, exit 74 (the output was cut short)`, async () => {
      // 1,000 bytes already there and a limit of 1,024: the first write is cut short, the next fails.
      const file = path.join(directory, `limited-${name.replace(/\W+/g, "-")}.txt`)
      fs.writeFileSync(file, "x".repeat(1000))
      const result = await withStdoutOn(file, args, 1)
      expect([result.code, result.stderr]).toEqual([
        74,
        "prodcon: cannot write the output: the file-size limit is reached (ulimit -f)\n",
      ])
      expect(fs.statSync(file).size).toBe(1024)
    })
  }

  it("the help, which Effect's command line prints: exit 74", async () => {
    const result = await withStdoutOn("/dev/full", ["simulate", "--help"])
    expect([result.code, result.stderr]).toEqual([74, "prodcon: cannot write the output: the disk is full\n"])
  })
})

describe("a failed write to standard error", () => {
  it("exits 74, its output intact (where the line would go has failed)", async () => {
    const full = fs.openSync("/dev/full", "w")
    try {
      const run = start(["simulate", "--items", "3", "--json", "--out", "again.json"], {
        directory,
        stdio: ["ignore", "pipe", full],
      })
      const result = await run.finished
      expect(result.code).toBe(74)
      expect(JSON.parse(result.stdout)).toMatchObject({ produced: 6, consumed: 6 })
      // The recording, whose path was to be said on stderr, is in place.
      expect(fs.existsSync(path.join(directory, "again.json"))).toBe(true)
    } finally {
      fs.closeSync(full)
    }
  })
})
