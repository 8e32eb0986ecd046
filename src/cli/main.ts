/**
 * Entry point: `node --import tsx src/cli/main.ts <command> [flags]`. Parses the command line with
 * Effect's CLI, runs the command, and turns every way it can end into one line and an exit code:
 * 0 done, 2 bad input, 130 interrupted, 1 a bug.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { runCli } from "./commands.ts"

runCli(process.argv.slice(2)).pipe(
  Effect.provide(NodeServices.layer),
  NodeRuntime.runMain({
    disableErrorReporting: true,
    teardown: (exit, onExit) => {
      if (Exit.isSuccess(exit)) return onExit(exit.value as number)
      onExit(130)
    },
  }),
)
