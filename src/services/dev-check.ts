import {lintContent, type ContentProblem} from '../core/catalog/lint.js'
import {exercisesDir} from '../core/catalog/paths.js'
import type {ServiceContext} from './context.js'

export interface DevCheckResult {
  readonly ok: boolean
  readonly units: number
  readonly problems: ContentProblem[]
}

/** The content linter: everything a course author can get wrong, found at once. */
export function checkContent(context: Pick<ServiceContext, 'contentDir'>): DevCheckResult {
  const {problems, units} = lintContent(context.contentDir ?? exercisesDir())
  return {ok: problems.length === 0, units, problems}
}
