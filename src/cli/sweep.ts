/**
 * The `sweep` command: plan the sweep from the flags (every value checked before anything runs), run
 * it on the workers with a progress bar, then print the result as a table, JSON or CSV, write it
 * with `--out` and draw it with `--html`; or `--merge` the shares named as arguments. A stopped sweep
 * prints what finished and writes nothing.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { makeStatusLine, progressBar } from "../core/render/statusLine.ts"
import { flagName, type ScenarioInput } from "../core/scenario/scenario.ts"
import { parseVary, variedKey } from "../core/sweep/grid.ts"
import { defaultReplications, planSweep, type SweepPlan, sweepIdentity } from "../core/sweep/plan.ts"
import { resultJson } from "../core/sweep/result.ts"
import type { SweepIdentity, SweepResult } from "../core/sweep/resultSchema.ts"
import { shareOf } from "../core/sweep/runner.ts"
import {
  checkShareCount,
  isShareFileName,
  parseShard,
  type ShardSpec,
  shareFileName,
} from "../core/sweep/shards.ts"
import { type CannotWrite, cannotWriteAll, SharesMissing, UsageError } from "../errors.ts"
import { renderCsv } from "../experiment/csv.ts"
import { heldShare, makeShareMerger } from "../experiment/merge.ts"
import { runSweepRequest } from "../experiment/sweep.ts"
import { renderTable } from "../experiment/table.ts"
import { type AtomicFile, openAtomicFileScoped, putText } from "../files/atomicFile.ts"
import { fileErrorReason } from "../files/fileErrors.ts"
import { readText } from "../files/input.ts"
import { sameFileRefusal } from "../files/sameFile.ts"
import { removeStaleTemporaries } from "../files/temporaries.ts"
import type { SweepPageFile } from "../page/files/sweepPageFile.ts"
import type { SweepFlags } from "./commands.ts"
import { CliIO, displayPath, namedFile, userPath } from "./io.ts"
import { scenarioInput } from "./scenarioInput.ts"

const orFail = <A>(value: A | UsageError): Effect.Effect<A, UsageError> =>
  value instanceof UsageError ? Effect.fail(value) : Effect.succeed(value)

/** "about 12 s left", from the pace so far. */
const timeLeft = (startedAt: number, done: number, total: number): string => {
  if (done === 0) return ""
  const seconds = (((performance.now() - startedAt) / done) * (total - done)) / 1000
  return `, about ${seconds < 60 ? `${Math.ceil(seconds)} s` : `${Math.ceil(seconds / 60)} min`} left`
}

/** The shares read, the result and the page: no two of them one file (`--force` would lose one). */
const distinctFiles = (flags: SweepFlags) =>
  Effect.gen(function* () {
    const io = yield* CliIO
    const named = (flag: string, typed: string | undefined) =>
      typed === undefined ? [] : [namedFile(io, flag, userPath(io, typed))]
    const clash = sameFileRefusal([
      ...(flags.merge ? flags.shares.flatMap((share) => named("--merge", share)) : []),
      ...named("--out", flags.out),
      ...named("--html", flags.html),
    ])
    if (clash !== undefined) return yield* clash
  })

/** `--html FILE`: checked and opened before any work, put in place after it (with the page's bundler loaded only then). */
const openPage = (flags: SweepFlags) =>
  Effect.gen(function* () {
    const io = yield* CliIO
    if (flags.html === undefined) return undefined
    const module = yield* Effect.promise(() => import("../page/files/sweepPageFile.ts"))
    return yield* module.openSweepPage({ path: userPath(io, flags.html), force: flags.force })
  })

/** Where the result goes: `--out FILE`, or a share's own name in `--out-dir DIR`. */
interface ResultTarget {
  readonly path: string
  readonly flag: "--out" | "--out-dir"
}

const resultTarget = (flags: SweepFlags, shard: ShardSpec | undefined): ResultTarget | undefined =>
  flags.outDir !== undefined && shard !== undefined
    ? { path: path.join(flags.outDir, shareFileName(shard)), flag: "--out-dir" }
    : flags.out === undefined
      ? undefined
      : { path: flags.out, flag: "--out" }

