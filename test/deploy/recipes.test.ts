/**
 * The README's recipes for batch systems, as the reader would use them: the GNU parallel line run as
 * shown, with one share's first attempt killed, merging to the unsharded bytes; the Kubernetes
 * Indexed Job and the Slurm array script kept as files, which parse, are the README's, and run the
 * sweep the parallel line runs.
 */
import { execFile, spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { promisify } from "node:util"
import { describe, expect, it } from "vitest"
import { makeTempDirectory } from "../support/cli.ts"
import { entry, projectRoot } from "../support/process.ts"
import { readme } from "../support/readmeSamples.ts"
import { longTestLimitMillis } from "../support/timeLimits.ts"

const run = promisify(execFile)

const haveParallel = (spawnSync("parallel", ["--version"], { encoding: "utf8" }).stdout ?? "").startsWith(
  "GNU parallel",
)
if (!haveParallel) {
  console.warn(
    "Skipping the GNU parallel recipe test: GNU parallel is missing (apt-get install -y parallel; .ci/run does it).",
  )
}

const section = readme.slice(
  readme.indexOf("\n### Shares on many machines\n"),
  readme.indexOf("\n## ", readme.indexOf("\n### Shares on many machines\n")),
)
const blocks = (kind: string) =>
  [...section.matchAll(new RegExp(`\`\`\`${kind}\\n([\\s\\S]*?)\`\`\``, "g"))].map((match) => match[1] ?? "")

const deployFile = (name: string) => fs.readFileSync(path.join(projectRoot, "deploy", name), "utf8")

/** The words a shell makes of a command line (our own README's, so bash may split it). */
const shellWords = (line: string): Array<string> =>
  spawnSync("bash", ["-c", `printf '%s\\0' ${line}`], { encoding: "utf8" })
    .stdout.split("\0")
    .slice(0, -1)

/** What follows `npm run -s sweep --` in a command (words, or a shell's line): the sweep's own flags. */
const sweepFlags = (command: ReadonlyArray<string> | string): Array<string> =>
  typeof command === "string"
    ? shellWords(command.slice(command.indexOf("npm run -s sweep -- ") + "npm run -s sweep -- ".length))
    : command.slice(command.indexOf("--") + 1)

const parallelLine = (): string => {
  const line = blocks("sh")[0]?.split("\n")[0] ?? ""
  expect(line).toMatch(
    /^seq (\d+) \| parallel .*--retries \d+ npm run -s sweep -- .*--shard auto\/\1 --out-dir shares$/,
  )
  return line
}

/** The sweep's flags without the share's own (`--shard`, `--out-dir`, `--workers`): what decides the runs. */
const runFlags = (flags: ReadonlyArray<string>): Array<string> => {
  const kept: Array<string> = []
  for (let index = 0; index < flags.length; index++) {
    if (["--shard", "--out-dir", "--workers"].includes(flags[index] ?? "")) index++
    else kept.push(flags[index] ?? "")
  }
  return kept
}

describe("the batch recipes", () => {
  it("are the README's files: the Kubernetes Job parses, is Indexed with backoffLimitPerIndex, and runs the parallel line's sweep", () => {
    const manifestText = deployFile("kubernetes-indexed-job.json")
    expect(blocks("json")).toContain(manifestText)
    const manifest = JSON.parse(manifestText)
    expect(manifest.kind).toBe("Job")
    expect(manifest.spec.completionMode).toBe("Indexed")
    expect(manifest.spec.backoffLimitPerIndex).toBeGreaterThan(0)
    const command: Array<string> = manifest.spec.template.spec.containers[0].command
    expect(command.slice(0, 5)).toEqual(["npm", "run", "-s", "sweep", "--"])
    expect(command.slice(-4)).toEqual([
      "--shard",
      `auto/${manifest.spec.completions}`,
      "--out-dir",
      "/shares",
    ])
    expect(runFlags(sweepFlags(command))).toEqual(runFlags(sweepFlags(parallelLine())))
  })

  it("are the README's files: the Slurm script parses, its array is N tasks, and it runs the parallel line's sweep", () => {
    const script = deployFile("slurm-array.sh")
    expect(blocks("bash")).toContain(script)
    expect(spawnSync("bash", ["-n", path.join(projectRoot, "deploy", "slurm-array.sh")]).status).toBe(0)
    const tasks = Number(/^#SBATCH --array=1-(\d+)$/m.exec(script)?.[1])
    const line = script.split("\n").find((text) => text.startsWith("npm run -s sweep -- ")) ?? ""
    expect(line).toMatch(new RegExp(`--shard auto/${tasks} --out-dir shares$`))
    expect(runFlags(sweepFlags(line))).toEqual(runFlags(sweepFlags(parallelLine())))
  })

  it.skipIf(!haveParallel)(
    "GNU parallel with --retries runs every share, one's first attempt killed mid-run, and merges to the unsharded bytes",
    async () => {
      const directory = makeTempDirectory()
      // Share 2's first attempt starts, and is killed (SIGKILL) once its share's temporary file is
      // open, before it is put in place; parallel's retry keeps PARALLEL_SEQ, and runs it again.
      const firstAttemptKilled = path.join(directory, "first-attempt-killed.sh")
      fs.writeFileSync(
        firstAttemptKilled,
        [
          'if [ "$PARALLEL_SEQ" = 2 ] && mkdir first-attempt-of-share-2 2>/dev/null; then',
          '  "$@" &',
          "  pid=$!",
          '  while kill -0 "$pid" 2>/dev/null && ! ls shares/.prodcon-*.tmp >/dev/null 2>&1; do sleep 0.01; done',
          '  kill -KILL "$pid" 2>/dev/null && echo killed > first-attempt-of-share-2/outcome',
          '  wait "$pid"',
          "  exit 137",
          "fi",
          'exec "$@"',
          "",
        ].join("\n"),
      )
      const line = parallelLine().replace(
        "npm run -s sweep --",
        `sh ${firstAttemptKilled} node --max-semi-space-size=8 ${entry} sweep`,
      )
      await run("bash", ["-c", line], { cwd: directory })
      expect(fs.readFileSync(path.join(directory, "first-attempt-of-share-2/outcome"), "utf8")).toBe(
        "killed\n",
      )
      const flags = runFlags(sweepFlags(parallelLine()))
      const whole = await run("node", [entry, "sweep", ...flags, "--json"], { cwd: directory })
      const missing = await run("node", [entry, "sweep", "--merge", "shares", "--missing"], {
        cwd: directory,
      })
      expect(missing.stdout).toBe("")
      const merged = await run("node", [entry, "sweep", "--merge", "shares", "--json"], { cwd: directory })
      expect(merged.stdout).toBe(whole.stdout)
    },
    longTestLimitMillis,
  )
})
