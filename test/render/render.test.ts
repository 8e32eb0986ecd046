import { readFileSync } from "node:fs"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { makePainter, shouldUseColor } from "../../src/core/render/color.ts"
import { endLines, eventLine } from "../../src/core/render/lines.ts"
import { formatSecondsAsCourse } from "../../src/core/render/numbers.ts"
import { bufferedOutput } from "../../src/core/render/output.ts"
import { makeRunView } from "../../src/core/render/runView.ts"
import { sanitizeForTerminal, showBidiControls } from "../../src/core/render/sanitize.ts"
import { runHeader } from "../../src/core/run.ts"
import { unreadContext } from "../support/runContext.ts"
import { resolveOrThrow } from "../support/runs.ts"

describe("the course's number format {:,.2f}", () => {
  it("rounds the binary value to hundredths, an exact tie to even, and groups thousands", () => {
    expect(formatSecondsAsCourse(0)).toBe("0.00")
    expect(formatSecondsAsCourse(254_999)).toBe("0.25")
    expect(formatSecondsAsCourse(5_000)).toBe("0.01") // 0.005 is a little above it in binary
    expect(formatSecondsAsCourse(125_000)).toBe("0.12") // an exact tie in binary
    expect(formatSecondsAsCourse(135_000)).toBe("0.14")
    expect(formatSecondsAsCourse(21_122_100)).toBe("21.12")
    expect(formatSecondsAsCourse(1_234_567_890)).toBe("1,234.57")
    expect(formatSecondsAsCourse(-1)).toBe("-0.00")
  })

  it("prints what Python prints, on every row of the table Python made (pythonFormat.py)", () => {
    const rows = readFileSync(new URL("./pythonFormat.tsv", import.meta.url), "utf8")
      .trimEnd()
      .split("\n")
    expect(rows.length).toBeGreaterThan(7_000)
    const differences = rows.flatMap((row) => {
      const [micros, python] = row.split("\t")
      const ours = formatSecondsAsCourse(Number(micros))
      return ours === python ? [] : [`${micros}: Python ${python}, ours ${ours}`]
    })
    expect(differences).toEqual([])
  })
})

describe("the course's lines", () => {
  it("print generated and processed items as the programs do", () => {
    expect(
      eventLine({ at: 0, type: "produced", actor: "producer-1", item: 9, value: 16, index: 4 }, undefined),
    ).toEqual({
      color: "yellow",
      text: " -- generated item 4",
    })
    expect(
      eventLine({ at: 0, type: "dequeued", actor: "consumer-1", item: 9, value: 16 }, 1_505_000),
    ).toEqual({
      color: "cyan",
      text: " +++ Processed value 16 after 1.50 sec.",
    })
    expect(
      eventLine({ at: 0, type: "processed", actor: "consumer-1", item: 9, value: 16 }, undefined),
    ).toBeUndefined()
  })

  it("print the generated line where the producer's count is: at its send's return in trio runs", () => {
    const handedOver = {
      at: 0,
      type: "handedOver" as const,
      actor: "producer-1",
      item: 9,
      value: 16,
      index: 4,
    }
    expect(eventLine(handedOver, undefined)).toEqual({ color: "yellow", text: " -- generated item 4" })
    const stampOnly = { at: 0, type: "produced" as const, actor: "producer-1", item: 9, value: 16 }
    expect(eventLine(stampOnly, undefined)).toBeUndefined()
  })

  it("close with the total time, and say so when the user cancelled", () => {
    expect(endLines({ at: 21_122_100, reason: "completed" }).map((line) => line.text)).toEqual([
      "App exiting, total time: 21.12 sec.",
    ])
    expect(endLines({ at: 3_000_000, reason: "interrupted" }).map((line) => line.text)).toEqual([
      "Cancelling on your request!",
      "App exiting, total time: 3.00 sec.",
    ])
  })

  it("give 'Cancelling on your request!' no colour of its own, as the threads program prints it", () => {
    expect(endLines({ at: 3_000_000, reason: "interrupted" }).map((line) => line.color)).toEqual([
      undefined,
      "white",
    ])
  })
})

