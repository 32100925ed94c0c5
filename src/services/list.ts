import type {Difficulty, UnitKind} from '../core/catalog/model.js'
import {readState, statusOf, type ProgressStatus} from '../core/progress/state.js'
import {locateWorkspace, isWorkspace} from '../core/progress/workspace.js'
import {course, type WorkspaceOptions} from './context.js'

export interface UnitListing {
  readonly position: number
  readonly id: string
  readonly title: string
  readonly summary: string
  readonly kind: UnitKind
  readonly difficulty: Difficulty
  readonly estimated_minutes: number
  readonly optional: boolean
  readonly progress: ProgressStatus
}

export interface ListResult {
  readonly course: string
  /** The workspace progress was read from, or null when there is none. */
  readonly workspace: string | null
  readonly units: UnitListing[]
}

/** The units in course order with the learner's progress from the nearest workspace. */
export function listUnits(options: WorkspaceOptions): ListResult {
  const loaded = course(options)
  const found = locateWorkspace(options)
  const workspace = found && isWorkspace(found) ? found : null
  const state = workspace ? readState(workspace) : undefined
  return {
    course: loaded.title,
    workspace,
    units: loaded.units.map((unit) => ({
      position: unit.position,
      id: unit.id,
      title: unit.title,
      summary: unit.summary,
      kind: unit.kind,
      difficulty: unit.difficulty,
      estimated_minutes: unit.estimated_minutes,
      optional: unit.optional ?? false,
      progress: statusOf(state?.units[unit.id]),
    })),
  }
}
