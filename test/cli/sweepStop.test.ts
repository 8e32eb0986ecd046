/**
 * A sweep on several workers, stopped as a terminal stops it (SIGINT to its whole process group)
 * while its workers write recordings (`--record DIR`): the sweep exits 130 with what finished, the
 * kept recordings are complete, no half-written file is left in DIR, and no worker outlives it.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Schema from "effect/Schema"
import { Recording } from "../../src/core/recording/format.ts"
import { makeTempDirectory } from "../support/cli.ts"
import { start, temporaries, whenFolderHolds } from "../support/process.ts"

const decode = Schema.decodeUnknownSync(Schema.fromJsonString(Recording))

/**
 * Resolves once `holds()` is true, looking again every few milliseconds: for what no event reports,
 * the end of processes that are not this one's children.
 */
const whenTrue = (holds: () => boolean) =>
  new Promise<void>((resolve) => {
    const check = () => (holds() ? resolve() : setTimeout(check, 5))
    check()
  })

/** True while any process of the group `leader` led is alive. */
const groupAlive = (leader: number): boolean => {
  try {
    process.kill(-leader, 0)
    return true
  } catch {
    return false
  }
}

describe("a sweep stopped while its workers record", () => {
  it("exits 130, keeps only complete recordings and leaves no temporary file nor worker", async () => {
    const directory = await makeTempDirectory()
    const folder = path.join(directory, "runs")
    // 40 replications of 20,000 items: each worker writes a 6 MB recording at a time.
    const args = ["sweep", "--items", "10000", "--vary", "consumers=1,2", "--replications", "20"]
    const run = start([...args, "--workers", "2", "--record", folder], { directory, detached: true })
    const leader = run.child.pid as number
    // Stopped once a recording is kept and the workers are writing the next ones.
    await whenFolderHolds(
      folder,
      () => temporaries(folder).length > 0 && fs.readdirSync(folder).some((name) => name.endsWith(".json")),
      run,
    )
    process.kill(-leader, "SIGINT")
    const finished = await run.finished
    expect(finished.code, finished.stderr).toBe(130)
    expect(finished.stderr).toContain("sweep stopped")
    await whenTrue(() => !groupAlive(leader))
    expect(temporaries(folder)).toEqual([])
    const kept = fs.readdirSync(folder)
    expect(kept.length).toBeGreaterThan(0)
    for (const name of kept)
      expect(decode(fs.readFileSync(path.join(folder, name), "utf8")).end.reason).toBe("completed")
  })
})
