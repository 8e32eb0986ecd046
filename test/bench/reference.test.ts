/**
 * The bench's reference loop (bench/reference) must do the same work as `simulate --mode async`:
 * its recording is held byte for byte to the product's, and its random draws to Effect's.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"
import { seededDoubles } from "../../bench/reference/isaac.ts"
import { type LectureRun, lectureRun } from "../../bench/reference/lectureLoop.ts"
import { recordLecture } from "../../bench/reference/recordingBytes.ts"
import { recordLectureAsText } from "../../bench/reference/recordingText.ts"
import { generator } from "../../src/core/version.ts"
import { makeTempDirectory, runCliCaptured } from "../support/cli.ts"

describe("the reference's generator", () => {
  it.effect("draws the doubles Effect's Random.withSeed draws, past several refills", () =>
    Effect.gen(function* () {
      for (const seed of ["1/producer-1", "7/producer-2", "", "a seed longer than sixteen bytes/ü"]) {
        const effects = yield* Effect.gen(function* () {
          const random = yield* Random.Random
          return Array.from({ length: 1000 }, () => random.nextDoubleUnsafe())
        }).pipe(Random.withSeed(seed))
        const ours = seededDoubles(seed)
        expect(Array.from({ length: 1000 }, ours), seed).toEqual(effects)
      }
    }),
  )
})

const durationFlag = (micros: number) => `${micros}us`

/** The product's recording of the same run, written by `simulate` itself. */
const productRecording = (run: LectureRun, file: string) =>
  Effect.gen(function* () {
    const result = yield* runCliCaptured([
      "simulate",
      "--mode",
      "async",
      "--producers",
      String(run.producers),
      "--items",
      String(run.itemsPerProducer),
      "--seed",
      String(run.seed),
      "--produce",
      `uniform(${durationFlag(run.pauseMicros.min)},${durationFlag(run.pauseMicros.max)})`,
      "--process",
      durationFlag(run.processMicros),
      "--quiet",
      "--out",
      file,
    ])
    expect(result.stderr).toBe("")
    return fs.readFileSync(file)
  })

/** The first line where two recordings differ, to show in a failure; undefined when they are equal. */
const firstDifference = (reference: Buffer, product: Buffer) => {
  if (reference.equals(product)) return undefined
  const referenceLines = reference.toString("utf8").split("\n")
  const productLines = product.toString("utf8").split("\n")
  const line = referenceLines.findIndex((text, index) => text !== productLines[index])
  return { line: line + 1, reference: referenceLines[line], product: productLines[line] }
}

const tieHeavy = (itemsPerProducer: number, seed: number, producers: number): LectureRun => ({
  producers,
  itemsPerProducer,
  seed,
  pauseMicros: { min: 1, max: 3 },
  processMicros: 2,
})

describe("the reference loop", () => {
  const runs: ReadonlyArray<[string, LectureRun]> = [
    ["the lecture, seed 1", lectureRun(20, 1)],
    ["1,000 items a producer, seed 7", lectureRun(1000, 7)],
    // Times pass 2^31 us after 36 minutes: the long way of writing numbers.
    ["3,000 items a producer, seed 2024", lectureRun(3000, 2024)],
    ["3 producers, seed 5", lectureRun(500, 5, 3)],
    // Pauses of 1 to 3 us and 2 us of processing: wake-ups at the same instant on most items, where
    // only the order of registration decides; values pass 2^31 from item 46,341.
    ["ties on most items, 50,000 items a producer", tieHeavy(50_000, 3, 2)],
    ["ties, 4 producers", tieHeavy(500, 11, 4)],
  ]
  for (const [name, run] of runs) {
    it.effect(`writes the recording simulate writes: ${name}`, () =>
      Effect.gen(function* () {
        const directory = makeTempDirectory()
        const product = yield* productRecording(run, path.join(directory, "product.json"))
        for (const record of [recordLecture, recordLectureAsText]) {
          const referenceFile = path.join(directory, `${record.name}.json`)
          record(run, referenceFile, generator)
          expect(firstDifference(fs.readFileSync(referenceFile), product), record.name).toBeUndefined()
        }
        fs.rmSync(directory, { recursive: true })
      }),
    )
  }
})
