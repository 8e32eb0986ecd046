/**
 * The lines pane shows exactly what `replay --until` prints for the microsecond after the playhead
 * (the events at the playhead included), through the same line functions.
 */
import { describe, expect, it } from "@effect/vitest"
import type { ScenarioInput } from "../../src/core/scenario/scenario.ts"
import { paneLinesAt } from "../../src/page/player/paneLines.ts"
import { prepareRun } from "../../src/page/player/preparedRun.ts"
import { defined, foldEvents, foldRun, pageRunOf, terminalLines } from "./pageRuns.ts"

const everything = Number.POSITIVE_INFINITY
const texts = (prepared: ReturnType<typeof prepareRun>, at: number, most = everything) =>
  paneLinesAt(prepared, at, most).lines.map((line) => line.text)

const scenarios: ReadonlyArray<ScenarioInput> = [
  { mode: "async" },
  { mode: "sync" },
  { mode: "trio" },
  { mode: "async", capacity: 2, whenFull: "drop", produce: "exp(300ms)", items: 30 },
]

describe("the lines pane", () => {
  for (const input of scenarios) {
    it(`matches replay --until just past every instant of the run, and the whole replay at its end: ${JSON.stringify(input)}`, async () => {
      const run = await foldRun(input)
      const prepared = prepareRun(pageRunOf(run))
      const instants = [...new Set(run.events.map((event) => event.at))]
      const times = [
        0,
        1,
        ...instants.flatMap((at) => [at, at + 1]),
        Math.floor(run.end.at / 3),
        run.end.at - 1,
      ]
      for (const at of times.filter((time) => time > 0 && time < run.end.at)) {
        expect(texts(prepared, at)).toEqual(terminalLines(run, at + 1))
      }
      expect(texts(prepared, run.end.at)).toEqual(terminalLines(run))
    })
  }

  it("shows 'Cancelling on your request!' in the colour of the line before it, as a terminal does", async () => {
    const whole = await foldRun({ mode: "threads", items: 3 })
    const cancelAt = 1_200_000
    const events = whole.events.filter((event) => event.at < cancelAt)
    const run = foldEvents(whole.header, events, { at: cancelAt, reason: "interrupted" })
    const lines = paneLinesAt(prepareRun(pageRunOf(run)), cancelAt, everything).lines
    const cancel = lines.findIndex((line) => line.text === "Cancelling on your request!")
    const before = lines[cancel - 1]
    expect(before).toMatchObject({ kind: "line", text: expect.stringMatching(/^ (--|\+\+\+) /) })
    expect(lines[cancel]).toEqual({
      kind: "line",
      color: before?.kind === "line" ? before.color : "none",
      text: "Cancelling on your request!",
    })
  })

  it("keeps the newest lines when it must be short, and says how many it left out", async () => {
    const run = await foldRun({ mode: "async" })
    const prepared = prepareRun(pageRunOf(run))
    const { lines, omitted } = paneLinesAt(prepared, run.end.at, 10)
    const all = terminalLines(run)
    expect(lines).toHaveLength(10)
    expect(lines[0]?.text).toBe("App started.")
    expect(lines[1]).toEqual({ kind: "note", text: `(${omitted} earlier lines)` })
    expect(lines.slice(2).map((line) => line.text)).toEqual(all.slice(-8))
    expect(omitted).toBe(all.length - 1 - 8)
  })

  it("in a long run, shows a held stretch's lines and says what it does not hold", async () => {
    const run = await foldRun(
      { mode: "async", items: 400 },
      { detail: { chunkEvents: 40, keptChunks: 3, snapshotItems: 5 } },
    )
    const prepared = prepareRun(pageRunOf(run))
    const windows = run.data.detail.windows
    expect(windows.length).toBeGreaterThan(2)
    const middle = defined(windows[1])
    const inside = Math.floor((middle.from + middle.until) / 2)
    const shown = paneLinesAt(prepared, inside, everything).lines
    expect(shown[0]?.kind).toBe("note")
    // The held lines are the terminal's lines for the events from the stretch's start to the playhead.
    const before = terminalLines(run, middle.from).length - 1 // all but its closing line
    const until = terminalLines(run, inside)
    expect(shown.slice(1).map((line) => line.text)).toEqual(until.slice(before))
    const gap = Math.floor((middle.until + defined(windows[2]).from) / 2)
    const afterGap = paneLinesAt(prepared, gap, everything).lines
    expect(afterGap.at(-2)).toMatchObject({ kind: "note" })
    expect(afterGap.at(-2)?.text).toContain("no lines held from")
    expect(afterGap.at(-1)?.text).toBe(terminalLines(run, gap).at(-1))
  })
})