/**
 * The result's file: checked and opened before any work, put in place after it. A file that appears
 * there meanwhile (another sweep's) is kept, and this result goes under the next free name
 * (atomicFile.ts).
 */
const openResult = (flags: SweepFlags, target: ResultTarget | undefined) =>
  Effect.gen(function* () {
    const io = yield* CliIO
    if (target === undefined) return undefined
    return yield* openAtomicFileScoped(
      { kind: "named", path: userPath(io, target.path), force: flags.force },
      { what: "the sweep's result", flag: target.flag },
    )
  })

/** The files a sweep writes, opened before it runs. */
interface SweepFiles {
  readonly result: AtomicFile | undefined
  readonly page: SweepPageFile | undefined
}

const openFiles = (flags: SweepFlags, target = resultTarget(flags, undefined)) =>
  Effect.gen(function* () {
    const result = yield* openResult(flags, target)
    const page = yield* openPage(flags)
    return { result, page } satisfies SweepFiles
  })

const output = (flags: SweepFlags, result: SweepResult, sweep: SweepIdentity, files: SweepFiles) =>
  Effect.gen(function* () {
    const io = yield* CliIO
    // Shown first: whatever becomes of the files, the sweep's work is not lost.
    io.stdout(flags.json ? resultJson(result) : flags.csv ? renderCsv(result) : `${renderTable(result)}\n`)
    const writes = [
      ...(files.result === undefined
        ? []
        : [{ label: "Result", put: putText(files.result, resultJson(result)) }]),
      ...(files.page === undefined ? [] : [{ label: "Page", put: files.page.write(result, sweep) }]),
    ]
    // Each file is tried even when one before it failed; their failures are said in one line.
    const failures: Array<CannotWrite> = []
    for (const { label, put } of writes) {
      const written = yield* Effect.result(put)
      if (Result.isSuccess(written)) io.stderr(`${label}: ${displayPath(io, written.success)}\n`)
      else failures.push(written.failure)
    }
    if (failures.length > 0) return yield* cannotWriteAll(failures)
  })

/**
 * `--record DIR`: made if need be; one that holds a sweep's recordings already is refused, before any
 * run. Either way the temporary files a killed sweep left there go first: a folder that is refused
 * is never written again, so the writer's own clean-up would never reach them.
 */
const makeFolder = (directory: string, flag: string) =>
  Effect.try({
    try: () => fs.mkdirSync(directory, { recursive: true }),
    catch: (error) => new UsageError({ message: `${flag} ${directory}: ${fileErrorReason(error)}` }),
  })

const recordingFolder = (directory: string) =>
  Effect.suspend(() => {
    const refuse = (problem: string) =>
      Effect.fail(new UsageError({ message: `--record ${directory}: ${problem}` }))
    try {
      fs.mkdirSync(directory, { recursive: true })
      removeStaleTemporaries(directory)
      if (fs.readdirSync(directory).some((name) => /^configuration-\d+-replication-\d+\.json$/.test(name))) {
        return refuse("already holds a sweep's recordings; choose another folder")
      }
    } catch (error) {
      return refuse(fileErrorReason(error))
    }
    return Effect.void
  })

/** What decides a sweep's runs: given to `--merge`, which only combines runs already made, they would do nothing. */
const runFlags = (flags: SweepFlags): Array<string> => {
  const {
    merge: _,
    missing,
    shares,
    json,
    csv,
    out,
    outDir,
    html,
    force,
    vary,
    target,
    stage,
    ...rest
  } = flags
  return [
    ...(outDir !== undefined ? ["--out-dir"] : []),
    ...(stage.length > 0 ? ["--stage"] : []),
    ...(vary.length > 0 ? ["--vary"] : []),
    ...(target.length > 0 ? ["--target"] : []),
    ...Object.entries(rest).flatMap(([key, value]) =>
      value === undefined ? [] : [flagName(key as keyof ScenarioInput)],
    ),
  ]
}