describe("colour", () => {
  const env = {}
  it("is on for a terminal, off for a pipe", () => {
    expect(shouldUseColor({ noColorFlag: false, isTTY: true, env })).toBe(true)
    expect(shouldUseColor({ noColorFlag: false, isTTY: false, env })).toBe(false)
  })
  it("is forced by FORCE_COLOR and refused by NO_COLOR or --no-color", () => {
    expect(shouldUseColor({ noColorFlag: false, isTTY: false, env: { FORCE_COLOR: "1" } })).toBe(true)
    expect(shouldUseColor({ noColorFlag: false, isTTY: true, env: { NO_COLOR: "1" } })).toBe(false)
    expect(shouldUseColor({ noColorFlag: true, isTTY: true, env: { FORCE_COLOR: "1" } })).toBe(false)
    expect(shouldUseColor({ noColorFlag: false, isTTY: true, env: { FORCE_COLOR: "0" } })).toBe(false)
  })
  it("is written as colorama writes it: the code in front of the line, no reset after it", () => {
    const paint = makePainter(true)
    expect(paint.line("white", "App started.")).toBe("\u001b[37mApp started.")
    expect(paint.line("red", "Press enter to cancel...")).toBe("\u001b[31mPress enter to cancel...")
    expect(paint.line("yellow", " -- generated item 1")).toBe("\u001b[33m -- generated item 1")
    expect(paint.line("cyan", " +++ Processed value 1 after 0.00 sec.")).toBe(
      "\u001b[36m +++ Processed value 1 after 0.00 sec.",
    )
    // A line without a colour of its own gets no code: it shows in the colour the line before set.
    expect(paint.line(undefined, "Cancelling on your request!")).toBe("Cancelling on your request!")
    // Once, after the course's lines: the terminal's own colour back for what follows.
    expect(paint.reset).toBe("\u001b[39m")
    const plain = makePainter(false)
    expect([plain.line("red", "text"), plain.line(undefined, "text"), plain.reset]).toEqual([
      "text",
      "text",
      "",
    ])
  })
})

describe("the run view's colour", () => {
  it.effect("is given back to the terminal when the run is abandoned part-way", () =>
    Effect.gen(function* () {
      let written = ""
      const view = makeRunView({
        verbosity: "full",
        paint: makePainter(true),
        output: bufferedOutput(
          (text) => {
            written += text
          },
          { immediate: true },
        ),
      })
      const header = runHeader(resolveOrThrow({ mode: "threads" }))
      view.start(header, unreadContext)
      yield* view.abort()
      expect(written).toBe("\u001b[37mApp started.\n\u001b[31mPress enter to cancel...\n\u001b[39m")
    }),
  )
})

describe("untrusted text", () => {
  it("loses its control characters and escape sequences", () => {
    expect(sanitizeForTerminal("producer\u001b[2J\u001b]0;owned\u0007\r\n")).toBe(
      "producer\\u{1b}[2J\\u{1b}]0;owned\\u{7}\\u{d}\\u{a}",
    )
    expect(sanitizeForTerminal("plain-name 1")).toBe("plain-name 1")
  })

  it("loses its bidi controls, on the terminal and on the page", () => {
    // U+202E would show "consumer-1 gpj.exe" as "consumer-1 exe.jpg"; the isolates and marks likewise reorder.
    const reordering = "consumer-1 \u202egpj.exe \u2066a\u2069 \u200f\u061c"
    expect(sanitizeForTerminal(reordering)).toBe(
      "consumer-1 \\u{202e}gpj.exe \\u{2066}a\\u{2069} \\u{200f}\\u{61c}",
    )
    expect(showBidiControls(reordering)).toBe(sanitizeForTerminal(reordering))
    expect(showBidiControls("line\tkept <b>as text</b>")).toBe("line\tkept <b>as text</b>")
  })
})
