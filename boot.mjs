import { tsImport } from "tsx/esm/api"
await tsImport("./src/cli/main.ts", import.meta.url)
