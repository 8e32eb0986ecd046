/**
 * Compressed recordings: zstd (`.json.zst`) and gzip (`.json.gz`), from node:zlib. Compression runs
 * in Node's thread pool, off the simulation's thread: the writer hands it bytes and takes back the
 * compressed chunks as they come. Readers tell a compressed file by its first bytes, not its name.
 * Both formats give the same compressed bytes however the input is cut into chunks, so a run's
 * compressed recording is as repeatable as its plain one (on the same Node; a gzip header also
 * names the operating system).
 */
import type { Transform } from "node:stream"
import * as zlib from "node:zlib"
import * as Effect from "effect/Effect"
import { UsageError } from "../errors.ts"
import { startsZstd } from "./zstdFrames.ts"

export type Compression = "zstd" | "gzip"

/** zstd came to node:zlib in Node 22.15; Node 20 has none. */
export const zstdAvailable = typeof zlib.createZstdCompress === "function"

const gzipMagic = [0x1f, 0x8b]

const startsWith = (bytes: Uint8Array, magic: ReadonlyArray<number>) =>
  bytes.length >= magic.length && magic.every((byte, index) => bytes[index] === byte)

/** The compression a file's first bytes show, if any (zstd's may start with a skippable frame). */
export const compressionOfBytes = (first: Uint8Array): Compression | undefined =>
  startsZstd(first) ? "zstd" : startsWith(first, gzipMagic) ? "gzip" : undefined

/** The compression a target's name asks for: `.zst` or `.gz` at its end, in any case (`.ZST`). */
export const compressionOfName = (path: string): Compression | undefined => {
  const name = path.toLowerCase()
  return name.endsWith(".zst") ? "zstd" : name.endsWith(".gz") ? "gzip" : undefined
}

const noZstd = (what: string) =>
  new UsageError({
    message: `${what} is zstd-compressed, which this Node (${process.version}) cannot do: use Node 22.15 or newer, or .gz`,
  })

/**
 * Compressed chunks of up to 4 MB: the stream goes back to this thread once per output chunk, and
 * this thread is busy with the run between its slices, so a block's output in one chunk (a block is
 * 8 MB, compressed about tenfold) keeps the round trips to one per block.
 */
const compressedChunk = 4 << 20

/**
 * A compressing stream, at the fastest level (a recording compresses about tenfold even so). zstd
 * writes its content checksum, as the `zstd` command does: a damaged file is then refused when it is
 * read, where without it some damage decompresses to a different recording that still reads.
 */
export const compressor = (kind: Compression, what: string): Effect.Effect<Transform, UsageError> => {
  if (kind === "gzip") return Effect.succeed(zlib.createGzip({ level: 1, chunkSize: compressedChunk }))
  if (!zstdAvailable) return Effect.fail(noZstd(what))
  return Effect.succeed(
    zlib.createZstdCompress({
      chunkSize: compressedChunk,
      params: {
        [zlib.constants.ZSTD_c_compressionLevel]: 1,
        [zlib.constants.ZSTD_c_checksumFlag]: 1,
      },
    }),
  )
}

/** Decompressed chunks of a megabyte: the reader's work goes by the chunk. */
const decompressedChunk = 1 << 20

/** A decompressing stream for what `compressionOfBytes` found. */
export const decompressor = (kind: Compression, what: string): Effect.Effect<Transform, UsageError> => {
  if (kind === "gzip") return Effect.succeed(zlib.createGunzip({ chunkSize: decompressedChunk }))
  if (!zstdAvailable) return Effect.fail(noZstd(what))
  return Effect.succeed(zlib.createZstdDecompress({ chunkSize: decompressedChunk }))
}
