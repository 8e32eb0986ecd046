/**
 * Cuts chunks of bytes into lines, however the chunks fall: a line cut between two chunks is carried
 * over. Each line is handed to the visitor as a range of a buffer, so no string is made per line;
 * the visitor may pause, and the lines resume where it stopped.
 */

export interface LineVisitor {
  /** A whole line, without its newline; answers false to pause (or stop) the lines. */
  line(bytes: Buffer, start: number, end: number, unterminated: boolean): boolean
}

const NEWLINE = 10

export class LineSplitter {
  private chunk: Buffer | undefined
  private position = 0
  // The start of an unfinished line, in pieces: joined once, when its newline comes.
  private carried: Array<Buffer> = []
  private carriedLength = 0

  /** The next chunk; the lines of the previous one must all have been handed over. */
  feed(chunk: Buffer): void {
    this.chunk = chunk
    this.position = 0
  }

  /** True while the fed chunk still holds lines to hand over. */
  get pending(): boolean {
    return this.chunk !== undefined
  }

  /** Hands the visitor lines of the fed chunk until it pauses or the chunk is used up. */
  lines(visitor: LineVisitor): void {
    const chunk = this.chunk
    if (chunk === undefined) return
    let start = this.position
    if (this.carriedLength > 0) {
      const newline = chunk.indexOf(NEWLINE, start)
      if (newline === -1) {
        this.carry(chunk.subarray(start))
        this.chunk = undefined
        return
      }
      this.carried.push(chunk.subarray(start, newline))
      const joined = Buffer.concat(this.carried)
      this.carried = []
      this.carriedLength = 0
      start = newline + 1
      this.position = start
      if (!visitor.line(joined, 0, joined.length, false)) return
    }
    for (
      let newline = chunk.indexOf(NEWLINE, start);
      newline !== -1;
      newline = chunk.indexOf(NEWLINE, start)
    ) {
      const paused = !visitor.line(chunk, start, newline, false)
      start = newline + 1
      this.position = start
      if (paused) return
    }
    if (start < chunk.length) this.carry(chunk.subarray(start))
    this.chunk = undefined
  }

  /** At the end of the input: hands over the last line if it had no newline. */
  finish(visitor: LineVisitor): void {
    if (this.carriedLength === 0) return
    const last = Buffer.concat(this.carried)
    this.carried = []
    this.carriedLength = 0
    visitor.line(last, 0, last.length, true)
  }

  /** Bytes of an unfinished line held so far. */
  get carriedBytes(): number {
    return this.carriedLength
  }

  // A copy: the chunk's buffer may be reused by whoever read it.
  private carry(piece: Buffer): void {
    this.carried.push(Buffer.from(piece))
    this.carriedLength += piece.length
  }
}
