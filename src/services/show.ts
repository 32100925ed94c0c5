import {findUnit} from '../core/catalog/load.js'
import {unitMarkdown} from '../core/catalog/unit-text.js'
import type {UnitKind} from '../core/catalog/model.js'
import {isGraded} from '../core/catalog/model.js'
import {UserError} from '../core/errors.js'
import {readState, updateUnit} from '../core/progress/state.js'
import {solutionUnlocked, unlockHint} from '../core/progress/unlock.js'
import {isWorkspace, locateWorkspace} from '../core/progress/workspace.js'
import {course, type WorkspaceOptions} from './context.js'
import {scenarioShown} from './scenario.js'

export interface ShowOptions extends WorkspaceOptions {
  readonly unit: string
  /** Show the reference write-up instead of the learner text. */
  readonly solution?: boolean
  /** Open the write-up even though it is still locked (recorded in the state file). */
  readonly force?: boolean
  /** Show the scenario drawn for this learner id (as graded with variants). */
  readonly learner?: string
}

export interface ShowResult {
  readonly unit: string
  readonly title: string
  readonly kind: UnitKind
  readonly part: 'text' | 'solution'
  /** The markdown source; the command renders it for the terminal. */
  readonly markdown: string
}

export function showUnit(options: ShowOptions): ShowResult {
  const unit = findUnit(course(options), options.unit)
  const found = locateWorkspace(options)
  const workspace = found && isWorkspace(found) ? found : undefined
  const progress = workspace ? readState(workspace).units[unit.id] : undefined

  if (options.solution) {
    const unlocked = solutionUnlocked(unit.kind, progress)
    if (!unlocked && !options.force) {
      throw new UserError(`the reference write-up of \`${unit.id}\` is still locked`, {
        code: 'solution-locked',
        next: [unlockHint(unit.kind, unit.id)],
      })
    }
    const markdown = unitMarkdown(unit, 'solution')
    if (workspace) {
      updateUnit(workspace, unit.id, (p) => ({...p, solution_opened: {at: new Date().toISOString(), forced: !unlocked}}))
    }
    return {unit: unit.id, title: unit.title, kind: unit.kind, part: 'solution', markdown}
  }

  const markdown = unitMarkdown(unit, 'text', scenarioShown(unit, options.learner, workspace))
  // Reading is what an ungraded unit asks for, so reading it in a workspace completes it.
  if (workspace && !isGraded(unit.kind) && !progress?.read_at) {
    updateUnit(workspace, unit.id, (p) => ({...p, read_at: new Date().toISOString()}))
  }
  return {unit: unit.id, title: unit.title, kind: unit.kind, part: 'text', markdown}
}

