/** The sweep page's charts without the DOM: value axes, where configurations stand, series, verdicts. */
import { describe, expect, it } from "@effect/vitest"
import type { Row, SweepResult } from "../../src/core/sweep/resultSchema.ts"
import type { SweepPageDocument } from "../../src/core/sweep/sweepDocument.ts"
import {
  boundText,
  chartOrder,
  combinedVerdict,
  describeMetric,
  metricChart,
  verdictMarks,
  verdictWordsFit,
} from "../../src/page/sweep/metricChart.ts"
import { axisValues, placement, seriesOffsets, sweepLayout } from "../../src/page/sweep/sweepLayout.ts"
import { linearAxis, logAxis, niceStep, valueAxis } from "../../src/page/sweep/valueAxis.ts"

type Value = number | string | null

/** A row with one metric (`latency.p99`) and its target's verdict. */
const row = (
  parameters: Record<string, Value>,
  mean: number | null,
  halfWidth: number | null,
  verdicts: ReadonlyArray<Row["targets"][number]["verdict"]> = [],
): Row => ({
  parameters,
  load: { arrivalRate: 1, meanService: 0.5, workers: 1, perWorker: 0.5, unstable: false },
  seeds: [1000001, 1000002],
  metrics: {
    "latency.p99": { mean, halfWidth, min: mean, max: mean },
    dropped: { mean: 0, halfWidth: 0, min: 0, max: 0 },
  },
  targets: verdicts.map((verdict, index) => ({
    target: ["latency.p99<=500ms", "latency.p99>=100ms"][index] ?? "",
    verdict,
    ...(verdict === "undecided" ? { moreReplications: 3 } : {}),
  })),
  differences: [],
})

const documentOf = (
  varied: SweepPageDocument["varied"],
  rows: ReadonlyArray<Row>,
  targets: SweepPageDocument["targets"] = [],
): SweepPageDocument => {
  const result: SweepResult = {
    replications: 2,
    confidence: 0.95,
    warmup: 0,
    baseSeed: 1,
    varied: varied.map(({ name }) => name),
    scenario: { settings: {}, changing: [] },
    rows,
    answer: "an answer",
    chosen: [],
  }
  return {
    result,
    varied,
    scenario: {},
    changing: [],
    metrics: [
      { name: "dropped", unit: "count" },
      { name: "latency.p99", unit: "seconds" },
    ],
    targets,
    generator: "prodcon-sim@test",
  }
}

const p99Target = {
  target: "latency.p99<=500ms",
  metric: "latency.p99",
  comparison: "<=",
  bound: 0.5,
} as const

describe("value axes", () => {
  it("steps by 1, 2 or 5 times a power of ten", () => {
    expect([0.7, 1, 1.1, 3, 7, 0.013, 45].map(niceStep)).toEqual([1, 1, 2, 5, 10, 0.02, 50])
  })

  it("puts round ticks around the figures, from zero when they start near it", () => {
    const axis = linearAxis(0.17, 0.97)
    expect(axis.scale).toBe("linear")
    expect(axis.ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1])
    expect(axis.format(0.4)).toBe("0.4")
    expect(axis.fraction(0.5)).toBeCloseTo(0.5)
    const far = linearAxis(7.8, 10.1)
    expect(far.ticks[0]).toBe(7.5)
    expect(far.ticks.at(-1)).toBe(10.5)
  })

  it("gives a flat series of zeros an axis from zero up, never below", () => {
    expect(linearAxis(0, 0)).toMatchObject({ low: 0, high: 1 })
  })

  it("is logarithmic when the figures span orders of magnitude, with 1-2-5 ticks", () => {
    const axis = valueAxis([49.3, 0.97, 0.39, 0.174], [0.5], [44.6, 54, 0.155, 0.193])
    expect(axis.scale).toBe("log")
    expect(axis.ticks).toEqual([0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100])
    expect(axis.fraction(axis.low)).toBe(0)
    expect(axis.fraction(axis.high)).toBe(1)
    expect(axis.fraction(0)).toBe(Number.NEGATIVE_INFINITY)
    expect(logAxis(0.002, 400).ticks).toEqual([0.002, 0.01, 0.1, 1, 10, 100, 500])
    // An end too close to a power of ten to be read beside it has no label of its own.
    expect(logAxis(0.005, 1000).ticks).toEqual([0.01, 0.1, 1, 10, 100, 1000])
  })

  it("stays linear when a figure is zero, or the spread is small", () => {
    expect(valueAxis([0, 5, 200], [], []).scale).toBe("linear")
    expect(valueAxis([0.5, 0.9], [], [0.45, 0.95]).scale).toBe("linear")
  })

  it("gives a bound on the axis' edge room, so its line does not vanish into the axis", () => {
    const axis = valueAxis([0.99], [0.7], [0.985, 0.995])
    expect(axis.fraction(0.7)).toBeGreaterThan(0.02)
    const log = valueAxis([12], [0.5], [8, 16])
    expect(log.fraction(0.5)).toBeGreaterThan(0.02)
  })
})

