/**
 * A JSON document read whole, chunk by chunk, within a bound: a recording in another layout than
 * the writer's, or a scenario file. Bytes no JSON text can hold (control characters outside strings
 * are not allowed, and inside them they must be escaped) end the reading at once, so `/dev/zero` or
 * `/dev/urandom` is refused after its first few bytes rather than read up to the bound.
 */

/** The most bytes read whole: a recording in another layout, a scenario file. */
export const mostWholeDocumentBytes = 256 * 1024 * 1024

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`

/** The first byte that no JSON text holds (a control character other than tab, newline, return). */
const firstForeignByte = (chunk: Buffer): number => {
  for (let index = 0; index < chunk.length; index++) {
    const byte = chunk[index] as number
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return index
  }
  return -1
}

export class WholeDocument {
  private chunks: Array<Buffer> = []
  private bytes = 0

  /** Keeps a copy of `chunk`; answers the problem when the document cannot be JSON or is too large. */
  push(chunk: Buffer, tooLarge: string): string | undefined {
    const foreign = firstForeignByte(chunk)
    if (foreign >= 0) {
      const byte = (chunk[foreign] as number).toString(16).padStart(2, "0")
      return `is not JSON (byte 0x${byte} at offset ${this.bytes + foreign})`
    }
    this.chunks.push(Buffer.from(chunk))
    this.bytes += chunk.length
    return this.bytes > mostWholeDocumentBytes
      ? `${tooLarge} (over ${megabytes(mostWholeDocumentBytes)})`
      : undefined
  }

  /** The bytes so far, joined; the document lets go of them. */
  take(): Buffer {
    const joined = Buffer.concat(this.chunks)
    this.chunks = []
    this.bytes = 0
    return joined
  }
}
