/**
 * Stated complexity, enforced. A case with `speed` fails when the learner's code took more than
 * `factor` times as long as the unit's reference on the same input. Both run in fresh sandboxed
 * children on the same machine moments apart, and both are timed in processor time (the harness),
 * so the ratio holds where an absolute limit would not (machines differ by several times) and where
 * the clock would not (a shared machine's load changes from moment to moment); the factor is generous
 * and `floorMs` keeps a fast case from failing on a millisecond of noise. A quadratic answer to a
 * promised constant-time operation is hundreds of times slower on the sizes these cases use.
 */
import {bundleSubmission} from '../sandbox/bundle.js'
import {SCRIPT_DRIVER, UNIT_DRIVER} from '../sandbox/drivers.js'
import {runSandboxed} from '../sandbox/run.js'
import {judge, type PreparedCase} from './cases.js'
import type {CaseDefinition, GraderDefinition, GraderModule} from './definition.js'
import {copySubmission} from './intake.js'

/** The reference's time for each speed case, by case name; absent when it could not be measured. */
export type ReferenceTimes = ReadonlyMap<string, number>

/**
 * Runs the reference on the speed cases' inputs in its own sandboxed child and returns how long each
 * took. A time counts only when the reference's answer passes the case: a reference that is wrong
 * or a stub (a course's test fixture) would otherwise set a limit nobody could meet.
 */
export async function measureReference(
  grader: GraderDefinition,
  module: GraderModule,
  referenceDir: string,
  prepared: readonly PreparedCase[],
  driverCode?: string,
): Promise<{times: ReferenceTimes; warning?: string}> {
  const speed = prepared.filter((p) => p.definition.speed)
  if (speed.length === 0) return {times: new Map()}
  const intake = copySubmission(referenceDir)
  const bundled = await bundleSubmission(intake.files, grader.code!.entry, driverCode ? {driverCode} : {})
  if ('problems' in bundled) return {times: new Map(), warning: 'the reference did not build, so no speed limit was applied'}
  const run = await runSandboxed({
    code: bundled.code,
    driver: driverCode ? UNIT_DRIVER : SCRIPT_DRIVER,
    cases: speed.map((p, id) => ({id, input: p.input})),
    limits: grader.limits,
  })
  const times = new Map<string, number>()
  for (const outcome of run.outcomes) {
    if (outcome.kind === 'output' && judge(speed[outcome.id]!, outcome.output, module).passed) times.set(speed[outcome.id]!.definition.name, outcome.ms)
  }
  const missing = speed.filter((p) => !times.has(p.definition.name))
  return {times, ...(missing.length > 0 ? {warning: `the reference gave no right answer for ${missing.map((p) => p.definition.name).join(', ')}, so no speed limit was applied there`} : {})}
}

/** How long a case may take: `factor` × the reference's time, never under `floorMs`. */
export function speedLimitMs(definition: CaseDefinition, referenceMs: number): number {
  const {factor, floorMs = 0} = definition.speed!
  return Math.max(floorMs, factor * referenceMs)
}

/** Why a correct answer still fails its speed case; undefined when it was fast enough (or nothing to compare). */
export function tooSlow(definition: CaseDefinition, ms: number, times: ReferenceTimes): string | undefined {
  const referenceMs = times.get(definition.name)
  if (!definition.speed || referenceMs === undefined) return undefined
  const limit = speedLimitMs(definition, referenceMs)
  if (ms <= limit) return undefined
  return `the answers are right, but it took ${Math.round(ms)} ms where the reference takes ${formatMs(referenceMs)} on the same input and machine (the limit is ${Math.round(limit)} ms): slower than the complexity the contract states`
}

/** What a case that ran out of time is told about the reference, when its time is known. */
export function referenceNote(definition: CaseDefinition, times: ReferenceTimes): string {
  const referenceMs = times.get(definition.name)
  return referenceMs === undefined ? '' : `; the reference finishes the same input in ${formatMs(referenceMs)}`
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`
}
