import type {UnitKind} from '../core/catalog/model.js'
import {readState, statusOf, type CheckSummary, type ProgressStatus} from '../core/progress/state.js'
import {requireWorkspace} from '../core/progress/workspace.js'
import {course, type WorkspaceOptions} from './context.js'

export interface UnitProgressRow {
  readonly id: string
  readonly title: string
  readonly kind: UnitKind
  readonly optional: boolean
  readonly status: ProgressStatus
  readonly hints_shown: number
  readonly hints_total: number
  readonly solution_opened: boolean
  readonly last_check: CheckSummary | null
}

export interface ProgressResult {
  readonly workspace: string
  readonly units: UnitProgressRow[]
  readonly summary: {
    /** Required units done (passed, or read for ungraded kinds). */
    readonly done: number
    readonly required: number
    readonly started: number
    readonly percent: number
  }
}

export function workspaceProgress(options: WorkspaceOptions): ProgressResult {
  const workspace = requireWorkspace(options)
  const state = readState(workspace)
  const units = course(options).units.map((unit) => {
    const progress = state.units[unit.id]
    return {
      id: unit.id,
      title: unit.title,
      kind: unit.kind,
      optional: unit.optional ?? false,
      status: statusOf(progress),
      // A state file may record more hints than the unit has now; show no more than exist.
      hints_shown: Math.min(progress?.hints_shown ?? 0, unit.hints.length),
      hints_total: unit.hints.length,
      solution_opened: progress?.solution_opened !== undefined,
      last_check: progress?.last_check ?? null,
    }
  })
  const required = units.filter((u) => !u.optional)
  const done = required.filter((u) => u.status === 'passed' || u.status === 'read').length
  const started = units.filter((u) => u.status !== 'not-started').length
  return {
    workspace,
    units,
    summary: {done, required: required.length, started, percent: required.length === 0 ? 0 : Math.round((100 * done) / required.length)},
  }
}
