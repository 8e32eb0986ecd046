/** Compressed recordings: the same bytes as the plain one once decompressed, read back by their magic bytes. */
import * as fs from "node:fs"
import * as path from "node:path"
import { Transform } from "node:stream"
import * as zlib from "node:zlib"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import { openAtomicFile } from "../../src/files/atomicFile.ts"
import { compressing } from "../../src/files/compressedFile.ts"
import { compressionOfBytes, zstdAvailable } from "../../src/files/compression.ts"
import { listFiles, makeTempDirectory, runCliCaptured } from "../support/cli.ts"

const extensions = zstdAvailable ? ["json.gz", "json.zst"] : ["json.gz"]

const decompress = (bytes: Buffer) =>
  compressionOfBytes(bytes) === "zstd" ? zlib.zstdDecompressSync(bytes) : zlib.gunzipSync(bytes)

describe("compressed recordings", () => {
  for (const extension of extensions) {
    it.effect(
      `--out run.${extension}: the plain recording's bytes, compressed, and the same bytes every time`,
      () =>
        Effect.gen(function* () {
          const directory = makeTempDirectory()
          const args = ["simulate", "--quiet", "--mode", "trio", "--items", "300", "--timeout", "none"]
          yield* runCliCaptured([...args, "--out", "plain.json"], { directory })
          const first = yield* runCliCaptured([...args, "--out", `a.${extension}`], { directory })
          expect(first.stdout).toContain(`Recording: a.${extension}`)
          yield* runCliCaptured([...args, "--out", `b.${extension}`], { directory })
          const read = (name: string) => fs.readFileSync(path.join(directory, name))
          expect(decompress(read(`a.${extension}`)).equals(read("plain.json"))).toBe(true)
          expect(read(`a.${extension}`).equals(read(`b.${extension}`))).toBe(true)
          expect(read(`a.${extension}`).length).toBeLessThan(read("plain.json").length / 5)
          expect(listFiles(directory)).toEqual([`a.${extension}`, `b.${extension}`, "plain.json"].sort())
        }),
    )

    it.effect(`replay, --verify and --scenario read a .${extension} recording, told by its first bytes`, () =>
      Effect.gen(function* () {
        const directory = makeTempDirectory()
        yield* runCliCaptured(["simulate", "--quiet", "--out", `run.${extension}`], { directory })
        // Renamed: the reader goes by the bytes, not the name.
        fs.renameSync(path.join(directory, `run.${extension}`), path.join(directory, "renamed.json"))
        const plain = yield* runCliCaptured(["simulate", "--json", "--out", "plain.json"], { directory })
        const replayed = yield* runCliCaptured(["replay", "renamed.json", "--json"], { directory })
        expect(replayed.stdout).toBe(plain.stdout)
        const verified = yield* runCliCaptured(["replay", "renamed.json", "--verify"], { directory })
        expect(verified.stdout).toBe(
          "identical: the current code makes the same 120 events and the same end\n",
        )
        const again = yield* runCliCaptured(
          ["simulate", "--scenario", "renamed.json", "--json", "--no-record"],
          {
            directory,
          },
        )
        expect(again.stdout).toBe(plain.stdout)
      }),
    )
  }

  if (!zstdAvailable) {
    it.effect("says in one line that this Node has no zstd (exit 2, nothing written)", () =>
      Effect.gen(function* () {
        const run = yield* runCliCaptured(["simulate", "--out", "run.json.zst"])
        expect(run.code).toBe(2)
        expect(run.stderr).toMatch(
          /is zstd-compressed, which this Node \(v[\d.]+\) cannot do: use Node 22\.15 or newer, or \.gz\n$/,
        )
        expect(listFiles(run.directory)).toEqual([])
      }),
    )
  }

  it.effect("refuses a damaged compressed recording with one line", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      yield* runCliCaptured(["simulate", "--quiet", "--out", "run.json.gz"], { directory })
      const file = path.join(directory, "run.json.gz")
      const bytes = fs.readFileSync(file)
      fs.writeFileSync(file, Buffer.concat([bytes.subarray(0, 40), Buffer.alloc(200, 7)]))
      const run = yield* runCliCaptured(["replay", "run.json.gz"], { directory })
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(/^prodcon: run\.json\.gz: is damaged: it does not decompress \(.*\)\n$/)
    }),
  )
})

