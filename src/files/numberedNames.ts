/**
 * Numbered names in a folder (`recordings/runN.json`): the numbers present, the next one above
 * them, and the lowest free one. Exact however many digits a number has.
 */
import * as fs from "node:fs"

const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

const numberedPattern = (prefix: string, suffix: string) =>
  new RegExp(`^${literally(prefix)}(\\d+)${literally(suffix)}$`)

/** The numbers present: `PREFIXnSUFFIX` names in the folder. */
const numbersPresent = (directory: string, prefix: string, suffix: string): Array<bigint> => {
  const pattern = numberedPattern(prefix, suffix)
  const numbers: Array<bigint> = []
  for (const name of fs.readdirSync(directory)) {
    const match = pattern.exec(name)
    if (match !== null) numbers.push(BigInt(match[1] as string))
  }
  return numbers
}

/** The next free number: one above the highest present (exact, however many digits it has). */
export const nextNumber = (directory: string, prefix: string, suffix: string): bigint => {
  let highest = 0n
  for (const number of numbersPresent(directory, prefix, suffix)) if (number > highest) highest = number
  return highest + 1n
}

/** The lowest number not present: where a name one above the highest would be too long. */
export const lowestFreeNumber = (directory: string, prefix: string, suffix: string): bigint => {
  const present = new Set(numbersPresent(directory, prefix, suffix))
  let number = 1n
  while (present.has(number)) number++
  return number
}
