/** The product's name and version, from package.json, as recorded in every recording's `generator`. */
import manifest from "../../package.json" with { type: "json" }

export const productVersion: string = manifest.version
export const generator = `${manifest.name}@${manifest.version}`
