/** Recordings are untrusted input: every bad one gets one clear line, exit code 2, and is left as it was. */
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { hasControlCharacters, makeTempDirectory, runCliCaptured } from "../support/cli.ts"

const validHeader =
  '{"format":"prodcon-recording","version":1,"meta":{"mode":"async","seed":1,"clock":"virtual","generator":"test",' +
  '"scenario":{"mode":"async","producers":1,"items":3,"consumers":1,"capacity":null,"whenFull":"suspend",' +
  '"produce":"1s","process":"1s","timeout":null,"seed":1,"clock":"virtual"}},"events":['

const document = (events: ReadonlyArray<string>, end = '{"at":5000000,"reason":"completed"}') =>
  `${validHeader}\n${events.join(",\n")}\n],"end":${end}}\n`

const produced = (at: number, item: number) =>
  `{"at":${at},"type":"produced","actor":"producer-1","item":${item},"value":${item * item},"index":${item}}`
const step = (at: number, type: string, item: number, actor = "consumer-1") =>
  `{"at":${at},"type":"${type}","actor":${JSON.stringify(actor)},"item":${item},"value":${item * item}}`

const badRecordings: ReadonlyArray<readonly [string, string, string]> = [
  ["an empty file", "", "run.json: is empty"],
  ["text that is not JSON", "hello, world", "run.json: is not JSON ("],
  ["a truncated file", document([produced(0, 1)]).slice(0, 300), "run.json: is truncated"],
  ["a JSON array", "[1, 2]", "run.json: is not a prodcon recording (expected a JSON object)"],
  [
    "another format",
    '{"format":"asciicast","version":2}',
    'run.json: is not a prodcon recording (format is "asciicast"',
  ],
  ["no format field", '{"version":1}', 'run.json: is not a prodcon recording (it has no "format" field)'],
  [
    "an unknown version",
    document([]).replace('"version":1', '"version":3'),
    "run.json: has recording version 3; this program reads versions 1 and 2",
  ],
  [
    "a pipeline's version without stages",
    document([]).replace('"version":1', '"version":2'),
    "run.json: has recording version 2, but its scenario has no stages (version 2 is a pipeline's)",
  ],
  [
    // JSON.parse reads nesting this deep; quoting it back whole overflowed the stack (an internal error).
    "a version nested 5,000 arrays deep",
    document([]).replace('"version":1', `"version":${"[".repeat(5_000)}${"]".repeat(5_000)}`),
    "run.json: has recording version (an array); this program reads versions 1 and 2",
  ],
  [
    "a format 3,000,000 characters long",
    `{"format":"${"x".repeat(3_000_000)}","version":1}`,
    `run.json: is not a prodcon recording (format is "${"x".repeat(40)}"... (3000000 characters), expected "prodcon-recording")`,
  ],
  [
    // The scenario makes 3 items; a completed run has done with each (processed or dropped).
    "a completed run short of an item",
    document([produced(0, 1), step(0, "dequeued", 1), step(1_000_000, "processed", 1)]),
    "run.json: is inconsistent: the run completed, but item 2 of its 3 was never produced",
  ],
  [
    "a run ended by a timeout its scenario does not have",
    document(
      [1, 2, 3].flatMap((id) => [
        produced(id * 1_000_000, id),
        step(id * 1_000_000, "dequeued", id),
        step(id * 1_000_000 + 500_000, "processed", id),
      ]),
      '{"at":4000000,"reason":"timeout"}',
    ),
    "run.json: is inconsistent: the run ends by a timeout, but its scenario has none",
  ],
  [
    "fields of the wrong type, all named with their path",
    document(['{"at":"soon","type":"produced","actor":7,"item":1,"value":1}']).replace(
      '"seed":1,"clock"',
      '"seed":"x","clock"',
    ),
    "run.json: does not match the recording format: meta.seed: Expected number; events[0].at: Expected number; events[0].actor: Expected string",
  ],
  [
    // Shown on the page's header and in the trace: a megabyte-long name made the page millions of pixels wide.
    "a generator's name of a megabyte",
    document([]).replace('"generator":"test"', `"generator":"${"x".repeat(1_000_000)}"`),
    "run.json: does not match the recording format: meta.generator: Expected a value with a length of at most 200",
  ],
  [
    "a negative time",
    document([produced(-5, 1)]),
    "run.json: does not match the recording format: events[0].at: Expected a value greater than or equal to 0",
  ],
  [
    "a fractional time",
    document([produced(1.5, 1)]),
    "run.json: does not match the recording format: events[0].at: Expected an integer",
  ],
  [
    "times that go backwards",
    document([produced(2_000_000, 1), step(1_000_000, "dequeued", 1)]),
    "run.json: is inconsistent: events[1] (at 1 s): time goes backwards, after an event at 2 s",
  ],
  [
    "an item dequeued that was never produced",
    document([produced(0, 1), step(0, "dequeued", 2)]),
    "run.json: is inconsistent: events[1] (at 0 s): item 2 is dequeued but was never produced",
  ],
  [
    "an item processed twice",
    document([
      produced(0, 1),
      step(0, "dequeued", 1),
      step(1_000_000, "processed", 1),
      step(2_000_000, "processed", 1),
    ]),
    "run.json: is inconsistent: events[3] (at 2 s): item 1 is processed twice",
  ],
  [
    "an item dequeued twice",
    document([produced(0, 1), step(0, "dequeued", 1), step(1, "dequeued", 1)]),
    "run.json: is inconsistent: events[2] (at 0.000001 s): item 1 is dequeued twice",
  ],
  [
    "an item event without its item",
    document(['{"at":0,"type":"produced","actor":"producer-1"}']),
    "run.json: is inconsistent: events[0] (at 0 s): a produced event needs an item and a value",
  ],
  [
    "an end before the last event",
    document([produced(9_000_000, 1)]),
    "run.json: is inconsistent: end.at (5 s) is before the last event",
  ],
  [
    "text after the end of the recording",
    `${document([produced(0, 1)])}{"more":1}\n`,
    "run.json: has text after the end of the recording",
  ],
  [
    "a line in the events that is not an event",
    document([produced(0, 1), "]"]),
    "run.json: events[1]: is not an event",
  ],
  [
    "more problems than one line lists",
    document(Array.from({ length: 25 }, (_, index) => `{"at":${index},"type":7,"actor":"producer-1"}`)),
    "run.json: does not match the recording format: events[0].type: Expected string; events[1].type: Expected string;",
  ],
  [
    "an unknown end reason",
    document([], '{"at":5000000,"reason":"bored"}'),
    'run.json: does not match the recording format: end.reason: Expected "completed" | "timeout" | "interrupted"',
  ],
]

