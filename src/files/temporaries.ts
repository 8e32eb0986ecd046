/**
 * The atomic writer's temporary files (`.prodcon-PID-THREAD-N.tmp`), from their making to their end:
 * those of this process not yet put in place are removed when it exits, however it exits; those
 * that dead processes (SIGKILL) or terminated worker threads left are removed the next time a file
 * is written in their folder.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { errorCode } from "./fileErrors.ts"

/** Temporary files not yet put in place nor removed. */
const unfinished = new Set<string>()
let cleanupAtExit = false

/** Removes the temporary files not yet put in place (at exit, or before a process ends by a signal). */
export const removeUnfinishedFiles = (): void => {
  for (const file of unfinished) fs.rmSync(file, { force: true })
  unfinished.clear()
}

export const trackTemporary = (temporary: string): void => {
  if (!cleanupAtExit) {
    cleanupAtExit = true
    process.once("exit", removeUnfinishedFiles)
  }
  unfinished.add(temporary)
}

const temporaryPattern = /^\.prodcon-(\d+)-(\d+)-\d+\.tmp$/

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return errorCode(error) === "EPERM"
  }
}

/** Removes the temporary files in `directory` that `leftBehind(pid, thread)` says nobody will finish. */
const removeTemporaries = (directory: string, leftBehind: (pid: number, thread: number) => boolean): void => {
  let names: Array<string>
  try {
    names = fs.readdirSync(directory)
  } catch {
    return
  }
  for (const name of names) {
    const match = temporaryPattern.exec(name)
    if (match !== null && leftBehind(Number(match[1]), Number(match[2])))
      fs.rmSync(path.join(directory, name), { force: true })
  }
}

/** Removes the temporary files that dead processes left in `directory`. */
export const removeStaleTemporaries = (directory: string): void =>
  removeTemporaries(directory, (pid) => !isAlive(pid))

/**
 * Removes the temporary files that this process's worker thread `thread` left in `directory`: a
 * terminated thread stops where it stands, and cannot remove them itself.
 */
export const removeTemporariesOfThread = (directory: string, thread: number): void =>
  removeTemporaries(directory, (pid, owner) => pid === process.pid && owner === thread)

/** A temporary file put in place or removed: nothing left to clean up at exit. */
export const forgetTemporary = (temporary: string): void => {
  unfinished.delete(temporary)
}
