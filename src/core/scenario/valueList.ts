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

/** How a typed value is read before the scenario's Schema checks it. */
export type ValueType = "whole" | "whole or none" | "number" | "text"

/**
 * One value of such a list as its setting takes it: a whole number (past 2^53 - 1 refused, not
 * rounded), `none`, a number, or text; or what is wrong with it. `--vary` and `--stage` read through
 * here, so they refuse the same text in the same words.
 */
export const typedValue = (
  type: ValueType,
  text: string,
): { readonly value: string | number | null } | { readonly problem: string } => {
  switch (type) {
    case "text":
      return { value: text }
    case "number": {
      const value = Number(text)
      return text !== "" && Number.isFinite(value) ? { value } : { problem: "not a number" }
    }
    case "whole or none":
    case "whole": {
      if (type === "whole or none" && text === "none") return { value: null }
      if (!/^[+-]?\d+$/.test(text))
        return { problem: `not a whole number${type === "whole or none" ? " (or none)" : ""}` }
      const value = Number(text)
      return Number.isSafeInteger(value)
        ? { value }
        : {
            problem: `a whole number up to ${Number.MAX_SAFE_INTEGER} (2^53 - 1), the largest counted exactly`,
          }
    }
  }
}
