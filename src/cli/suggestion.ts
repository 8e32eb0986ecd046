/**
 * "did you mean async?": the known word closest to a mistyped one, when one is close. Closeness is
 * the edit distance (letters added, removed or changed); a word two edits or more from everything
 * gets no guess, and a tie gets none either, since the guess would be a coin toss.
 */

/** Letters to add, remove or change to turn `a` into `b`. */
const editDistance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const change = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + change,
      )
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/** The one known word within two edits of `typed` (case aside), if exactly one is the closest. */
export const closestWord = (typed: string, known: ReadonlyArray<string>): string | undefined => {
  const lower = typed.toLowerCase()
  const ranked = known
    .map((word) => ({ word, distance: editDistance(lower, word.toLowerCase()) }))
    .filter(({ distance }) => distance <= 2)
    .sort((a, b) => a.distance - b.distance)
  const [best, next] = ranked
  return best === undefined || best.distance === next?.distance ? undefined : best.word
}

/** `; did you mean "async"?`, or nothing. */
export const didYouMean = (typed: string, known: ReadonlyArray<string>): string => {
  const word = closestWord(typed, known)
  return word === undefined ? "" : `; did you mean "${word}"?`
}
