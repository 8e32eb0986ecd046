/**
 * A comma-separated list as a user types it on the command line, where a comma inside parentheses
 * belongs to the value (`exp(1s),uniform(1s,2s)`): `--vary`'s values and `--stage`'s settings.
 */

/** Splits on commas outside parentheses; undefined if the parentheses do not balance. */
export const splitValues = (list: string): ReadonlyArray<string> | undefined => {
  const values: Array<string> = []
  let depth = 0
  let start = 0
  for (let index = 0; index < list.length; index++) {
    const character = list[index]
    if (character === "(") depth++
    else if (character === ")" && --depth < 0) return undefined
    else if (character === "," && depth === 0) {
      values.push(list.slice(start, index).trim())
      start = index + 1
    }
  }
  if (depth !== 0) return undefined
  values.push(list.slice(start).trim())
  return values
}