describe.skipIf(!zstdAvailable)(".json.zst recordings, read as zstd -d reads them", () => {
  const simulatedPlain = (directory: string) =>
    runCliCaptured(["simulate", "--json", "--items", "200", "--out", "plain.json"], { directory })
  const replayed = (directory: string, name: string, bytes: Buffer) => {
    fs.writeFileSync(path.join(directory, name), bytes)
    return runCliCaptured(["replay", name, "--json"], { directory })
  }
  /** A frame's descriptor is its fifth byte; bit 2 says a checksum of the content ends the frame. */
  const hasChecksum = (frame: Buffer) => ((frame[4] as number) & 0x04) !== 0
  const skippable = (content: string) =>
    Buffer.concat([Buffer.from([0x50, 0x2a, 0x4d, 0x18, content.length, 0, 0, 0]), Buffer.from(content)])

  it.effect("are written with the content checksum: no single-bit flip reads as another run", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      const plain = yield* simulatedPlain(directory)
      yield* runCliCaptured(["simulate", "--quiet", "--items", "200", "--out", "run.json.zst"], {
        directory,
      })
      const written = fs.readFileSync(path.join(directory, "run.json.zst"))
      expect(hasChecksum(written)).toBe(true)
      const bits = written.length * 8
      let refused = 0
      for (let flip = 0; flip < 80; flip++) {
        // Spread over the whole file, header and checksum too, the same bits every time.
        const bit = (flip * 7_919 + 13) % bits
        const damaged = Buffer.from(written)
        damaged[bit >> 3] = (damaged[bit >> 3] as number) ^ (1 << (bit & 7))
        const run = yield* replayed(directory, "damaged.json.zst", damaged)
        if (run.code === 0) expect([bit, run.stdout]).toEqual([bit, plain.stdout])
        else {
          expect([bit, run.code, run.stderr.split("\n").length]).toEqual([bit, 2, 2])
          refused++
        }
      }
      expect(refused).toBeGreaterThan(70)
    }),
  )

  it.effect("in several frames, as concatenated .zst files or pzstd's output, read as one recording", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      const plain = yield* simulatedPlain(directory)
      const recording = fs.readFileSync(path.join(directory, "plain.json"))
      // Cut within a line: the frames are one stream, not one recording each.
      const cut = Math.floor(recording.length / 3) + 5
      const first = zlib.zstdCompressSync(recording.subarray(0, cut))
      const second = zlib.zstdCompressSync(recording.subarray(cut))
      const pzstdLike = Buffer.concat([skippable("1234"), first, skippable("5678"), second])
      for (const [name, bytes] of [
        ["two.json.zst", Buffer.concat([first, second])],
        ["pzstd.json.zst", pzstdLike],
      ] as const) {
        const run = yield* replayed(directory, name, bytes)
        expect([name, run.code, run.stderr, run.stdout]).toEqual([name, 0, "", plain.stdout])
      }
    }),
  )

  it.effect("refuse what follows the last frame, as gzip's reader does: garbage, or a second recording", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      yield* simulatedPlain(directory)
      const recording = fs.readFileSync(path.join(directory, "plain.json"))
      const frame = zlib.zstdCompressSync(recording)
      for (const after of [Buffer.from("garbage"), recording, Buffer.from(frame.subarray(0, 3))]) {
        const run = yield* replayed(directory, "run.json.zst", Buffer.concat([frame, after]))
        expect([run.code, run.stdout]).toEqual([2, ""])
        expect(run.stderr).toMatch(
          /^prodcon: run\.json\.zst: is damaged: it does not decompress \((no zstd frame starts at byte \d+|unexpected end of file)\)\n$/,
        )
      }
      const gzipped = yield* replayed(
        directory,
        "run.json.gz",
        Buffer.concat([zlib.gzipSync(recording), Buffer.from("garbage")]),
      )
      expect([gzipped.code, gzipped.stdout]).toEqual([2, ""])
    }),
  )

  it.effect("written without a checksum, as before, still read", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      const plain = yield* simulatedPlain(directory)
      const older = zlib.zstdCompressSync(fs.readFileSync(path.join(directory, "plain.json")), {
        params: { [zlib.constants.ZSTD_c_compressionLevel]: 1 },
      })
      expect(hasChecksum(older)).toBe(false)
      const run = yield* replayed(directory, "older.json.zst", older)
      expect([run.code, run.stderr, run.stdout]).toEqual([0, "", plain.stdout])
    }),
  )

  it.effect("a few kilobytes holding a header and 64 MB of newlines are refused at the first megabyte", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      yield* simulatedPlain(directory)
      const recording = fs.readFileSync(path.join(directory, "plain.json"))
      const header = recording.subarray(0, recording.indexOf(10) + 1)
      const newlines = zlib.zstdCompressSync(Buffer.concat([header, Buffer.alloc(64 << 20, 10)]))
      expect(newlines.length).toBeLessThan(64 << 10)
      const run = yield* replayed(directory, "newlines.json.zst", newlines)
      expect([run.code, run.stdout, run.stderr]).toEqual([
        2,
        "",
        "prodcon: newlines.json.zst: has over 1 MB of blank lines in a row\n",
      ])
    }),
  )
})

