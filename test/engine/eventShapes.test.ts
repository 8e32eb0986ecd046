/**
 * A run's events keep one V8 hidden class per shape from the first one on (eventShapes.ts): when
 * their number fields widened mid-run, the recording's encoder saw too many hidden classes at one
 * property access and V8 fell back to a generic lookup for every event of the run. Each scenario
 * runs in a process of its own, started with V8's natives syntax to compare hidden classes.
 */
import { spawnSync } from "node:child_process"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"

const projectRoot = path.resolve(import.meta.dirname, "../..")
const script = path.join(projectRoot, "test/support/eventHiddenClasses.mjs")

const hiddenClassesByShape = (scenario: string): Record<string, number> => {
  const result = spawnSync(process.execPath, ["--allow-natives-syntax", script, scenario], {
    cwd: projectRoot,
    encoding: "utf8",
  })
  expect(result.stderr).toBe("")
  expect(result.status).toBe(0)
  return JSON.parse(result.stdout) as Record<string, number>
}

describe("the engine's events", () => {
  it("have one hidden class per shape in a single queue's run, though its times and values outgrow small integers", () => {
    expect(hiddenClassesByShape("async")).toEqual({
      "at,type,actor,item,value,index": 1,
      "at,type,actor,item,value": 1,
    })
  })

  it("have one hidden class per shape in a pipeline's run with failures and retries", () => {
    expect(hiddenClassesByShape("pipeline")).toEqual({
      "at,type,actor,item,value,index,stage": 1,
      "at,type,actor,item,value,stage": 1,
      "at,type,actor,item,value,stage,attempt": 1,
    })
  })
})
