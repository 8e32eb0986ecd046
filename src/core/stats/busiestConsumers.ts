/**
 * The least and the most busy consumer of a run, from the statistics' `utilization.byConsumer`:
 * what the terminal and the page show in place of a per-consumer list too long to read.
 */

export interface ConsumerShare {
  readonly name: string
  readonly fraction: number
}

/** The least busy (the first of equals) and the most busy (the last of equals); undefined for none. */
export const leastAndMostBusy = (
  byConsumer: Readonly<Record<string, number>>,
): { readonly least: ConsumerShare; readonly most: ConsumerShare } | undefined => {
  let least: ConsumerShare | undefined
  let most: ConsumerShare | undefined
  for (const [name, fraction] of Object.entries(byConsumer)) {
    if (least === undefined || fraction < least.fraction) least = { name, fraction }
    if (most === undefined || fraction >= most.fraction) most = { name, fraction }
  }
  return least === undefined || most === undefined ? undefined : { least, most }
}
