import type {UnitKind} from '../core/catalog/model.js'
import {readState, statusOf, type CheckSummary, type ProgressStatus, type UnitProgress} from '../core/progress/state.js'
import {isWorkspace, locateWorkspace, requireWorkspace, unitFromPath} from '../core/progress/workspace.js'
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

/** The unit a learner coming back to a workspace most likely wants. */
export interface ResumePoint {
  readonly unit: string
  /** True when it is the unit whose folder the command was run in. */
  readonly here: boolean
}

/** The latest moment course recorded for a unit, as an ISO string ('' when none). */
function lastActivity(progress: UnitProgress): string {
  const moments = [progress.started_at, progress.last_check?.at, progress.solution_opened?.at, progress.read_at, progress.passed_at]
  return moments.reduce<string>((latest, at) => (at && at > latest ? at : latest), '')
}

/**
 * Where to pick up in the workspace found from `cwd` (or `--dir`): the unit whose folder the learner
 * is in, else the started unit not yet done that was last worked on; undefined without a workspace
 * or such a unit.
 */
export function resumePoint(options: WorkspaceOptions): ResumePoint | undefined {
  const found = locateWorkspace(options)
  if (!found || !isWorkspace(found)) return undefined
  const ids = course(options).units.map((u) => u.id)
  const here = unitFromPath(found, options.cwd)
  if (here && ids.includes(here)) return {unit: here, here: true}
  const units = readState(found).units
  const open = ids.filter((id) => units[id] && statusOf(units[id]) === 'started')
  const latest = open.sort((a, b) => lastActivity(units[b]!).localeCompare(lastActivity(units[a]!)))[0]
  return latest ? {unit: latest, here: false} : undefined
}
