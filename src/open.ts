/**
 * `course` with no arguments: the learner's front door. On a terminal it opens the reader;
 * elsewhere it prints exactly what `course list` prints. It is its own entry of the bundle and
 * starts without the CLI framework, so the first frame comes sooner.
 */
import path from 'node:path'
import {colorEnabled} from './core/markdown/ansi.js'
import {DEFAULT_WORKSPACE, isWorkspace, locateWorkspace} from './core/progress/workspace.js'
import {reportError} from './report-error.js'
import {listUnits} from './services/list.js'
import type {CourseActions} from './ui/actions.js'
import {loadInteractive} from './ui/load-interactive.js'
import {formatList} from './ui/text/list.js'

async function openCourse(): Promise<void> {
  const cwd = process.cwd()
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stdout.write(`${formatList(listUnits({cwd}), {width: Number.POSITIVE_INFINITY, color: colorEnabled(process.stdout)})}\n`)
    return
  }
  const [{nextHint, shownHints}, {showUnit}, {startUnit}, {resumePoint}, {runCourseTui}] = await Promise.all([
    import('./services/hint.js'),
    import('./services/show.js'),
    import('./services/start.js'),
    import('./services/progress.js'),
    loadInteractive(() => import('./ui/render.js')),
  ])
  const found = locateWorkspace({cwd})
  const dir = found && isWorkspace(found) ? found : path.join(cwd, DEFAULT_WORKSPACE)
  const actions: CourseActions = {
    workspace: dir,
    list: () => listUnits({cwd, dir: isWorkspace(dir) ? dir : undefined}),
    text: (unit) => showUnit({cwd, dir, unit}).markdown,
    solution: (unit) => showUnit({cwd, dir, unit, solution: true}).markdown,
    start: (unit) => startUnit({cwd, dir, unit}),
    hint: (unit) => nextHint({cwd, dir, unit}),
    shownHints: (unit) => (isWorkspace(dir) ? shownHints({cwd, dir, unit}) : []),
  }
  // Run inside a workspace with work under way, the reader offers that unit first.
  await runCourseTui(actions, {color: colorEnabled(process.stdout), resume: resumePoint({cwd, dir: isWorkspace(dir) ? dir : undefined})})
}

export async function main(): Promise<void> {
  // Ink colours through chalk, which ignores NO_COLOR but honours FORCE_COLOR=0.
  if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0'
  try {
    await openCourse()
  } catch (error) {
    reportError(error)
  }
}
