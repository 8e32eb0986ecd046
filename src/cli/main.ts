/**
 * Entry point (through bin/prodcon.mjs): parses the command line with Effect's CLI, runs the
 * command, and turns every way it can end into an exit code (exitCodes.ts). It owns the process:
 * - SIGINT, SIGTERM, SIGHUP and SIGQUIT ask the command to stop (run/stopRequests.ts); once it has
 *   finished and only waits for its output to drain, another one ends the process at once.
 * - Output that cannot be written is dropped, and the command goes on (standardStreams.ts): a
 *   closed pipe (the reader has gone, as after `| head -1`) is no error; any other failure of
 *   standard output or error (a full disk, a file-size limit) is reported once, at the end, with
 *   exit code 74.
 * - The process exits once its output has gone out (process.exit alone would cut a pipe's
 *   pending output).
 */
import * as NodeServices from "@effect/platform-node/NodeServices"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { removeUnfinishedFiles } from "../files/temporaries.ts"
import { StopRequests, type StopSignal, stopSignals } from "../run/stopRequests.ts"
import { runCli } from "./commands.ts"
import { withOutputFailure } from "./exitCodes.ts"
import { CliIO, processIO } from "./io.ts"
import { guardedStream } from "./standardStreams.ts"

const stops = new StopRequests()
const stdoutClosed = Deferred.makeUnsafe<void>()
const stdout = guardedStream(process.stdout, 1, () => Deferred.doneUnsafe(stdoutClosed, Effect.void))
const stderr = guardedStream(process.stderr, 2, () => {})

const fiber = Effect.runFork(
  runCli(process.argv.slice(2)).pipe(
    Effect.provideService(
      CliIO,
      processIO({
        stdout: stdout.write,
        stderr: stderr.write,
        stopRequested: stops.requested,
        stopSignal: () => stops.signal,
        stdoutClosed: Deferred.await(stdoutClosed),
      }),
    ),
    Effect.provide(NodeServices.layer),
  ),
)

let finalCode: number | undefined
let abandoned = false
const onSignal = (signal: StopSignal) => {
  if (finalCode !== undefined) process.exit(finalCode)
  if (stops.receive(signal) !== "interrupt") return
  abandoned = true
  fiber.interruptUnsafe()
}
for (const signal of Object.keys(stopSignals) as Array<StopSignal>) process.on(signal, onSignal)

/**
 * A command abandoned by a signal has nothing to finish: the process ends by that signal itself, as
 * the shell expects (and as exiting could not: a read from a FIFO with no writer never returns, and
 * Node's exit waits for it).
 */
const endBySignal = (signal: StopSignal) => {
  removeUnfinishedFiles()
  process.removeAllListeners(signal)
  process.kill(process.pid, signal)
}

fiber.addObserver((exit) => {
  const code = Exit.isSuccess(exit) ? exit.value : stops.signal === undefined ? 1 : stopSignals[stops.signal]
  finalCode = code
  const signal = stops.signal
  // A write's failure may be known only once it has gone out: the code is decided after that.
  stdout.drained(() =>
    stderr.drained(() => {
      finalCode = withOutputFailure(
        code,
        { stdout: stdout.failure(), stderr: stderr.failure() },
        stderr.write,
      )
      const exitCode = finalCode
      stderr.drained(() => (abandoned && signal !== undefined ? endBySignal(signal) : process.exit(exitCode)))
    }),
  )
})
