/**
 * A value read from an untrusted file, quoted for a one-line message. JSON.parse accepts nesting
 * far deeper than JSON.stringify can write back (thousands of arrays overflow the stack), and a
 * field can hold megabytes: a message names containers by kind and cuts long strings short. JSON
 * escapes only C0 controls, so the rest (C1's CSI, bidi overrides) are made visible here too.
 */
import { sanitizeForTerminal } from "../render/sanitize.ts"

const longestQuoted = 40

export const quoteUntrusted = (value: unknown): string => {
  if (Array.isArray(value)) return "(an array)"
  if (typeof value === "object" && value !== null) return "(an object)"
  if (typeof value === "string" && value.length > longestQuoted)
    return `${sanitizeForTerminal(JSON.stringify(value.slice(0, longestQuoted)))}... (${value.length} characters)`
  return sanitizeForTerminal(String(JSON.stringify(value)))
}
