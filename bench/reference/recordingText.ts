/**
 * The reference's plain writer: the same recording as RecordingBytes, but each line built as a
 * string (a template, as most programs would write it) and the text written in chunks of about
 * 64 KB. The bench shows both, so the figure says how much of the product's gap is in the writing.
 */
import * as fs from "node:fs"
import { type LectureOutput, type LectureRun, runLecture } from "./lectureLoop.ts"
import { closingText, openingText } from "./recordingBytes.ts"

const chunkCharacters = 1 << 16

export class RecordingText implements LectureOutput {
  private readonly descriptor: number
  private readonly producerNames: ReadonlyArray<string>
  private chunk: string
  private separator = "\n"

  constructor(descriptor: number, producers: number, opening: string) {
    this.descriptor = descriptor
    this.producerNames = Array.from({ length: producers }, (_, index) => `producer-${index + 1}`)
    this.chunk = opening
  }

  produced(at: number, producer: number, item: number, value: number, index: number): void {
    this.line(
      `{"at":${at},"type":"produced","actor":"${this.producerNames[producer]}","item":${item},"value":${value},"index":${index}}`,
    )
  }

  dequeued(at: number, item: number, value: number): void {
    this.line(`{"at":${at},"type":"dequeued","actor":"consumer-1","item":${item},"value":${value}}`)
  }

  processed(at: number, item: number, value: number): void {
    this.line(`{"at":${at},"type":"processed","actor":"consumer-1","item":${item},"value":${value}}`)
  }

  /** Writes the closing and what is still held. */
  finish(endMicros: number): void {
    this.write(this.chunk + closingText(endMicros))
    this.chunk = ""
  }

  private line(text: string): void {
    this.chunk += this.separator + text
    this.separator = ",\n"
    if (this.chunk.length >= chunkCharacters) {
      this.write(this.chunk)
      this.chunk = ""
    }
  }

  /** The text is ASCII: one byte a character. */
  private write(text: string): void {
    const written = fs.writeSync(this.descriptor, text)
    if (written !== text.length) throw new Error(`wrote ${written} of ${text.length} bytes`)
  }
}

/** Runs the lecture scenario and writes its recording to `file` line by line as text. */
export const recordLectureAsText = (run: LectureRun, file: string, generator: string): number => {
  const descriptor = fs.openSync(file, "w")
  try {
    const recording = new RecordingText(descriptor, run.producers, openingText(run, generator))
    const endMicros = runLecture(run, recording)
    recording.finish(endMicros)
    return endMicros
  } finally {
    fs.closeSync(descriptor)
  }
}
