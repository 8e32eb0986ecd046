/**
 * The Chrome trace events a trace is made of, each encoded as one JSON object in text (the Trace
 * Event Format, which Perfetto's JSON importer reads). Only the fields that importer uses are
 * written: `ph`, `name`, `cat`, `pid`, `tid`, `ts` and `dur` in microseconds, `id` for async
 * spans, `bind_id` with `flow_out`/`flow_in` for flows (flow v2, bound to the span itself, so no
 * binding depends on how the viewer orders events of the same instant), `s` for an instant's
 * scope, `args`.
 *
 * Encoded with templates rather than JSON.stringify: a 10^6-item run writes millions of them. Every
 * string is a `JsonString`, made only by `jsonString`, so an untrusted actor name cannot reach the
 * text unescaped.
 */

/** The text of a JSON string literal, quotes included. */
export type JsonString = string & { readonly jsonString: unique symbol }

// A lone surrogate would be written as a \uD8xx escape, which Perfetto's parser rejects; DEL is a
// control character its older tokenizer rejects raw.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const deleteCharacter = /\u007f/g

/** `text` as a JSON string literal that every JSON reader accepts (lone surrogates become U+FFFD). */
export const jsonString = (text: string): JsonString =>
  JSON.stringify(text.replace(loneSurrogate, "\uFFFD")).replace(deleteCharacter, "\\u007f") as JsonString

/** The `args` object of most events: which item, and its value when known. */
export const itemArgs = (item: number, value: number | undefined): string =>
  value === undefined ? `{"item":${item}}` : `{"item":${item},"value":${value}}`

export type MetadataName = "process_name" | "process_sort_index" | "thread_name" | "thread_sort_index"

/** Names a process or a thread (`{"name": ...}`), or places it (`{"sort_index": n}`). */
export const metadataEvent = (name: MetadataName, pid: number, tid: number | undefined, args: string) =>
  tid === undefined
    ? `{"ph":"M","name":"${name}","pid":${pid},"args":${args}}`
    : `{"ph":"M","name":"${name}","pid":${pid},"tid":${tid},"args":${args}}`

/** A slice on a thread, from `ts` for `dur`; thread slices must nest or follow one another. */
export const completeEvent = (
  name: JsonString,
  cat: JsonString,
  pid: number,
  tid: number,
  ts: number,
  dur: number,
  args: string,
) => `{"ph":"X","name":${name},"cat":${cat},"pid":${pid},"tid":${tid},"ts":${ts},"dur":${dur},"args":${args}}`

/**
 * Where an async span's beginning is on its item's flow: where it leaves, where it arrives, or a
 * step on the way (a pipeline's item goes from stage to stage: both, which Perfetto chains).
 */
export type FlowEnd = "flow_out" | "flow_in" | "flow_step"

const flowFields: Record<FlowEnd, string> = {
  flow_out: `"flow_out":true`,
  flow_in: `"flow_in":true`,
  flow_step: `"flow_in":true,"flow_out":true`,
}

/** An async event that is also a point of a flow: `bind_id` ties it to the flow's other points. */
const asyncFlowEvent =
  (phase: "b" | "n") =>
  (
    name: JsonString,
    cat: JsonString,
    id: number,
    pid: number,
    ts: number,
    flow: FlowEnd,
    args: string,
    bindId: number = id,
  ) =>
    `{"ph":"${phase}","name":${name},"cat":${cat},"id":${id},"pid":${pid},"ts":${ts},"bind_id":${bindId},${flowFields[flow]},"args":${args}}`

/**
 * The beginning of an async span, matched to its end by `cat` and `id` (Perfetto: ids are global
 * across processes).
 */
export const asyncBeginEvent = asyncFlowEvent("b")

/** A zero-length async span: its beginning and end in one event, so no viewer can misorder them. */
export const asyncInstantEvent = asyncFlowEvent("n")

/** The end of the async span of the same `name`, `cat` and `id`. */
export const asyncEndEvent = (name: JsonString, cat: JsonString, id: number, pid: number, ts: number) =>
  `{"ph":"e","name":${name},"cat":${cat},"id":${id},"pid":${pid},"ts":${ts}}`

/** A mark on a thread's track. */
export const threadInstantEvent = (
  name: JsonString,
  cat: JsonString,
  pid: number,
  tid: number,
  ts: number,
  args: string,
) => `{"ph":"i","name":${name},"cat":${cat},"pid":${pid},"tid":${tid},"ts":${ts},"s":"t","args":${args}}`

/** A mark on the process's own track. */
export const processInstantEvent = (name: JsonString, pid: number, ts: number, args: string) =>
  `{"ph":"i","name":${name},"pid":${pid},"ts":${ts},"s":"p","args":${args}}`

/** A counter's value from `ts` on; Perfetto names the track `name` + " " + the args key. */
export const counterEvent = (name: JsonString, pid: number, ts: number, args: string) =>
  `{"ph":"C","name":${name},"pid":${pid},"ts":${ts},"args":${args}}`
