/**
 * A structural check of a trace document, by the rules Perfetto's JSON importer relies on: what we
 * can hold a trace to without a Perfetto binary. Answers the problems found (none: an empty list).
 */

export interface TraceEvent {
  readonly ph: string
  readonly name?: string
  readonly cat?: string
  readonly pid: number
  readonly tid?: number
  readonly ts?: number
  readonly dur?: number
  readonly id?: number
  readonly bind_id?: number
  readonly flow_out?: boolean
  readonly flow_in?: boolean
  readonly s?: string
  readonly args?: Record<string, unknown>
}

/** Parses the document and answers its events; throws unless it is `{"traceEvents":[...]}`. */
export const parseTrace = (text: string): ReadonlyArray<TraceEvent> => {
  const document: unknown = JSON.parse(text)
  if (typeof document !== "object" || document === null || !("traceEvents" in document)) {
    throw new Error("not a trace document in the object form")
  }
  const events = document.traceEvents
  if (!Array.isArray(events)) throw new Error("traceEvents is not an array")
  return events as ReadonlyArray<TraceEvent>
}

const phases = new Set(["M", "X", "b", "e", "n", "i", "C"])
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0

const threadKey = (event: TraceEvent) => `${event.pid}/${event.tid}`

export const traceProblems = (events: ReadonlyArray<TraceEvent>): Array<string> => {
  const problems: Array<string> = []
  const namedProcesses = new Set<number>()
  const namedThreads = new Set<string>()
  const pidOfTid = new Map<number, number>()
  const slicesByThread = new Map<string, Array<TraceEvent>>()
  const openAsync = new Map<string, { readonly name: string | undefined; readonly ts: number }>()
  // Each flow's points in document order: a start (out), steps (in and out), perhaps an end (in).
  const flowPoints = new Map<
    number,
    Array<{ readonly ts: number; readonly into: boolean; readonly out: boolean }>
  >()
  const counterInstants = new Set<string>()

  events.forEach((event, index) => {
    const where = `event ${index} (${JSON.stringify(event)})`
    if (!phases.has(event.ph)) problems.push(`${where}: unexpected phase`)
    if (!isCount(event.pid) || event.pid === 0) problems.push(`${where}: pid is not a positive integer`)
    if (event.tid !== undefined) {
      if (!isCount(event.tid) || event.tid === 0) problems.push(`${where}: tid is not a positive integer`)
      const owner = pidOfTid.get(event.tid)
      if (owner !== undefined && owner !== event.pid) problems.push(`${where}: tid used by two processes`)
      pidOfTid.set(event.tid, event.pid)
    }
    if (event.ph !== "M" && !isCount(event.ts)) problems.push(`${where}: ts is not a whole count >= 0`)
    const ts = event.ts ?? 0
    switch (event.ph) {
      case "M":
        if (event.name === "process_name") namedProcesses.add(event.pid)
        if (event.name === "thread_name") namedThreads.add(threadKey(event))
        return
      case "X": {
        if (!isCount(event.dur)) problems.push(`${where}: dur is not a whole count >= 0`)
        const slices = slicesByThread.get(threadKey(event)) ?? []
        slices.push(event)
        slicesByThread.set(threadKey(event), slices)
        return
      }
      case "b":
      case "n": {
        if (event.cat === undefined || event.id === undefined)
          problems.push(`${where}: async without cat or id`)
        const key = `${event.cat}/${event.id}`
        // A pipeline's item may wait in a stage's queue again (a retry): an id comes back once its span is over.
        if (openAsync.has(key)) problems.push(`${where}: async id used while its span is open`)
        if (event.ph === "b") openAsync.set(key, { name: event.name, ts })
        if (event.bind_id !== undefined) {
          const into = event.flow_in === true
          const out = event.flow_out === true
          if (!into && !out) problems.push(`${where}: bind_id without a direction`)
          const points = flowPoints.get(event.bind_id) ?? []
          const last = points[points.length - 1]
          if (last === undefined && into)
            problems.push(`${where}: flow ${event.bind_id} arrives before it leaves`)
          if (last !== undefined && !into) problems.push(`${where}: flow ${event.bind_id} leaves twice`)
          if (last !== undefined && !last.out)
            problems.push(`${where}: flow ${event.bind_id} goes on after its end`)
          if (last !== undefined && ts < last.ts)
            problems.push(`${where}: flow ${event.bind_id} goes back in time`)
          points.push({ ts, into, out })
          flowPoints.set(event.bind_id, points)
        }
        return
      }
      case "e": {
        const key = `${event.cat}/${event.id}`
        const open = openAsync.get(key)
        if (open === undefined) problems.push(`${where}: async end without its beginning`)
        else if (open.name !== event.name) problems.push(`${where}: async end named unlike its beginning`)
        // Same-instant b/e are written as one `n`, whose order no viewer can change.
        else if (open.ts >= ts) problems.push(`${where}: async span does not move forward in time`)
        openAsync.delete(key)
        return
      }
      case "C": {
        const instant = `${event.pid}/${event.name}/${ts}`
        if (counterInstants.has(instant)) problems.push(`${where}: two counter values at one instant`)
        counterInstants.add(instant)
        if (!isCount(event.args?.depth)) problems.push(`${where}: depth is not a whole count >= 0`)
        return
      }
      case "i":
        if (event.s === "t" && !namedThreads.has(threadKey(event))) problems.push(`${where}: unnamed thread`)
        return
    }
  })

  for (const key of openAsync.keys()) problems.push(`async span ${key} is never closed`)
  for (const [thread, slices] of slicesByThread) {
    if (!namedThreads.has(thread)) problems.push(`thread ${thread} has slices but no name`)
    const ordered = [...slices].sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0))
    for (let index = 1; index < ordered.length; index++) {
      const previous = ordered[index - 1] as TraceEvent
      const next = ordered[index] as TraceEvent
      if ((next.ts ?? 0) < (previous.ts ?? 0) + (previous.dur ?? 0)) {
        problems.push(`thread ${thread}: slices overlap at ${next.ts}`)
      }
    }
  }
  const pids = new Set(events.map((event) => event.pid))
  for (const pid of pids) if (!namedProcesses.has(pid)) problems.push(`process ${pid} has no name`)
  for (const tid of pidOfTid.keys()) if (pids.has(tid)) problems.push(`number ${tid} is both a pid and a tid`)
  return problems
}

/** The thread names of each process: pid -> (name -> tid). */
export const threadNames = (events: ReadonlyArray<TraceEvent>): Map<number, Map<string, number>> => {
  const names = new Map<number, Map<string, number>>()
  for (const event of events) {
    if (event.ph !== "M" || event.name !== "thread_name") continue
    const threads = names.get(event.pid) ?? new Map<string, number>()
    const name = String(event.args?.name)
    if (threads.has(name)) throw new Error(`thread ${name} named twice in process ${event.pid}`)
    threads.set(name, event.tid ?? 0)
    names.set(event.pid, threads)
  }
  return names
}

export const ofPhase = (events: ReadonlyArray<TraceEvent>, ph: string, name?: string) =>
  events.filter((event) => event.ph === ph && (name === undefined || event.name === name))
