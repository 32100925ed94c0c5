/**
 * A lab's code runs: the unit's `lab/driver.ts` bundled beside the module of the chosen folder
 * (the reference's or the learner's), in a fresh sandboxed child, once per input. It is the path
 * grading takes (a capped copy of the folder, the confined bundler, the same sandbox), so the
 * learner's code never runs in the lab's own process.
 */
import path from 'node:path'
import {UserError} from '../core/errors.js'
import {copySubmission} from '../core/grading/intake.js'
import {bundleSubmission} from '../core/sandbox/bundle.js'
import {UNIT_DRIVER} from '../core/sandbox/drivers.js'
import {runSandboxed, type CaseOutcome} from '../core/sandbox/run.js'
import {loadDriverCode} from '../core/units/unit-code.js'
import type {CodeOutcome} from '../kit/lab.js'

/** A lab's run may be a whole simulation, so its cases get longer than a graded case's. */
const LAB_LIMITS = {caseTimeoutMs: 30_000, totalTimeoutMs: 120_000}

export interface LabCodeRequest {
  readonly gradersDir: string
  readonly unit: string
  /** The module's file, as the unit's grader names it. */
  readonly entry: string
  readonly folder: string
  readonly label: string
  readonly inputs: readonly unknown[]
}

export async function runLabCode(request: LabCodeRequest): Promise<CodeOutcome[]> {
  const intake = copySubmission(request.folder)
  if (!intake.files.has(request.entry)) throw new UserError(`${request.entry} is missing from ${request.label}`, {code: 'missing-files', exitCode: 1})
  const driverCode = await loadDriverCode(request.gradersDir, request.unit, path.join('lab', 'driver.ts'))
  const bundled = await bundleSubmission(intake.files, request.entry, {driverCode})
  if ('problems' in bundled) {
    const lines = bundled.problems.map((p) => `${path.join(request.folder, p.file)}:${p.line}:${p.column}: ${p.message}`)
    throw new UserError(`${request.entry} does not build:\n${lines.join('\n')}`, {code: 'build', exitCode: 1, next: [`\`course check ${request.unit}\` shows the line.`]})
  }
  const run = await runSandboxed({code: bundled.code, driver: UNIT_DRIVER, cases: request.inputs.map((input, id) => ({id, input})), limits: LAB_LIMITS})
  if (run.loadError !== undefined) return request.inputs.map(() => ({ok: false, error: run.loadError!}))
  const byId = new Map(run.outcomes.map((o) => [o.id, o]))
  return request.inputs.map((_, id) => outcomeOf(byId.get(id)))
}

function outcomeOf(outcome: CaseOutcome | undefined): CodeOutcome {
  if (!outcome) return {ok: false, error: 'it did not run'}
  switch (outcome.kind) {
    case 'output':
      return {ok: true, output: outcome.output}
    case 'threw':
      return {ok: false, error: outcome.error}
    case 'timeout':
      return {ok: false, error: `it ran for more than ${LAB_LIMITS.caseTimeoutMs / 1000} s and was stopped`}
    case 'crashed':
    case 'not-run':
    case 'skipped':
      return {ok: false, error: outcome.reason}
  }
}
