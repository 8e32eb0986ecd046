/**
 * A list flag typed with spaces: `--compare sync async` gives `--compare` the value `sync` and leaves
 * `async` as a stray argument, which the parser refuses as "Unexpected positional argument" (and, under
 * npm, blames npm's `--`). When the stray words are values the list takes, the comma is what was
 * missing, and the message says so.
 */

/** The one-line problem with the first list flag whose values were separated by spaces. */
export const spacedListProblem = (
  args: ReadonlyArray<string>,
  lists: Readonly<Record<string, ReadonlyArray<string>>>,
): string | undefined => {
  for (const [position, arg] of args.entries()) {
    const [flag = "", inline] = arg.split(/=(.*)/s)
    const known = lists[flag]
    if (known === undefined) continue
    const first = inline ?? args[position + 1]
    const rest = args.slice(position + (inline === undefined ? 2 : 1))
    const end = rest.findIndex((word) => !known.includes(word))
    const strays = end === -1 ? rest : rest.slice(0, end)
    if (first === undefined || strays.length === 0) continue
    const list = [first, ...strays].join(",")
    return `${flag} takes one comma-separated list, without spaces: ${flag} ${list}`
  }
  return undefined
}