describe("the compressing writer", () => {
  it.effect("holds the run back while too much waits to be compressed, then lets it go on", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      const file = yield* openAtomicFile(
        { kind: "named", path: path.join(directory, "out.gz"), force: false },
        {
          what: "the test",
          flag: "--out",
        },
      )
      // A compressor that takes nothing in until it is let go.
      let release: () => void = () => {}
      const held = new Promise<void>((resolve) => {
        release = resolve
      })
      const slow = new Transform({
        transform: (chunk, _encoding, done) => {
          held.then(() => done(null, chunk))
        },
      })
      const output = compressing(file, slow, "the test")
      const block = Buffer.alloc(1 << 20, 120)
      for (let index = 0; index < 40; index++) output.write(block, block.length)
      const waiting = yield* Effect.forkChild(output.drain())
      // Some turns of the event loop: the stream cannot drain before it is let go, however long.
      for (let turn = 0; turn < 5; turn++)
        yield* Effect.promise(() => new Promise((resolve) => setImmediate(resolve)))
      expect(waiting.pollUnsafe()).toBeUndefined()
      release()
      yield* Fiber.join(waiting)
      expect(yield* output.commit()).toBe(path.join(directory, "out.gz"))
      expect(fs.statSync(path.join(directory, "out.gz")).size).toBe(40 << 20)
    }),
  )

  it.effect("leaves nothing behind when aborted", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      const file = yield* openAtomicFile(
        { kind: "named", path: path.join(directory, "out.gz"), force: false },
        {
          what: "the test",
          flag: "--out",
        },
      )
      const output = compressing(file, zlib.createGzip(), "the test")
      output.write(Buffer.alloc(1000, 1), 1000)
      yield* output.abort()
      expect(listFiles(directory)).toEqual([])
    }),
  )
})

describe("--compare with a compressed --out", () => {
  it.effect("names each mode's recording before the two-part extension", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured(["simulate", "--compare", "sync,async", "--out", "run.json.gz"])
      expect(run.code).toBe(0)
      expect(listFiles(run.directory)).toEqual(["run-async.json.gz", "run-sync.json.gz"])
    }),
  )

  it.effect("compresses whatever the extension's case (.GZ wrote plain JSON under a compressed name)", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured([
        "simulate",
        "--quiet",
        "--compare",
        "sync,async",
        "--out",
        "run.JSON.GZ",
      ])
      expect(run.code).toBe(0)
      expect(listFiles(run.directory)).toEqual(["run-async.JSON.GZ", "run-sync.JSON.GZ"])
      const bytes = fs.readFileSync(path.join(run.directory, "run-async.JSON.GZ"))
      expect(compressionOfBytes(bytes)).toBe("gzip")
    }),
  )
})
