/**
 * Reads a recording a user hands us. A recording is untrusted input: every way it can be wrong ends
 * in one line that names the file and the problem (with JSON paths, all of them), never a crash.
 * Reading never writes or changes the file.
 */
import * as fs from "node:fs"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import { UsageError, usageError } from "../scenario/errors.ts"
import { findInconsistency } from "./consistency.ts"
import { Recording, recordingFormat, recordingVersion } from "./format.ts"

const decode = Schema.decodeUnknownResult(Recording)
const listIssues = SchemaIssue.makeFormatterStandardSchemaV1()
const mostIssuesShown = 20

type PathSegment = PropertyKey | { readonly key: PropertyKey }

const jsonPath = (path: ReadonlyArray<PathSegment> | undefined): string =>
  (path ?? [])
    .map((segment, index) => {
      const key = typeof segment === "object" ? segment.key : segment
      return typeof key === "number" ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`
    })
    .join("") || "(the document)"

const readText = (file: string): string | UsageError => {
  const stat = fs.statSync(file, { throwIfNoEntry: false })
  if (stat === undefined) return usageError("no such file")
  if (stat.isDirectory()) return usageError("is a directory, not a recording")
  try {
    return fs.readFileSync(file, "utf8")
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : ""
    return usageError(`cannot be read (${code === "EACCES" ? "permission denied" : String(error)})`)
  }
}

const parseJson = (text: string): unknown => {
  if (text.trim() === "") throw usageError("is empty")
  try {
    return JSON.parse(text)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (/end of (JSON )?input|Unterminated/i.test(message)) {
      throw usageError("is truncated: the JSON ends before the recording does")
    }
    throw usageError(`is not JSON (${message})`)
  }
}

const checkHeader = (document: unknown): void => {
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw usageError("is not a prodcon recording (expected a JSON object)")
  }
  const { format, version } = document as { format?: unknown; version?: unknown }
  if (format !== recordingFormat) {
    throw usageError(
      format === undefined
        ? `is not a prodcon recording (it has no "format" field)`
        : `is not a prodcon recording (format is ${JSON.stringify(format)}, expected "${recordingFormat}")`,
    )
  }
  if (version !== recordingVersion) {
    throw usageError(
      `has recording version ${JSON.stringify(version)}; this program reads version ${recordingVersion}`,
    )
  }
}

const decodeRecording = (document: unknown): Recording => {
  const decoded = decode(document, { errors: "all" })
  if (Result.isSuccess(decoded)) return decoded.success
  const issues = listIssues(decoded.failure.issue).issues
  const shown = issues.slice(0, mostIssuesShown).map((issue) => `${jsonPath(issue.path)}: ${issue.message}`)
  const more = issues.length > mostIssuesShown ? `; and ${issues.length - mostIssuesShown} more` : ""
  throw usageError(`does not match the recording format: ${shown.join("; ")}${more}`)
}

/** The recording in `file`, or a UsageError whose message starts with `shownAs`. */
export const readRecording = (file: string, shownAs: string): Recording | UsageError => {
  try {
    const text = readText(file)
    if (text instanceof UsageError) throw text
    const document = parseJson(text)
    checkHeader(document)
    const recording = decodeRecording(document)
    const inconsistency = findInconsistency(recording)
    if (inconsistency !== undefined) throw usageError(`is inconsistent: ${inconsistency}`)
    return recording
  } catch (error) {
    if (error instanceof UsageError) return usageError(`${shownAs}: ${error.message}`)
    throw error
  }
}
