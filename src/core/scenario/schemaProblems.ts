/**
 * Schema issues as a user reads them: one `path: message` per problem, every problem, with paths in
 * JSON's own notation (`events[3].at`). Shared by the recording reader and scenario files.
 */
import * as SchemaIssue from "effect/SchemaIssue"

const listIssues = SchemaIssue.makeFormatterStandardSchemaV1()

type PathSegment = PropertyKey | { readonly key: PropertyKey }

const jsonPath = (prefix: string, path: ReadonlyArray<PathSegment> | undefined, whole: string): string =>
  prefix +
    (path ?? [])
      .map((segment, index) => {
        const key = typeof segment === "object" ? segment.key : segment
        if (typeof key === "number") return `[${key}]`
        return index === 0 && prefix === "" ? String(key) : `.${String(key)}`
      })
      .join("") || whole

/** Each problem of `issue`; paths start with `prefix`, and `whole` names the document itself. */
export const schemaProblems = (
  issue: SchemaIssue.Issue,
  options: { readonly prefix?: string; readonly whole?: string } = {},
): Array<{ readonly path: string; readonly message: string; readonly holder: PropertyKey | undefined }> =>
  listIssues(issue).issues.map((problem) => ({
    path: jsonPath(options.prefix ?? "", problem.path, options.whole ?? "(the document)"),
    message: problem.message,
    holder: holderOf(problem.path ?? []),
  }))

/** The key under which the problem's object lies (`stages` for `stages[0].worker`), past array indices. */
const holderOf = (path: ReadonlyArray<PathSegment>): PropertyKey | undefined =>
  path
    .slice(0, -1)
    .map((segment) => (typeof segment === "object" ? segment.key : segment))
    .filter((key) => typeof key !== "number")
    .at(-1)
