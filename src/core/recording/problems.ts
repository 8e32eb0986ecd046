/**
 * Schema problems found in a recording, collected over the whole of it so that one message lists
 * them all (the first twenty, then how many more), each with its JSON path.
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { schemaProblems } from "../scenario/schemaProblems.ts"

const mostProblemsShown = 20

export class Problems {
  private readonly shown: Array<string> = []
  private count = 0

  add(message: string): void {
    if (this.shown.length < mostProblemsShown) this.shown.push(message)
    this.count++
  }

  /** Decodes with `schema`; on failure records every problem, with paths under `prefix`. */
  decode<S extends Schema.Decoder<unknown>>(
    schema: S,
    value: unknown,
    prefix: string,
  ): S["Type"] | undefined {
    const decoded = Schema.decodeUnknownResult(schema)(value, { errors: "all" })
    if (Result.isSuccess(decoded)) return decoded.success
    for (const { path, message } of schemaProblems(decoded.failure.issue, { prefix }))
      this.add(`${path}: ${message}`)
    return undefined
  }

  get any(): boolean {
    return this.count > 0
  }

  describe(): string {
    const more = this.count > this.shown.length ? `; and ${this.count - this.shown.length} more` : ""
    return `does not match the recording format: ${this.shown.join("; ")}${more}`
  }
}
