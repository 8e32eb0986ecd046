/**
 * How the commands are typed: through the project's npm scripts (`npm run simulate -- --mode sync`),
 * or as `prodcon simulate --mode sync` once `npm link` has put `prodcon` on the PATH. The help shows
 * both, so every usage and example can be typed as shown.
 *
 * npm keeps for itself every flag given before `--`: `npm run simulate --mode sync` records
 * `npm_config_mode=true` in the environment and passes only `sync` on (`--mode=sync` passes nothing
 * at all). Both leave a trace in the environment of the script npm runs, which is how the mistake is
 * named here instead of surfacing as "Unexpected positional argument" or a run with the defaults.
 */

/** The npm scripts that take the program's flags, and a command line of each that can be typed. */
const scripts = {
  simulate: "npm run simulate -- --mode sync",
  replay: "npm run replay recordings/run1.json -- --speed 4",
  sweep: "npm run sweep -- --vary consumers=1,2",
  playground: "npm run playground -- --out class.html",
} as const
type Script = keyof typeof scripts

const simulateUsage = "npm run simulate -- [flags]"
const replayUsage = "npm run replay <recording> [-- flags]"
const sweepUsage = "npm run sweep -- [flags]"
const playgroundUsage = "npm run playground [-- --out FILE] [--force]"
const linked = "(once npm link has put prodcon on the PATH)"

/** The usage lines of each command (by its name), as the help shows them. */
export const usages: Readonly<Record<string, ReadonlyArray<string>>> = {
  prodcon: [
    simulateUsage,
    replayUsage,
    sweepUsage,
    playgroundUsage,
    `prodcon <simulate|replay|sweep|playground> ...   ${linked}`,
  ],
  simulate: [simulateUsage, `prodcon simulate [flags]   ${linked}`],
  replay: [replayUsage, `prodcon replay <recording> [flags]   ${linked}`],
  sweep: [sweepUsage, `prodcon sweep [flags]   ${linked}`],
  playground: [playgroundUsage, `prodcon playground [flags]   ${linked}`],
}

/** npm's own settings that share a name with a flag of ours: finding them set says nothing. */
const npmOwnSettings = new Set(["json", "force", "color"])

type Environment = Readonly<Record<string, string | undefined>>

/** The npm script this process runs under, if it is one of ours. */
const scriptOf = (env: Environment): Script | undefined => {
  const event = env.npm_lifecycle_event
  return event === "simulate" || event === "replay" || event === "sweep" || event === "playground"
    ? event
    : undefined
}

/** The reminder npm users need: where the program's flags go. */
const doubleDashReminder = (script: Script): string =>
  `npm passes flags on to the program only after "--", as in ${scripts[script]}`

/**
 * The flags (named as in `flagNames`, e.g. `mode`, `no-record`) that npm took for itself because
 * they came before `--`, and what to say about them; undefined when there are none.
 */
export const flagsNpmKept = (env: Environment, flagNames: ReadonlyArray<string>): string | undefined => {
  const script = scriptOf(env)
  if (script === undefined) return undefined
  const kept = flagNames.filter((name) => {
    // `--no-record` sets npm's `record` to false.
    const setting = name.replace(/^no-/, "")
    return !npmOwnSettings.has(setting) && env[`npm_config_${setting.replaceAll("-", "_")}`] !== undefined
  })
  if (kept.length === 0) return undefined
  const named = kept.map((name) => `--${name}`)
  const list = named.length === 1 ? named[0] : `${named.slice(0, -1).join(", ")} and ${named.at(-1)}`
  return `npm took ${list} for itself: ${doubleDashReminder(script)}`
}

/**
 * npm's own settings that share a name with a flag of ours: `npm run simulate --json` sets npm's
 * `json`, `--quiet` its loglevel to warn, and the program never sees them. The same settings may
 * come from the user's npm configuration, so they get a note, not a refusal.
 */
const npmSettingsLikeOurFlags = [
  { flag: "--json", isSet: (env: Environment) => env.npm_config_json === "true" },
  { flag: "--quiet", isSet: (env: Environment) => env.npm_config_loglevel === "warn" },
]

/** A note for flags of ours that npm may have taken as its own settings; undefined when none. */
export const settingsNpmMayHaveKept = (env: Environment, args: ReadonlyArray<string>): string | undefined => {
  const script = scriptOf(env)
  if (script === undefined) return undefined
  const missed = npmSettingsLikeOurFlags.filter(({ flag, isSet }) => isSet(env) && !args.includes(flag))
  if (missed.length === 0) return undefined
  const named = missed.map(({ flag }) => flag).join(" and ")
  return `note: npm has ${named} set for itself (given before "--", or in your npm configuration), so the program runs without ${missed.length === 1 ? "it" : "them"}; ${doubleDashReminder(script)}`
}

/** Said after a refusal of a plain argument, when npm may have taken the flag in front of it. */
export const positionalHint = (env: Environment): string => {
  const script = scriptOf(env)
  // npm drops the "--" itself, so whether one was typed cannot be told: the hint is conditional.
  return script === undefined ? "" : `; if it was meant for a flag before "--": ${doubleDashReminder(script)}`
}
