/**
 * Entry point (through bin/prodcon.mjs): parses the command line with Effect's CLI, runs the
 * command, and turns every way it can end into an exit code (exitCodes.ts). It owns the process:
 * the first SIGINT, SIGTERM or SIGHUP asks the run to stop where it stands (its recording is still
 * completed); a second one abandons it (nothing half-written is left). Output is drained before the
 * process exits, so a pipe receives all of it.
 */
import * as NodeServices from "@effect/platform-node/NodeServices"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { runCli } from "./commands.ts"
import { CliIO, processIO, type StopSignal, stopSignals } from "./io.ts"

const stop = Deferred.makeUnsafe<void>()
let signalled: StopSignal | undefined

const fiber = Effect.runFork(
  runCli(process.argv.slice(2)).pipe(
    Effect.provideService(
      CliIO,
      processIO(Deferred.await(stop), () => signalled),
    ),
    Effect.provide(NodeServices.layer),
  ),
)

for (const signal of Object.keys(stopSignals) as Array<StopSignal>) {
  process.on(signal, () => {
    if (signalled !== undefined) return fiber.interruptUnsafe()
    signalled = signal
    Deferred.doneUnsafe(stop, Effect.void)
  })
}

fiber.addObserver((exit) => {
  const code = Exit.isSuccess(exit) ? exit.value : signalled === undefined ? 1 : stopSignals[signalled]
  // Exit once what was written has gone out (process.exit alone would cut a pipe's pending output).
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)))
})
