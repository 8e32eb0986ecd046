/**
 * The real process, as users start it (bin/prodcon.mjs, or the npm scripts), for what only a real
 * process shows: signals, pipes, exit codes. No fixed sleeps: tests wait on what the process prints.
 */
import { type ChildProcess, type StdioOptions, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"

export const projectRoot = path.resolve(import.meta.dirname, "../..")
/** The launcher users run through the npm scripts. */
export const entry = path.join(projectRoot, "bin/prodcon.mjs")

export interface Finished {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

export interface Started {
  readonly child: ChildProcess
  readonly finished: Promise<Finished>
  readonly stdout: () => string
  readonly stderr: () => string
}

export interface StartOptions {
  /** The folder the user stands in (paths typed are relative to it). */
  readonly directory: string
  /** The process's own folder, where `recordings/` goes: the project root, as under npm. */
  readonly cwd?: string
  readonly stdio?: StdioOptions
  /** Start it the way a user does: `npm run -s COMMAND -- ARGS`. */
  readonly throughNpm?: boolean
  /** In a process group of its own (to signal the whole group, as a terminal does). */
  readonly detached?: boolean
  readonly env?: Record<string, string>
  /** Runs it under `ulimit -f N` (N blocks of 1,024 bytes): no file it writes may grow past that. */
  readonly fileSizeLimit?: number
}

export const start = (args: ReadonlyArray<string>, options: StartOptions): Started => {
  const [command = "", ...rest] = args
  const [file, argv] = options.throughNpm
    ? ["npm", ["run", "-s", command, "--", ...rest]]
    : [process.execPath, [entry, ...args]]
  const [limited, limitedArgv] =
    options.fileSizeLimit === undefined
      ? [file, argv]
      : ["bash", ["-c", `ulimit -f ${options.fileSizeLimit} && exec "$@"`, "bash", file, ...argv]]
  const child = spawn(limited, limitedArgv, {
    cwd: options.cwd ?? options.directory,
    env: { ...process.env, INIT_CWD: options.directory, NO_COLOR: "1", ...options.env },
    stdio: options.stdio ?? ["ignore", "pipe", "pipe"],
    detached: options.detached ?? false,
  })
  let stdout = ""
  let stderr = ""
  child.stdout?.on("data", (chunk) => {
    stdout += chunk
  })
  child.stderr?.on("data", (chunk) => {
    stderr += chunk
  })
  const finished = new Promise<Finished>((resolve) => {
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
  return { child, finished, stdout: () => stdout, stderr: () => stderr }
}

/** Resolves once `shows()` is true of what the process has printed (checked as output arrives). */
export const whenShown = (run: Started, shows: (stdout: string) => boolean): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    const check = () => {
      if (shows(run.stdout())) {
        run.child.stdout?.off("data", check)
        resolve()
      }
    }
    run.child.stdout?.on("data", check)
    run.child.on("close", () =>
      shows(run.stdout()) ? resolve() : reject(new Error(`ended first: ${run.stderr()}`)),
    )
    check()
  })

/**
 * Resolves once `holds()` is true of what is in `folder`, or `run` has ended: checked whenever the
 * kernel reports a change in the folder (a file made, grown or renamed) and when the process exits.
 * A folder the process has yet to make is watched for from its parent.
 */
export const whenFolderHolds = (folder: string, holds: () => boolean, run: Started): Promise<void> =>
  new Promise<void>((resolve) => {
    const watchers: Array<fs.FSWatcher> = []
    let watchingFolder = false
    const watch = (watched: string) => {
      const watcher = fs.watch(watched, () => check())
      // A folder removed while watched (the test's own clean-up): nothing more to see there.
      watcher.on("error", () => watcher.close())
      watchers.push(watcher)
    }
    const finish = () => {
      for (const watcher of watchers) watcher.close()
      run.child.off("exit", finish)
      resolve()
    }
    const check = () => {
      if (!watchingFolder && fs.existsSync(folder)) {
        watchingFolder = true
        watch(folder)
      }
      if (holds()) finish()
    }
    run.child.on("exit", finish)
    if (run.child.exitCode !== null || run.child.signalCode !== null) return finish()
    if (!fs.existsSync(folder)) watch(path.dirname(folder))
    check()
  })

/** Names of temporary files the writer leaves (`.prodcon-*.tmp`) under a folder. */
export const temporaries = (directory: string): ReadonlyArray<string> =>
  fs.existsSync(directory)
    ? fs
        .readdirSync(directory, { recursive: true })
        .map(String)
        .filter((name) => path.basename(name).startsWith(".prodcon-"))
    : []
