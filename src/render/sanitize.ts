/**
 * Recordings are untrusted input. Anything they hold that reaches the terminal goes through here, so
 * a crafted actor name or mode cannot move the cursor, change colours or rewrite the screen.
 */

// C0 and C1 control characters, DEL, and the Unicode line/paragraph separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g

/** Replaces every control character (ESC included) with its visible `\u{..}` escape. */
export const sanitizeForTerminal = (text: string): string =>
  text.replace(controlCharacters, (character) => `\\u{${(character.codePointAt(0) ?? 0).toString(16)}}`)