describe("where configurations stand", () => {
  it("spaces numbers with even gaps at their values, uneven ones evenly in order, none last", () => {
    expect(axisValues([2, 3, 5])).toMatchObject({
      kind: "linear",
      values: [
        { value: 2, position: 0 },
        { value: 3, position: 1 / 3 },
        { value: 5, position: 1 },
      ],
    })
    expect(axisValues([100, 10, 10000])).toMatchObject({
      kind: "ordered",
      values: [{ value: 10 }, { value: 100 }, { value: 10000, position: 1 }],
    })
    expect(axisValues([20, null, 5]).values.map(({ label }) => label)).toEqual(["5", "20", "none"])
  })

  it("keeps values without an order (distributions) as given, evenly", () => {
    const { kind, values } = axisValues(["lognormal(1s,300ms)", "exp(1s)"])
    expect(kind).toBe("categories")
    expect(values.map(({ label, position }) => [label, position])).toEqual([
      ["lognormal(1s,300ms)", 0],
      ["exp(1s)", 1],
    ])
  })

  it("puts the first ordered parameter along the axis and makes a series of each value of the others", () => {
    const varied = [
      { name: "process", values: ["exp(1s)", "500ms"] },
      { name: "consumers", values: [3, 2] },
    ]
    const rows = [
      { parameters: { process: "exp(1s)", consumers: 3 } },
      { parameters: { process: "exp(1s)", consumers: 2 } },
      { parameters: { process: "500ms", consumers: 3 } },
      { parameters: { process: "500ms", consumers: 2 } },
    ]
    const layout = sweepLayout(varied, rows)
    expect(layout.parameter).toBe("consumers")
    expect(layout.joined).toBe(true)
    expect(layout.values.map(({ label }) => label)).toEqual(["2", "3"])
    expect(layout.series.map(({ label }) => label)).toEqual(["process=exp(1s)", "process=500ms"])
    expect(layout.places).toEqual([
      { value: 1, series: 0 },
      { value: 0, series: 0 },
      { value: 1, series: 1 },
      { value: 0, series: 1 },
    ])
  })

  it("joins no points when nothing has an order, and names every other parameter in a series", () => {
    const layout = sweepLayout(
      [
        { name: "mode", values: ["sync", "async"] },
        { name: "when-full", values: ["drop"] },
        { name: "capacity", values: [null] },
      ],
      [{ parameters: { mode: "sync", "when-full": "drop", capacity: null } }],
    )
    // capacity none alone has no number: no order either.
    expect(layout).toMatchObject({ parameter: "mode", kind: "categories", joined: false })
    expect(layout.series[0]?.label).toBe("when-full=drop, capacity=none")
  })

  it("shows one configuration when nothing was varied", () => {
    const layout = sweepLayout([], [{ parameters: {} }])
    expect(layout.parameter).toBeUndefined()
    expect(layout.values).toEqual([{ value: null, label: "the scenario", position: 0.5 }])
    expect(layout.places).toEqual([{ value: 0, series: 0 }])
  })

  it("sets the series side by side within each value's room, centred on it", () => {
    expect(seriesOffsets(1, 100)).toEqual([0])
    expect(seriesOffsets(3, 200)).toEqual([-14, 0, 14])
    expect(seriesOffsets(4, 40)).toEqual([-10.5, -3.5, 3.5, 10.5])
    const layout = sweepLayout(
      [{ name: "consumers", values: [2, 3, 4, 5] }],
      [{ parameters: { consumers: 2 } }],
    )
    const place = placement(layout, 60, 400)
    // Four values in 400 pixels: a band of 100 each, every value in the middle of its own.
    expect([0, 1, 2, 3].map(place.valueX)).toEqual([110, 210, 310, 410])
    expect(place.slot).toBeCloseTo(100)
  })
})

