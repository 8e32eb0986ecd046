/**
 * Recordings and sweep shares are untrusted input. Anything they hold that reaches the terminal goes
 * through here, so a crafted actor name or mode cannot move the cursor, change colours or rewrite the
 * screen; and nothing they hold, on the terminal or the page, can reorder the text around it.
 */

/** Shown as its code point: `\u{1b}`. */
const visible = (character: string): string => `\\u{${(character.codePointAt(0) ?? 0).toString(16)}}`

// The bidirectional controls (marks, embeddings, overrides, isolates): U+202E shows what follows
// backwards, so `exe.txt` could read as `txt.exe`.
const bidiControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

// C0 and C1 control characters, DEL, the Unicode line/paragraph separators, and the bidi controls.
const controlCharacters =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** Replaces every control character (ESC and the bidi controls included) with its visible `\u{..}` escape. */
export const sanitizeForTerminal = (text: string): string => text.replace(controlCharacters, visible)

/** For the page, where markup is already inert (text goes in as text): only the bidi controls. */
export const showBidiControls = (text: string): string => text.replace(bidiControls, visible)
