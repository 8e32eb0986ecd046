import { describe, expect, it } from "@effect/vitest"
import * as Schema from "effect/Schema"
import { RecordedEvent } from "../../src/core/recording/format.ts"
import { serializeEvent } from "../../src/core/recording/serialize.ts"
import { parseCanonicalLine } from "../../src/recording/canonicalLine.ts"

const parse = (line: string) => {
  const bytes = Buffer.from(line, "utf8")
  return parseCanonicalLine(bytes, 0, bytes.length)
}

const decode = Schema.decodeUnknownSync(RecordedEvent)
const withoutAbsentKeys = (event: object) =>
  Object.fromEntries(Object.entries(event).filter(([, value]) => value !== undefined))

describe("the fast reader of canonical event lines", () => {
  it("reads what the writer writes, as JSON.parse and the Schema would", () => {
    const events = [
      { at: 0, type: "produced", actor: "producer-1", item: 1, value: 1, index: 1 },
      { at: 21_122_100, type: "dequeued", actor: "consumer-12", item: 987_654, value: 250_000_000_000 },
      { at: 999_999_999_999_999, type: "processed", actor: "c", item: 0, value: 0 },
      { at: 5, type: "coffee-break", actor: "consumer-1" },
    ]
    for (const event of events) {
      const line = serializeEvent(event)
      expect(withoutAbsentKeys(parse(line) ?? {})).toEqual(decode(JSON.parse(line)))
    }
  })

  it("reads names afresh when the buffer they came from is reused for other lines", () => {
    // The reader reuses one buffer for the whole file: names must not be remembered as views of it.
    const bytes = Buffer.from(
      serializeEvent({ at: 1, type: "produced", actor: "worker-A7", item: 1, value: 1 }),
    )
    expect(parseCanonicalLine(bytes, 0, bytes.length)?.actor).toBe("worker-A7")
    bytes.write(serializeEvent({ at: 2, type: "produced", actor: "worker-B8", item: 2, value: 4 }))
    expect(parseCanonicalLine(bytes, 0, bytes.length)?.actor).toBe("worker-B8")
    const again = Buffer.from(
      serializeEvent({ at: 3, type: "produced", actor: "worker-A7", item: 3, value: 9 }),
    )
    expect(parseCanonicalLine(again, 0, again.length)?.actor).toBe("worker-A7")
  })

  it("declines anything else, which then goes through JSON.parse and the Schema", () => {
    const declined = [
      '{"at":1.5,"type":"produced","actor":"p","item":1,"value":1}',
      '{"at":-1,"type":"produced","actor":"p","item":1,"value":1}',
      '{"at":01,"type":"produced","actor":"p","item":1,"value":1}',
      '{"at":1,"type":"produced","actor":"p\\u001b[2J","item":1,"value":1}',
      '{"at":1,"type":"produced","actor":"prodücer","item":1,"value":1}',
      '{"at":1,"type":"produced","actor":"p","item":1,"value":-4}',
      '{"at":1,"type":"produced","actor":"p","item":1,"value":2.5}',
      '{"at":1,"type":"produced","actor":"p","value":1,"item":1}',
      '{"at":1,"type":"produced","actor":"p","item":1,"value":1,"extra":true}',
      '{"at":1,"actor":"p","type":"produced"}',
      '{"at":1234567890123456,"type":"produced","actor":"p"}',
      '{"at":1,"type":"produced","actor":"p"} ',
      '{"at":1,"type":"produced","actor":"p"',
    ]
    for (const line of declined) expect(parse(line)).toBeUndefined()
  })
})