describe("blank lines between the events of a recording", () => {
  const interrupted = '{"at":5000000,"reason":"interrupted"}'
  const withBlankLines = (blank: string) =>
    document([produced(0, 1), `${blank}${step(0, "dequeued", 1)}`], interrupted)

  it.effect("a few are read as nothing", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      fs.writeFileSync(path.join(directory, "run.json"), withBlankLines(" \r\n\t\n\n".repeat(1_000)))
      const run = yield* runCliCaptured(["replay", "run.json", "--json"], { directory })
      expect([run.code, run.stderr]).toEqual([0, ""])
      expect(JSON.parse(run.stdout)).toMatchObject({ produced: 1, consumed: 1 })
    }),
  )

  it.effect("over 1 MB in a row is refused there, without reading on", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      // Were the rest read, the text after the end would be the problem named.
      const content = `${withBlankLines("\n".repeat(3 << 19))}{"more":1}\n`
      fs.writeFileSync(path.join(directory, "run.json"), content)
      const run = yield* runCliCaptured(["replay", "run.json"], { directory })
      expect([run.code, run.stdout]).toEqual([2, ""])
      expect(run.stderr).toBe("prodcon: run.json: has over 1 MB of blank lines in a row\n")
    }),
  )
})

describe("replay refuses a bad recording with one line naming the file and the problem", () => {
  it.effect("lists the first twenty problems, then how many more", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      const lines = Array.from({ length: 25 }, (_, index) => `{"at":${index},"type":7,"actor":"producer-1"}`)
      fs.writeFileSync(path.join(directory, "run.json"), document(lines))
      const run = yield* runCliCaptured(["replay", "run.json"], { directory })
      expect(run.stderr.match(/Expected string/g)).toHaveLength(20)
      expect(run.stderr).toMatch(/events\[19\]\.type: Expected string; and 5 more\n$/)
    }),
  )

  for (const [name, content, message] of badRecordings) {
    it.effect(name, () =>
      Effect.gen(function* () {
        const directory = makeTempDirectory()
        const file = path.join(directory, "run.json")
        fs.writeFileSync(file, content)
        const before = fs.statSync(file).mtimeMs
        const run = yield* runCliCaptured(["replay", "run.json"], { directory })
        expect(run.code).toBe(2)
        expect(run.stdout).toBe("")
        expect(run.stderr.startsWith(`prodcon: ${message}`)).toBe(true)
        expect(run.stderr.split("\n")).toHaveLength(2)
        expect(run.stderr).not.toMatch(/\n\s+at /)
        // Replay never writes or changes the file, nor adds any.
        expect(fs.readFileSync(file, "utf8")).toBe(content)
        expect(fs.statSync(file).mtimeMs).toBe(before)
        expect(fs.readdirSync(directory)).toEqual(["run.json"])
      }),
    )
  }

  it.effect("a missing file", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured(["replay", "nowhere.json"])
      expect([run.code, run.stderr]).toEqual([2, "prodcon: nowhere.json: no such file\n"])
    }),
  )

  it.effect("a directory", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      fs.mkdirSync(path.join(directory, "recordings"))
      const run = yield* runCliCaptured(["replay", "recordings"], { directory })
      expect([run.code, run.stderr]).toEqual([2, "prodcon: recordings: is a directory, not a recording\n"])
    }),
  )

  it.effect("no file named at all", () =>
    Effect.gen(function* () {
      const run = yield* runCliCaptured(["replay"])
      expect(run.code).toBe(2)
      expect(run.stderr.split("\n")).toHaveLength(2)
    }),
  )
})

