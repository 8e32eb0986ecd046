/**
 * zstd frames told apart by their headers: built here by hand (RFC 8878), so these run on a Node
 * without zstd too. The decompressor reads what it is handed; compression.test.ts reads real files.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import { startsZstd, ZstdFrames } from "../../src/files/zstdFrames.ts"

const magic = [0x28, 0xb5, 0x2f, 0xfd]

const littleEndian = (value: number, bytes: number) =>
  Array.from({ length: bytes }, (_, index) => Math.floor(value / 256 ** index) % 256)

type Block = { readonly type: "raw" | "rle"; readonly size: number }

const blockBytes = ({ type, size }: Block, last: boolean): Array<number> => [
  ...littleEndian((size << 3) | ((type === "rle" ? 1 : 0) << 1) | (last ? 1 : 0), 3),
  ...(type === "rle" ? [0x7b] : Array.from({ length: size }, (_, index) => index % 251)),
]

/** A frame with these blocks; the header's fields as given (the checksum's value is not checked here). */
const frame = (
  blocks: ReadonlyArray<Block>,
  header: { singleSegment: boolean; contentSizeFlag: number; dictionaryIdFlag: number; checksum: boolean },
): Buffer => {
  const descriptor =
    (header.contentSizeFlag << 6) |
    ((header.singleSegment ? 1 : 0) << 5) |
    ((header.checksum ? 1 : 0) << 2) |
    header.dictionaryIdFlag
  const contentSizeBytes = [header.singleSegment ? 1 : 0, 2, 4, 8][header.contentSizeFlag] as number
  return Buffer.from([
    ...magic,
    descriptor,
    ...(header.singleSegment ? [] : [0x50]),
    ...Array<number>([0, 1, 2, 4][header.dictionaryIdFlag] as number).fill(0x11),
    ...Array<number>(contentSizeBytes).fill(0x22),
    ...blocks.flatMap((block, index) => blockBytes(block, index === blocks.length - 1)),
    ...(header.checksum ? [0xde, 0xad, 0xbe, 0xef] : []),
  ])
}

const skippable = (size: number, variant = 0) =>
  Buffer.from([0x50 + variant, 0x2a, 0x4d, 0x18, ...littleEndian(size, 4), ...Array<number>(size).fill(0x33)])

const frameA = frame(
  [
    { type: "raw", size: 300 },
    { type: "rle", size: 1000 },
    { type: "raw", size: 0 },
    { type: "raw", size: 17 },
  ],
  { singleSegment: false, contentSizeFlag: 1, dictionaryIdFlag: 0, checksum: true },
)
const frameB = frame([{ type: "rle", size: 70_000 }], {
  singleSegment: true,
  contentSizeFlag: 0,
  dictionaryIdFlag: 1,
  checksum: false,
})
const frameC = frame([{ type: "raw", size: 0 }], {
  singleSegment: false,
  contentSizeFlag: 3,
  dictionaryIdFlag: 3,
  checksum: true,
})

/** Splits `file` fed in chunks of `chunkSize`: the pieces, or the first problem. */
const splitInChunks = (file: Buffer, chunkSize: number): Result.Result<ReadonlyArray<Buffer>, string> => {
  const frames = new ZstdFrames()
  const pieces: Array<Buffer> = []
  for (let start = 0; start < file.length; start += chunkSize) {
    const split = frames.split(file.subarray(start, start + chunkSize))
    if (Result.isFailure(split)) return split
    pieces.push(...split.success)
  }
  const problem = frames.finish()
  return problem === undefined ? Result.succeed(pieces) : Result.fail(problem)
}

describe("zstd frames", () => {
  it("are handed on one at a time, without the skippable frames, however the file is cut into chunks", () => {
    const file = Buffer.concat([skippable(8), frameA, frameB, skippable(0, 15), skippable(3, 7), frameC])
    for (const chunkSize of [1, 2, 3, 5, 64, 1_000, file.length]) {
      const pieces = Result.getOrThrow(splitInChunks(file, chunkSize))
      expect(Buffer.concat(pieces).equals(Buffer.concat([frameA, frameB, frameC]))).toBe(true)
      // Where the pieces end: every frame's end is among them, so no write spans two frames.
      const ends = new Set<number>()
      let at = 0
      for (const piece of pieces) {
        at += piece.length
        ends.add(at)
      }
      expect([frameA.length, frameA.length + frameB.length].every((end) => ends.has(end))).toBe(true)
    }
  })

  it("refuse bytes after the last frame that start no frame, as zstd -d does", () => {
    for (const after of [
      Buffer.from("garbage"),
      Buffer.from('{"format":"prodcon-recording"}\n'),
      Buffer.alloc(4),
    ])
      for (const chunkSize of [1, 4_096]) {
        expect(splitInChunks(Buffer.concat([frameA, after]), chunkSize)).toEqual(
          Result.fail(`no zstd frame starts at byte ${frameA.length}`),
        )
      }
  })

  it("refuse a file that ends inside a frame, a skippable frame or a magic number", () => {
    const file = Buffer.concat([frameA, skippable(8), frameB])
    for (const cut of [1, frameA.length - 1, frameA.length + 5, frameA.length + 18, file.length - 1])
      expect(splitInChunks(file.subarray(0, cut), 7)).toEqual(Result.fail("unexpected end of file"))
    expect(splitInChunks(file, 7)).toSatisfy(Result.isSuccess)
  })

  it("refuse a frame header with its reserved bit set, and a block of the reserved type", () => {
    const reservedBit = Buffer.from(frameB)
    reservedBit[4] = (reservedBit[4] as number) | 0x08
    expect(splitInChunks(Buffer.concat([frameA, reservedBit]), 3)).toEqual(
      Result.fail(`the zstd frame header at byte ${frameA.length + 4} is invalid`),
    )
    // frameB's block header follows the magic, the descriptor, a byte of dictionary ID and one of size.
    const reservedType = Buffer.from(frameB)
    reservedType[7] = (reservedType[7] as number) | 0x06
    expect(splitInChunks(reservedType, 3)).toEqual(Result.fail("the zstd block at byte 7 is invalid"))
  })

  it("start a file with a frame or a skippable frame (as pzstd writes)", () => {
    expect(startsZstd(frameA)).toBe(true)
    for (const variant of [0, 9, 15]) expect(startsZstd(skippable(4, variant))).toBe(true)
    for (const other of [
      Buffer.from([0x1f, 0x8b, 8, 0]),
      Buffer.from('{"format"'),
      Buffer.from([0x28, 0xb5]),
    ])
      expect(startsZstd(other)).toBe(false)
  })
})
