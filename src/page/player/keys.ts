/** What each key does in the player (the page binds these; `?` lists them). */

export type PlayerAction =
  | "toggle-play"
  | "step-forward"
  | "step-back"
  | "seek-forward"
  | "seek-back"
  | "seek-forward-far"
  | "seek-back-far"
  | "faster"
  | "slower"
  | "zoom-in"
  | "zoom-out"
  | "fit"
  | "to-start"
  | "to-end"

export const actionOfKey = (key: string, shift: boolean): PlayerAction | undefined => {
  switch (key) {
    case " ":
      return "toggle-play"
    case ".":
      return "step-forward"
    case ",":
      return "step-back"
    case "ArrowRight":
      return shift ? "seek-forward-far" : "seek-forward"
    case "ArrowLeft":
      return shift ? "seek-back-far" : "seek-back"
    case "+":
    case "=":
      return "faster"
    case "-":
    case "_":
      return "slower"
    case "ArrowUp":
      return "zoom-in"
    case "ArrowDown":
      return "zoom-out"
    case "f":
      return "fit"
    case "Home":
      return "to-start"
    case "End":
      return "to-end"
    default:
      return undefined
  }
}

/** The keys, as the page's help line shows them. */
export const keyHelp =
  "space play/pause · . , next/previous event · ← → seek (shift: further) · + − speed · ↑ ↓ zoom · f fit · Home End"
