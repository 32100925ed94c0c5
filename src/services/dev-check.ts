import {loadCourse} from '../core/catalog/load.js'
import {lintContent, type ContentProblem} from '../core/catalog/lint.js'
import {exercisesDir, gradersDir} from '../core/catalog/paths.js'
import {lintGraders, type GraderCheck} from '../core/grading/lint.js'
import {lintEquivalents} from './mutate/equivalents.js'

export interface DevCheckOptions {
  readonly contentDir?: string
  readonly gradersDir?: string
  /** Skip running the graders (fast: content only). */
  readonly contentOnly?: boolean
}

export interface DevCheckResult {
  readonly ok: boolean
  readonly units: number
  readonly problems: ContentProblem[]
  /** What each grader gave the unit's reference solution and its untouched starter. */
  readonly graders: GraderCheck[]
}

/** The content linter: everything a course author can get wrong, found at once. */
export async function checkContent(options: DevCheckOptions): Promise<DevCheckResult> {
  const dir = options.contentDir ?? exercisesDir()
  const content = lintContent(dir)
  // Equivalent-mutant records are data only: validated even with --content-only.
  const problems = [...content.problems, ...lintEquivalents(options.gradersDir ?? gradersDir())]
  let graders: GraderCheck[] = []
  if (!options.contentOnly && content.problems.length === 0) {
    const checked = await lintGraders(options.gradersDir ?? gradersDir(), loadCourse(dir).units)
    problems.push(...checked.problems)
    graders = checked.checks
  }
  return {ok: problems.length === 0, units: content.units, problems, graders}
}
