/** The player's pure parts: stepping from instant to instant, the address's #t=, speeds, the time view. */
import { describe, expect, it } from "@effect/vitest"
import { actionOfKey } from "../../src/page/player/keys.ts"
import {
  changeSpeed,
  distinctInstants,
  formatTimeHash,
  parseTimeHash,
  stepBack,
  stepForward,
  untilOf,
} from "../../src/page/player/playhead.ts"
import { axisTicks, clampView, narrowestSpan, panView, zoomView } from "../../src/page/player/timeView.ts"

describe("the playhead", () => {
  const instants = distinctInstants([0, 0, 500, 500, 900, 2000])
  const end = 2000

  it("keeps each instant that holds events once, in order", () => {
    expect(Array.from(instants)).toEqual([0, 500, 900, 2000])
  })

  it("shows the events up to and including its instant, and the whole run once at the end", () => {
    expect(untilOf(700, end)).toBe(701)
    expect(untilOf(500, end)).toBe(501)
    expect(untilOf(end, end)).toBe(end + 1)
    expect(untilOf(end + 300, end)).toBe(end + 1)
  })

  it("steps forward one instant at a time, onto it, and back again", () => {
    const forward: Array<number> = []
    let at = 0
    for (let step = 0; step < 5; step++) {
      at = stepForward(instants, at, end)
      forward.push(at)
    }
    expect(forward).toEqual([500, 900, 2000, 2000, 2000])
    const back: Array<number> = []
    for (let step = 0; step < 5; step++) {
      at = stepBack(instants, at, end)
      back.push(at)
    }
    expect(back).toEqual([900, 500, 0, 0, 0])
  })

  it("reads and writes #t= in seconds, exactly to the microsecond", () => {
    expect(parseTimeHash("#t=5.2")).toBe(5_200_000)
    expect(parseTimeHash("#t=5.1122799")).toBeUndefined()
    expect(parseTimeHash("#x=1")).toBeUndefined()
    expect(parseTimeHash(formatTimeHash(5_112_279))).toBe(5_112_279)
    expect(formatTimeHash(5_200_000)).toBe("#t=5.2")
  })

  it("changes speed along 0.5x to 100x, stopping at the ends", () => {
    expect(changeSpeed(1, 1)).toBe(2)
    expect(changeSpeed(1, -1)).toBe(0.5)
    expect(changeSpeed(0.5, -1)).toBe(0.5)
    expect(changeSpeed(100, 1)).toBe(100)
  })

  it("maps the keys the issue names", () => {
    expect(
      [" ", ".", ",", "ArrowRight", "ArrowLeft", "+", "-"].map((key) => actionOfKey(key, false)),
    ).toEqual(["toggle-play", "step-forward", "step-back", "seek-forward", "seek-back", "faster", "slower"])
    expect(actionOfKey("ArrowRight", true)).toBe("seek-forward-far")
    expect(actionOfKey("q", false)).toBeUndefined()
  })
})

describe("the time view", () => {
  const end = 10_000_000

  it("zooms around an instant, which stays where it was on screen", () => {
    const view = zoomView({ from: 0, to: end }, 4, 2_000_000, end)
    expect(view.to - view.from).toBe(end / 4)
    expect((2_000_000 - view.from) / (view.to - view.from)).toBeCloseTo(0.2)
  })

  it("stays inside the run and at least a millisecond wide", () => {
    expect(clampView({ from: -5, to: 100 }, end)).toEqual({ from: 0, to: narrowestSpan })
    expect(panView({ from: 0, to: 1_000_000 }, 50_000_000, end)).toEqual({ from: 9_000_000, to: end })
  })

  it("puts ticks at round seconds", () => {
    expect(axisTicks({ from: 0, to: 21_000_000 }, 840, 90)).toEqual([0, 5e6, 10e6, 15e6, 20e6].map((t) => t))
    expect(axisTicks({ from: 1_000_000, to: 1_100_000 }, 1000, 100)).toHaveLength(11)
  })
})
