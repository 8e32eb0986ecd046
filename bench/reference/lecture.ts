/**
 * The reference as a command, for the bench to time as a whole process, like the product:
 *
 *   node bench/reference/lecture.ts --items N [--producers P] [--seed S]
 *     (--out FILE [--lines bytes|text] | --no-record)
 *
 * `--out` writes the same recording as `npm run simulate -- --mode async` would: its lines encoded
 * as bytes into a reused buffer (RecordingBytes, the default) or built as strings (RecordingText).
 * `--no-record` runs the same loop and folds every event into a checksum instead, so that nothing
 * is optimized away. Prints one line with the end's time (and the checksum).
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { parseArgs } from "node:util"
import { type LectureOutput, lectureRun, runLecture } from "./lectureLoop.ts"
import { recordLecture } from "./recordingBytes.ts"
import { recordLectureAsText } from "./recordingText.ts"

/** Folds every number of every event into 32 bits. */
class Checksum implements LectureOutput {
  value = 0
  events = 0
  produced(at: number, producer: number, item: number, value: number, index: number): void {
    this.value = (Math.imul(this.value, 31) + at + producer + item + value + index) | 0
    this.events++
  }
  dequeued(at: number, item: number, value: number): void {
    this.value = (Math.imul(this.value, 37) + at + item + value) | 0
    this.events++
  }
  processed(at: number, item: number, value: number): void {
    this.value = (Math.imul(this.value, 41) + at + item + value) | 0
    this.events++
  }
}

const { values } = parseArgs({
  options: {
    items: { type: "string" },
    producers: { type: "string", default: "2" },
    seed: { type: "string", default: "1" },
    out: { type: "string" },
    lines: { type: "string", default: "bytes" },
    "no-record": { type: "boolean", default: false },
  },
})
const run = lectureRun(Number(values.items ?? 20), Number(values.seed), Number(values.producers))

if (values["no-record"]) {
  const checksum = new Checksum()
  const endMicros = runLecture(run, checksum)
  console.log(`${checksum.events} events, end at ${endMicros} us, checksum ${checksum.value}`)
} else {
  if (values.out === undefined) throw new Error("give --out FILE or --no-record")
  const manifest = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "../../package.json"), "utf8"))
  const record = values.lines === "text" ? recordLectureAsText : recordLecture
  const endMicros = record(run, values.out, `${manifest.name}@${manifest.version}`)
  console.log(`end at ${endMicros} us, recording ${values.out}`)
}
