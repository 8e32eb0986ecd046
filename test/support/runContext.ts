/** A run context for a sink tested alone that must not read it: any read fails the test. */
import type { RunContext } from "../../src/core/sinks/sink.ts"

const unread = (): never => {
  throw new Error("this sink was not expected to read the run's context")
}

export const unreadContext: RunContext = {
  latencyOf: unread,
  windowStart: unread,
  producedSoFar: unread,
  statistics: unread,
}
