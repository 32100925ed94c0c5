import {render} from 'ink'
import type {ResumePoint} from '../services/progress.js'
import type {CourseActions} from './actions.js'
import {CourseApp} from './app.js'

/** Alternate screen: the TUI gets a clean canvas and the shell's scrollback is back after quitting. */
const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h\u001B[H'
const LEAVE_ALTERNATE_SCREEN = '\u001B[?1049l'

/** Runs the learner's TUI until the learner quits. */
export async function runCourseTui(actions: CourseActions, options: {color: boolean; resume?: ResumePoint}): Promise<void> {
  process.stdout.write(ENTER_ALTERNATE_SCREEN)
  try {
    const instance = render(<CourseApp actions={actions} color={options.color} resume={options.resume} />, {exitOnCtrlC: false, patchConsole: false})
    await instance.waitUntilExit()
  } finally {
    process.stdout.write(LEAVE_ALTERNATE_SCREEN)
  }
}
