/**
 * Standard output and error as the process writes them (main.ts): what cannot be written is dropped
 * and the first failure kept, so the command goes on and the failure is reported at its end.
 *
 * A stream that is a file or a device (`> out.txt`, `> /dev/full`) is written here, in full or
 * failing. Node's own stream for it makes one write() per chunk and ignores how much was taken: past
 * a file-size limit (`ulimit -f`: Node ignores SIGXFSZ, so the write answers EFBIG rather than
 * killing the process) a chunk is cut short without any error and the rest is lost. Its errors also
 * come a tick later, after a short command has already decided how it ends. A pipe or a terminal
 * goes through Node's stream, which writes everything or reports why.
 */
import * as fs from "node:fs"
import * as tty from "node:tty"
import { writeFully } from "../files/writeFully.ts"

export interface GuardedStream {
  /** Writes the text, or drops it once the stream has failed. */
  readonly write: (text: string) => void
  /** The first failure to write, if any so far. */
  readonly failure: () => unknown
  /** Calls back once everything written has gone out or failed. */
  readonly drained: (callback: () => void) => void
}

/** Where Node would write synchronously (its SyncWriteStream): a file or a device that is no terminal. */
const isFileOrDevice = (descriptor: number): boolean => {
  if (tty.isatty(descriptor)) return false
  try {
    const status = fs.fstatSync(descriptor)
    return status.isFile() || status.isCharacterDevice()
  } catch {
    return false
  }
}

/** `stream` is process.stdout or process.stderr, and `descriptor` its number (1 or 2). */
export const guardedStream = (
  stream: NodeJS.WriteStream,
  descriptor: number,
  onFailure: (error: unknown) => void,
): GuardedStream => {
  let failure: unknown
  const fail = (error: unknown) => {
    if (failure !== undefined) return
    failure = error
    onFailure(error)
  }
  stream.on("error", fail)
  if (isFileOrDevice(descriptor)) {
    return {
      write: (text) => {
        if (failure !== undefined) return
        try {
          writeFully(descriptor, Buffer.from(text, "utf8"))
        } catch (error) {
          fail(error)
        }
      },
      failure: () => failure,
      drained: (callback) => callback(),
    }
  }
  const afterWrite = (error: Error | null | undefined) => {
    if (error) fail(error)
  }
  return {
    write: (text) => {
      if (failure === undefined) stream.write(text, afterWrite)
    },
    failure: () => failure,
    // A write's callback comes after those of the writes before it, failed or not.
    drained: (callback) => (failure === undefined ? stream.write("", () => callback()) : callback()),
  }
}