describe("replay neutralises terminal escapes a recording carries", () => {
  const hostile = "\u001b[2J\u001b]0;pwned\u0007\u009b31m"
  const recording = document([produced(0, 1), step(0, "dequeued", 1, `consumer-${hostile}`)])

  it.effect("in an actor's name, which is refused as none of the scenario's, and quoted harmlessly", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      fs.writeFileSync(path.join(directory, "run.json"), recording)
      for (const flags of [[], ["--from", "1s"], ["--json"], ["--verify"]]) {
        const run = yield* runCliCaptured(["replay", "run.json", ...flags], { directory })
        expect([run.code, run.stdout]).toEqual([2, ""])
        expect(run.stderr).toContain(
          'a dequeued event comes from "consumer-\\u001b[2J\\u001b]0;pwned\\u0007\\u{9b}31m", which is none of the scenario\'s 1 consumers',
        )
        expect(hasControlCharacters(run.stderr)).toBe(false)
      }
    }),
  )

  it.effect("in a mode, which is refused as no mode of this program, and quoted harmlessly", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      const hostileMode = recording.replace(
        '"meta":{"mode":"async"',
        `"meta":{"mode":${JSON.stringify(`async${hostile}`)}`,
      )
      fs.writeFileSync(path.join(directory, "run.json"), hostileMode)
      const run = yield* runCliCaptured(["replay", "run.json"], { directory })
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('meta.mode: Expected "sync" | "async" | "threads" | "trio"')
      expect(hasControlCharacters(run.stderr)).toBe(false)
    }),
  )

  it.effect("in error messages that quote the file", () =>
    Effect.gen(function* () {
      const directory = makeTempDirectory()
      fs.writeFileSync(path.join(directory, "run.json"), JSON.stringify({ format: hostile, version: 1 }))
      const run = yield* runCliCaptured(["replay", "run.json"], { directory })
      expect(run.code).toBe(2)
      expect(hasControlCharacters(run.stderr)).toBe(false)
    }),
  )
})
