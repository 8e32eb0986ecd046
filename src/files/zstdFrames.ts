/**
 * The frames of a zstd file, told apart without decompressing them (RFC 8878): a frame's header
 * gives its layout, each block's header the block's length. Node's zstd decompressor stops at the
 * end of the first frame and drops whatever follows it in the same write; `zstd -d` reads frame after
 * frame as one stream, skips skippable frames (pzstd puts one before each frame it writes) and
 * refuses bytes that start no frame. Handed the bytes one frame at a time (no write spans two
 * frames), Node's decompressor reads every frame in turn, and so reads what `zstd -d` reads.
 */
import * as Result from "effect/Result"

/** A zstd frame's first four bytes (0xFD2FB528, little-endian). */
const frameMagic = Buffer.from([0x28, 0xb5, 0x2f, 0xfd])
/** A skippable frame's magic is 0x184D2A50 to 0x184D2A5F: its top 28 bits. */
const skippableMagicTop = 0x184d2a5

/** Whether `first` starts a zstd file: a frame or a skippable frame. */
export const startsZstd = (first: Uint8Array): boolean =>
  first.length >= 4 &&
  (frameMagic.every((byte, index) => first[index] === byte) ||
    (first[3] === 0x18 && first[2] === 0x4d && first[1] === 0x2a && (first[0] as number) >> 4 === 0x5))

/** What the next bytes are. */
type Part =
  | "magic"
  | "skippableSize"
  | "skipped"
  | "descriptor"
  | "headerRest"
  | "blockHeader"
  | "blockContent"
  | "checksum"

/** Bytes of the frame header after its descriptor, by the descriptor's fields. */
const headerRestBytes = (descriptor: number): number => {
  const singleSegment = (descriptor >> 5) & 1
  const contentSizeBytes = [singleSegment, 2, 4, 8][descriptor >> 6] as number
  const dictionaryIdBytes = [0, 1, 2, 4][descriptor & 3] as number
  return (singleSegment === 1 ? 0 : 1) + dictionaryIdBytes + contentSizeBytes
}

const blockTypeRle = 1
const blockTypeReserved = 3

export class ZstdFrames {
  private part: Part = "magic"
  /** Bytes the current part still needs. */
  private remaining = 4
  /** The bytes of a part whose value is read (a magic number, a size, a block header). */
  private field: Array<number> = []
  private lastBlock = false
  private hasChecksum = false
  /** Bytes seen so far, for the offsets in messages. */
  private offset = 0
  private partStart = 0

  /**
   * Cuts the next chunk of the file into the pieces to hand the decompressor, in order: the bytes of
   * zstd frames, a new piece wherever a frame ends, without the skippable frames. The pieces are
   * views of `chunk` (and a constant for a frame's magic number).
   */
  split(chunk: Buffer): Result.Result<ReadonlyArray<Buffer>, string> {
    const pieces: Array<Buffer> = []
    // Where the bytes being passed on began in this chunk: -1 outside a zstd frame.
    let passedFrom = this.inFrame() ? 0 : -1
    const passUntil = (index: number) => {
      if (passedFrom >= 0 && index > passedFrom) pieces.push(chunk.subarray(passedFrom, index))
      passedFrom = -1
    }
    let index = 0
    while (index < chunk.length) {
      const taken = Math.min(this.remaining, chunk.length - index)
      if (this.readsValue())
        for (let at = index; at < index + taken; at++) this.field.push(chunk[at] as number)
      index += taken
      this.offset += taken
      this.remaining -= taken
      if (this.remaining > 0) break
      const wasInFrame = this.inFrame()
      const problem = this.nextPart()
      if (problem !== undefined) return Result.fail(problem)
      if (!wasInFrame && this.inFrame()) {
        pieces.push(frameMagic)
        passedFrom = index
      } else if (wasInFrame && !this.inFrame()) passUntil(index)
    }
    passUntil(chunk.length)
    return Result.succeed(pieces)
  }

  /** At the end of the file: a problem if it ends inside a frame. */
  finish(): string | undefined {
    return this.part === "magic" && this.field.length === 0 ? undefined : "unexpected end of file"
  }

  private inFrame(): boolean {
    return this.part !== "magic" && this.part !== "skippableSize" && this.part !== "skipped"
  }

  private readsValue(): boolean {
    return (
      this.part === "magic" ||
      this.part === "skippableSize" ||
      this.part === "descriptor" ||
      this.part === "blockHeader"
    )
  }

  /** The part that follows the one just complete; or the problem with it. */
  private nextPart(): string | undefined {
    const field = this.field
    this.field = []
    const start = this.partStart
    this.partStart = this.offset
    const littleEndian = () => field.reduceRight((value, byte) => value * 256 + byte, 0)
    switch (this.part) {
      case "magic": {
        if (frameMagic.every((byte, at) => field[at] === byte)) return this.expect("descriptor", 1)
        if (Math.floor(littleEndian() / 16) === skippableMagicTop) return this.expect("skippableSize", 4)
        return `no zstd frame starts at byte ${start}`
      }
      case "skippableSize":
        return this.expect("skipped", littleEndian())
      case "descriptor": {
        const descriptor = field[0] as number
        // The reserved bit: set, the header's layout is unknown.
        if ((descriptor & 0x08) !== 0) return `the zstd frame header at byte ${start} is invalid`
        this.hasChecksum = ((descriptor >> 2) & 1) === 1
        return this.expect("headerRest", headerRestBytes(descriptor))
      }
      case "headerRest":
        return this.expect("blockHeader", 3)
      case "blockHeader": {
        const header = littleEndian()
        const type = (header >> 1) & 3
        if (type === blockTypeReserved) return `the zstd block at byte ${start} is invalid`
        this.lastBlock = (header & 1) === 1
        // An RLE block holds one byte, repeated as many times as its size says.
        return this.expect("blockContent", type === blockTypeRle ? 1 : header >>> 3)
      }
      case "blockContent":
        if (!this.lastBlock) return this.expect("blockHeader", 3)
        return this.hasChecksum ? this.expect("checksum", 4) : this.expect("magic", 4)
      case "skipped":
      case "checksum":
        return this.expect("magic", 4)
    }
  }

  /** Moves on to `part`, of `bytes` bytes; parts of no bytes are complete at once. */
  private expect(part: Part, bytes: number): string | undefined {
    this.part = part
    this.remaining = bytes
    return bytes === 0 ? this.nextPart() : undefined
  }
}
