/** What the playground's browser tests share: its command lines as shell words, and its own requests. */
import type { OpenedPage } from "./chromium.ts"

/** A command line the page shows, as the words a shell would pass on (single quotes only). */
export const shellWords = (line: string): Array<string> =>
  Array.from(line.matchAll(/'([^']*)'|(\S+)/g), (match) => match[1] ?? match[2] ?? "")

/** What the page requested beyond itself and its own workers' Blob URLs: nothing, from the network or the disk. */
export const ownRequests = (opened: OpenedPage): Array<string> =>
  opened.requests.filter(
    (url) => url !== opened.url && !url.startsWith(opened.url) && !url.startsWith("blob:"),
  )
