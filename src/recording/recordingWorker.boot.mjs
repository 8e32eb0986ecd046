// Starts the recording worker thread (recordingWorker.ts). Node >= 22.18 runs TypeScript itself;
// older Node goes through tsx, whose `--import` hooks do not reach worker threads there.
if (process.features.typescript) {
  await import("./recordingWorker.ts")
} else {
  const { tsImport } = await import("tsx/esm/api")
  await tsImport("./recordingWorker.ts", import.meta.url)
}
