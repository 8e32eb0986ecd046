/** The product's name and version, from package.json, as recorded in every recording's `generator`. */
import { createRequire } from "node:module"

const manifest = createRequire(import.meta.url)("../../package.json") as { name: string; version: string }

export const productVersion: string = manifest.version
export const generator = `${manifest.name}@${manifest.version}`
