/**
 * Writes bytes to a descriptor in full: write() may take fewer bytes than offered (past a file-size
 * limit it takes what fits and fails only on the next call), so it is called until all are taken or
 * one call fails.
 */
import * as fs from "node:fs"

/** Throws the write's own error (ENOSPC, EFBIG) when the bytes cannot all be written. */
export const writeFully = (descriptor: number, bytes: Uint8Array, length = bytes.length): void => {
  let written = 0
  while (written < length) written += fs.writeSync(descriptor, bytes, written, length - written)
}
