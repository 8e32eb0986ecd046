/**
 * The `playground` command: writes the playground page (one self-contained HTML file, the engine
 * inside) through the one atomic writer, refusing to replace a file unless `--force`.
 */
import * as Effect from "effect/Effect"
import { CannotWrite } from "../errors.ts"
import { openAtomicFileScoped, putText } from "../files/atomicFile.ts"
import type { PlaygroundFlags } from "./commands.ts"
import { CliIO, displayPath, userPath } from "./io.ts"

export const defaultPlaygroundFile = "playground.html"

export const playground = Effect.fnUntraced(function* (flags: PlaygroundFlags) {
  const io = yield* CliIO
  const path = userPath(io, flags.out ?? defaultPlaygroundFile)
  const file = yield* openAtomicFileScoped(
    { kind: "named", path, force: flags.force },
    { what: "the playground", flag: "--out" },
  )
  const { renderPlaygroundPage } = yield* Effect.promise(() => import("../page/files/renderPage.ts"))
  const html = yield* Effect.tryPromise({
    try: () => renderPlaygroundPage(),
    catch: (error) => new CannotWrite({ message: `cannot make the playground: ${error}` }),
  })
  const written = yield* putText(file, html)
  io.stdout(`Playground: ${displayPath(io, written)}\n`)
}, Effect.scoped)