/** A parameter both fixed by its flag and varied (`--consumers 3 --vary consumers=1,2`): which one? */
const fixedAndVaried = (flags: SweepFlags): string | undefined =>
  flags.vary
    // A --vary that does not parse is refused, naming why, when the sweep is planned.
    .flatMap((text) => {
      const parsed = parseVary(text)
      return Result.isFailure(parsed) ? [] : [parsed.success.name]
    })
    .find((name) => {
      const key = variedKey(name)
      return key !== undefined && key !== "stages" && flags[key] !== undefined
    })

/** The share number in a share's file name, to read a folder's shares in order. */
const shareNumber = (name: string): number => Number(/^share-(\d+)/.exec(name)?.[1])

/** The files `--merge` reads: each one named, and every `share-K-of-N.json` of each folder named, in order of K. */
const shareFiles = (typed: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const io = yield* CliIO
    const files: Array<string> = []
    for (const share of typed) {
      const file = userPath(io, share)
      let names: Array<string> | undefined
      try {
        if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) names = fs.readdirSync(file)
      } catch (error) {
        return yield* new UsageError({
          message: `--merge ${displayPath(io, file)}: ${fileErrorReason(error)}`,
        })
      }
      if (names === undefined) {
        files.push(file)
        continue
      }
      const shares = names
        .filter(isShareFileName)
        .sort((a, b) => shareNumber(a) - shareNumber(b) || (a < b ? -1 : 1))
      if (shares.length === 0) {
        return yield* new UsageError({
          message: `--merge ${displayPath(io, file)}: the folder holds no share (share-K-of-N.json)`,
        })
      }
      files.push(...shares.map((name) => path.join(file, name)))
    }
    return files
  })

const merge = (flags: SweepFlags) =>
  Effect.gen(function* () {
    const io = yield* CliIO
    if (flags.shares.length === 0)
      return yield* new UsageError({ message: "--merge needs the shares' files or their folder" })
    const ignored = runFlags(flags)
    if (ignored.length > 0) {
      return yield* new UsageError({
        message: `--merge combines the shares as they were run; it takes no ${ignored.join(", ")} (run the sweep again to change them)`,
      })
    }
    if (flags.missing && (flags.out !== undefined || flags.html !== undefined || flags.json || flags.csv)) {
      return yield* new UsageError({
        message: "--missing only lists the shares still to run: merge without it for the result",
      })
    }
    const outputs = flags.missing ? undefined : yield* openFiles(flags)
    // One share at a time: its text is dropped once its figures are kept.
    const merger = makeShareMerger()
    for (const file of yield* shareFiles(flags.shares)) {
      const name = displayPath(io, file)
      const text = yield* readText(file, `--merge ${name}`, "a sweep's share")
      const refused = merger.add({ name, text })
      if (refused !== undefined) return yield* refused
    }
    if (outputs === undefined) {
      const { listed, count } = merger.missing()
      if (count === 0) return io.stderr("no share missing: merge them\n")
      io.stdout(`${listed.join(",")}\n`)
      return yield* new SharesMissing({
        message: `${count} share${count > 1 ? "s" : ""} missing: run ${count > 1 ? "them" : "it"} again, then merge`,
      })
    }
    const merged = yield* orFail(merger.finish())
    yield* output(flags, merged.result, merged.sweep, outputs)
  })

/**
 * `--out-dir`: a share a batch system runs again (after a kill, or as a retry) finds its file there
 * already when the first attempt finished it. That file is kept and printed, and nothing runs; any
 * other file under the name is refused as `--out` refuses one, unless `--force`.
 */
const shareAlreadyThere = (flags: SweepFlags, plan: SweepPlan, shard: ShardSpec, target: ResultTarget) =>
  Effect.gen(function* () {
    const io = yield* CliIO
    const file = userPath(io, target.path)
    const status = fs.lstatSync(file, { throwIfNoEntry: false })
    if (flags.force || status === undefined || !status.isFile()) return undefined
    const name = displayPath(io, file)
    const text = yield* Effect.orElseSucceed(readText(file, `--out-dir ${name}`, "a sweep's share"), () => "")
    const expected = shareOf(plan, shard)
    return expected === undefined ? undefined : heldShare(plan, expected, { name, text })
  })

