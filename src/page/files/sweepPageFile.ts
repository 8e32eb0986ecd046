/**
 * `sweep --html FILE`: the sweep's page as a file. Its target is checked and its temporary file
 * opened before the sweep runs (a file that would be refused is refused before the work), and it is
 * put in place only once the sweep has ended; a stopped sweep closes the scope first, and nothing is
 * left. Written through the one atomic writer, like every other file.
 */
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import type { SweepIdentity, SweepResult } from "../../core/sweep/resultSchema.ts"
import { sweepPageDocument } from "../../core/sweep/sweepDocument.ts"
import { generator } from "../../core/version.ts"
import { CannotWrite, type UsageError } from "../../errors.ts"
import { openAtomicFileScoped, putText } from "../../files/atomicFile.ts"
import { renderSweepPage } from "./renderPage.ts"

export interface SweepPageFile {
  /** Renders the page of `result` and puts it in place; answers where it went. */
  readonly write: (result: SweepResult, sweep: SweepIdentity) => Effect.Effect<string, CannotWrite>
}

export const openSweepPage = (target: {
  readonly path: string
  readonly force: boolean
}): Effect.Effect<SweepPageFile, UsageError, Scope.Scope> =>
  Effect.map(
    openAtomicFileScoped({ kind: "named", ...target }, { what: "the page", flag: "--html" }),
    (file) => ({
      write: (result, sweep) =>
        Effect.gen(function* () {
          const html = yield* Effect.tryPromise({
            try: () => renderSweepPage(sweepPageDocument(result, sweep, generator)),
            catch: (error) => new CannotWrite({ message: `cannot make the page: ${error}` }),
          })
          return yield* putText(file, html)
        }),
    }),
  )