describe("a metric's chart", () => {
  const varied = [{ name: "consumers", values: [2, 3, 4] }]
  const rows = [
    row({ consumers: 2 }, 49.3, 4.7, ["missed"]),
    row({ consumers: 3 }, 0.52, 0.11, ["undecided"]),
    row({ consumers: 4 }, null, null, []),
  ]
  const document = documentOf(varied, rows, [p99Target])
  const layout = sweepLayout(varied, rows)

  it("has a point per configuration with a value, its bar mean ± half-width, its verdict", () => {
    const chart = metricChart(document, layout, "latency.p99")
    expect(chart.points).toEqual([
      {
        row: 0,
        place: { value: 0, series: 0 },
        mean: 49.3,
        interval: { low: 49.3 - 4.7, high: 49.3 + 4.7 },
        verdict: "missed",
      },
      {
        row: 1,
        place: { value: 1, series: 0 },
        mean: 0.52,
        interval: { low: 0.52 - 0.11, high: 0.52 + 0.11 },
        verdict: "undecided",
      },
    ])
    expect(chart.noValue).toEqual([2])
    expect(chart.axis.scale).toBe("log")
    expect(chart.strips).toHaveLength(1)
    expect(chart.strips[0]?.bound).toBe("≤ 500ms")
    expect(
      chart.strips[0]?.cells.map(({ verdict, moreReplications }) => [verdict, moreReplications]),
    ).toEqual([
      ["missed", undefined],
      ["undecided", 3],
    ])
  })

  it("writes the verdicts' words only where the longest fits before the next value's shape", () => {
    // "missed" and "undecided (+3)": the longer one decides, not a fixed room that suits "met".
    const chart = metricChart(document, layout, "latency.p99")
    expect(verdictWordsFit(chart, 70)).toBe(false)
    expect(verdictWordsFit(chart, 110)).toBe(false)
    expect(verdictWordsFit(chart, 120)).toBe(true)
    const allMet = documentOf(varied, [row({ consumers: 1 }, 0.2, 0.1, ["met"])], [p99Target])
    const metChart = metricChart(allMet, sweepLayout(varied, allMet.result.rows), "latency.p99")
    expect(verdictWordsFit(metChart, 70)).toBe(true)
    expect(verdictWordsFit(metChart, 60)).toBe(false)
  })

  it("cuts a bar at what the metric can be: no time below 0, no fraction above 1", () => {
    // Two replications of a wide spread: mean ± half-width reached -0.5 s, and 1.1 busy.
    const wide = [row({ consumers: 2 }, 0.3, 0.8), row({ consumers: 3 }, 2, 0.5)].map((each, index) => ({
      ...each,
      metrics: {
        ...each.metrics,
        "utilization.consumers": { mean: 0.9 - index / 10, halfWidth: 0.2, min: 0.7, max: 1 },
      },
    }))
    const spread = {
      ...documentOf(
        varied.map((each) => ({ ...each, values: [2, 3] })),
        wide,
      ),
    }
    const withFraction = {
      ...spread,
      metrics: [...spread.metrics, { name: "utilization.consumers", unit: "fraction" as const }],
    }
    const layout2 = sweepLayout(withFraction.varied, wide)
    const times = metricChart(withFraction, layout2, "latency.p99")
    expect(times.points.map((point) => point.interval)).toEqual([
      { low: 0, high: 0.3 + 0.8 },
      { low: 1.5, high: 2.5 },
    ])
    expect(times.axis.low).toBe(0)
    const busy = metricChart(withFraction, layout2, "utilization.consumers")
    expect(busy.points[0]?.interval).toEqual({ low: 0.9 - 0.2, high: 1 })
    expect(busy.axis.high).toBeLessThanOrEqual(1)
  })

  it("marks no verdict on a metric without a target", () => {
    const chart = metricChart(document, layout, "dropped")
    expect(chart.strips).toEqual([])
    expect(chart.points.every((point) => point.verdict === undefined)).toBe(true)
    expect(chart.axis).toMatchObject({ scale: "linear", low: 0 })
  })

  it("combines several targets on one metric: missed beats undecided beats met", () => {
    expect(combinedVerdict([])).toBeUndefined()
    expect(combinedVerdict(["met", "met"])).toBe("met")
    expect(combinedVerdict(["met", "undecided"])).toBe("undecided")
    expect(combinedVerdict(["undecided", "missed", "met"])).toBe("missed")
  })

  it("gives each verdict a shape and a word, not a colour alone", () => {
    expect(Object.values(verdictMarks).map(({ symbol, word }) => `${symbol} ${word}`)).toEqual([
      "● met",
      "✕ missed",
      "◇ undecided",
    ])
    expect(
      boundText({
        target: "utilization.consumers>=0.7",
        metric: "utilization.consumers",
        comparison: ">=",
        bound: 0.7,
      }),
    ).toBe("≥ 0.7")
  })

  it("comes targets' metrics first, and says what each metric measures", () => {
    expect(chartOrder(document)).toEqual(["latency.p99", "dropped"])
    expect(describeMetric("latency.p99", "seconds")).toBe(
      "99th percentile wait (creation → pick-up), seconds",
    )
    expect(describeMetric("utilization.consumers", "fraction")).toBe("consumers' busy fraction")
  })

  it("says what a pipeline stage's figure measures, naming the stage", () => {
    expect(describeMetric("stages.store.latency.p99", "seconds")).toBe(
      "99th percentile wait in store's queue, seconds",
    )
    expect(describeMetric("stages.parse.utilization", "fraction")).toBe(
      "parse's workers' busy fraction, serving",
    )
    expect(describeMetric("stages.store.latency.count", "count")).toBe("items counted wait in store's queue")
    expect(describeMetric("deadLettered", "count")).toBe("items given up after their last failed attempt")
  })
})
