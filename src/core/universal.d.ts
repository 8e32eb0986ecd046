/**
 * The one platform API the core uses that is no part of ECMAScript, declared here because the core
 * is checked with neither Node's nor the DOM's types: every runtime it runs in (Node, a page, a web
 * worker) has it, with this meaning. Anything else the core needs from its platform (wall time, the
 * yield between a run's slices) is given to it (engine/runPlatform.ts).
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array
}
