/**
 * A flag's value that starts with "-": the parser takes "-1" as a number but reads "-1s" as two
 * flags (-1 and -s), and said so in three confusing parts. The form with "=" takes any value.
 */

/** The one-line problem with the first `--flag -value` pair whose value is not a plain number. */
export const dashValueProblem = (args: ReadonlyArray<string>): string | undefined => {
  const index = args.findIndex((arg, position) => {
    const value = args[position + 1] ?? ""
    return /^--[a-z-]+$/.test(arg) && /^-\d/.test(value) && !/^-\d+(\.\d+)?$/.test(value)
  })
  if (index < 0) return undefined
  const [flag, value] = [args[index], args[index + 1]]
  return `${flag} ${value}: a value that starts with "-" is read as a flag; write ${flag}=${value}`
}
