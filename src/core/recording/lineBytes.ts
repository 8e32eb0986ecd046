/**
 * The fixed pieces of an event line (serialize.ts lays the line out) as bytes, for the two hot
 * paths that work on bytes: the encoder that writes lines and the parser that reads them back.
 */
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

const atText = '{"at":'
export const atKey = utf8(atText)
/** How the first event line starts (after the opening's "["), and every later one (after a comma). */
export const firstLineStart = utf8(`\n${atText}`)
export const lineStart = utf8(`,\n${atText}`)
export const typeKey = utf8(',"type":"')
export const actorKey = utf8(',"actor":"')
export const itemKey = utf8(',"item":')
export const valueKey = utf8(',"value":')
export const indexKey = utf8(',"index":')
export const attemptKey = utf8(',"attempt":')
export const closeBrace = 0x7d
