import {isGraded, type UnitKind} from '../catalog/model.js'
import {statusOf, type UnitProgress} from './state.js'

/**
 * When the reference write-up opens. Graded units: once the learner has passed. Ungraded units
 * (lessons, reflection, challenges) have nothing to pass, so once the learner has started or read
 * them: the point is to write an answer of one's own before reading ours.
 */
export function solutionUnlocked(kind: UnitKind, progress: UnitProgress | undefined): boolean {
  const status = statusOf(progress)
  if (isGraded(kind)) return status === 'passed'
  return status !== 'not-started'
}

/** One sentence on how to unlock the write-up, for messages. */
export function unlockHint(kind: UnitKind, unitId: string): string {
  return isGraded(kind)
    ? `Pass the unit first (\`course check ${unitId}\`), or add --force to open it now.`
    : `Start the unit first (\`course start ${unitId}\`), or add --force to open it now.`
}
