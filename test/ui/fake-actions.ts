import type {HintResult} from '../../src/services/hint.js'
import type {ListResult, UnitListing} from '../../src/services/list.js'
import type {CourseActions} from '../../src/ui/actions.js'
import {UserError} from '../../src/core/errors.js'

function listing(position: number, id: string, overrides: Partial<UnitListing> = {}): UnitListing {
  return {position, id, title: `The ${id} unit`, summary: `Summary of ${id}.`, kind: 'code', difficulty: 'beginner', estimated_minutes: 30, optional: false, progress: 'not-started', ...overrides}
}

/**
 * In-memory actions for screen tests: a three-unit course whose texts are numbered lines. With
 * `workspace: false` there is no workspace until a unit is started, as for a first run.
 */
export function fakeActions(options: {workspace?: boolean} = {}): CourseActions & {calls: string[]} {
  const calls: string[] = []
  let units = [listing(1, 'intro', {kind: 'lesson'}), listing(2, 'lb'), listing(3, 'sort', {optional: true, kind: 'challenge'})]
  let hints = 0
  let workspace = options.workspace ?? true
  const result = (): ListResult => ({course: 'Fake course', workspace: workspace ? '/ws' : null, units: units.map((u) => ({...u}))})
  return {
    calls,
    workspace: '/ws',
    list: result,
    text: (unit) => {
      calls.push(`text:${unit}`)
      return `# ${unit}\n\n${Array.from({length: 60}, (_, i) => `Line ${i + 1} of ${unit}.`).join('\n\n')}`
    },
    solution: (unit) => {
      calls.push(`solution:${unit}`)
      throw new UserError(`the reference write-up of \`${unit}\` is still locked`, {code: 'solution-locked'})
    },
    start: (unit) => {
      calls.push(`start:${unit}`)
      workspace = true
      units = units.map((u) => (u.id === unit ? {...u, progress: 'started'} : u))
      return {unit, workspace: '/ws', folder: `/ws/${unit}`, files: [`${unit}/a.ts`], createdWorkspace: false, tooling: []}
    },
    hint: (unit): HintResult => {
      calls.push(`hint:${unit}`)
      if (!workspace) throw new UserError('no course workspace at /here or above it', {code: 'no-workspace'})
      hints = Math.min(hints + 1, 3)
      const all = ['Hint one.', 'Hint two.', 'Hint three.']
      return {unit, number: hints, total: 3, hint: all[hints - 1]!, previous: all.slice(0, hints - 1), exhausted: false}
    },
    shownHints: () => ['Hint one.'].slice(0, hints),
  }
}
