/**
 * How the command line's own output looks: the help with usages that can be typed as shown (the
 * npm scripts), and an invalid invocation in one line instead of the whole help.
 */
import * as CliOutput from "effect/cli/CliOutput"
import * as Effect from "effect/Effect"
import { CliIO } from "./io.ts"
import { positionalHint, usages } from "./npmScripts.ts"
import { didYouMean } from "./suggestion.ts"

const oneLine = (text: string): string =>
  text
    .replace(/\s*\n\s*/g, " ")
    .replace(/ in command [\w ]+? Did you mean this\? (\S+)/g, ": did you mean $1?")
    .replace(/ in command [\w ]+$/, "")
    .trim()

/** A value outside a flag's choices (`--mode asynch`), with the choice it likely meant. */
const withGuess = (message: string): string => {
  const refused = /^Invalid value for flag --[\w-]+: "(.*)"\. Expected: ((?:"[^"]*"(?: \| )?)+)$/.exec(
    message,
  )
  if (refused === null) return message
  const [, typed = "", expected = ""] = refused
  const choices = Array.from(expected.matchAll(/"([^"]*)"/g), (match) => match[1] ?? "")
  return `${message}${didYouMean(typed, choices)}`
}

// The help shows usages that can be typed as shown (npm scripts); invalid invocations get one line,
// not the whole help, with a word on npm's `--` when a plain argument may be a flag's value.
export const presenter: CliOutput.Presenter = {
  present: (event) => {
    if (event._tag === "Version") return CliOutput.defaultPresenter.present(event)
    if (event._tag === "Help") {
      const usage = usages[event.commandPath.at(-1) ?? ""]
      const helpDoc = usage === undefined ? event.helpDoc : { ...event.helpDoc, usage: usage.join("\n  ") }
      return CliOutput.defaultPresenter.present({ ...event, helpDoc })
    }
    return Effect.gen(function* () {
      const io = yield* CliIO
      const message = event.errors.map((error) => withGuess(oneLine(error.message))).join("; ")
      const hint = event.errors.some((error) => error._tag === "UnexpectedArgument")
        ? positionalHint(io.env)
        : ""
      io.stderr(`${event.commandPath.join(" ")}: ${message}${hint} (see --help)\n`)
    })
  },
}