const run = Effect.fnUntraced(function* (flags: SweepFlags) {
  const io = yield* CliIO
  if (flags.json && flags.csv)
    return yield* new UsageError({ message: "--json and --csv print the same result two ways: choose one" })
  yield* distinctFiles(flags)
  if (flags.merge) return yield* merge(flags)
  if (flags.shares.length > 0) {
    return yield* new UsageError({
      message: `unexpected argument ${flags.shares[0]} (files go with --merge)`,
    })
  }
  const both = fixedAndVaried(flags)
  if (both !== undefined) {
    return yield* new UsageError({
      message: `--${both} is given and also varied (--vary ${both}=...): keep one`,
    })
  }
  const { input } = yield* scenarioInput(flags)
  const plan = yield* orFail(
    planSweep({
      scenario: input,
      vary: flags.vary,
      replications: flags.replications ?? defaultReplications,
      warmup: flags.warmup,
      targets: flags.target,
    }),
  )
  const shard =
    flags.shard === undefined ? undefined : yield* Effect.fromResult(parseShard(flags.shard, io.env))
  if (flags.missing) return yield* new UsageError({ message: "--missing goes with --merge DIR" })
  if (shard !== undefined) {
    const tooMany = checkShareCount(shard, plan.parameters.length * plan.replications)
    if (tooMany !== undefined) return yield* tooMany
  }
  if (flags.outDir !== undefined && shard === undefined) {
    return yield* new UsageError({ message: "--out-dir holds shares: give --shard K/N (or auto/N) with it" })
  }
  if (flags.outDir !== undefined && flags.out !== undefined) {
    return yield* new UsageError({ message: "--out and --out-dir both say where the share goes: keep one" })
  }
  if (shard !== undefined && flags.html !== undefined) {
    return yield* new UsageError({
      message:
        "--html draws a whole sweep, not a share: write the shares with --out, then --merge them with --html",
    })
  }
  const workers = flags.workers ?? os.availableParallelism()
  if (!Number.isSafeInteger(workers) || workers < 1 || workers > 256) {
    return yield* new UsageError({
      message: `--workers must be a whole number from 1 to 256 (got ${workers})`,
    })
  }
  const recordDirectory = flags.record === undefined ? undefined : userPath(io, flags.record)
  if (recordDirectory !== undefined) yield* recordingFolder(recordDirectory)
  const target = resultTarget(flags, shard)
  if (target?.flag === "--out-dir" && shard !== undefined) {
    yield* makeFolder(userPath(io, flags.outDir ?? "."), "--out-dir")
    const held = yield* shareAlreadyThere(flags, plan, shard, target)
    if (held !== undefined) {
      yield* output(flags, held, sweepIdentity(plan), { result: undefined, page: undefined })
      io.stderr(
        `Result: ${displayPath(io, userPath(io, target.path))} holds this share already: kept, not run again\n`,
      )
      return
    }
  }
  const files = yield* openFiles(flags, target)
  const status = makeStatusLine({ isTTY: io.stderrIsTTY, write: io.stderr, wallMillis: io.wallMillis })
  const startedAt = performance.now()
  const outcome = yield* runSweepRequest({
    plan,
    workers,
    shard,
    recordDirectory,
    stop: io.stopRequested,
    onProgress: (done, total) =>
      status.show(
        () => `sweep ${progressBar(done, total)} ${done} of ${total} runs${timeLeft(startedAt, done, total)}`,
      ),
  }).pipe(Effect.ensuring(Effect.sync(status.done)))
  if (!outcome.stopped) return yield* output(flags, outcome.result, sweepIdentity(plan), files)
  // Stopped: what finished, as a table on the terminal only (not as --json or --csv, which a program
  // would take for the sweep's result); no result file gets half a sweep.
  if (!flags.json && !flags.csv) io.stdout(`${renderTable(outcome.result, outcome)}\n`)
  const kept =
    recordDirectory === undefined
      ? ""
      : `; the finished runs' recordings are in ${displayPath(io, recordDirectory)}`
  io.stderr(
    `sweep stopped: ${flags.json || flags.csv ? "nothing printed" : "the table holds the runs that finished"}, no result or page written${kept}\n`,
  )
})

/** A scope for the page's file: closed without a commit (a failure, a stop), it leaves nothing behind. */
export const sweep = (flags: SweepFlags) => Effect.scoped(run(flags))
