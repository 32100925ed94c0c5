/**
 * What the TUI can ask of the course. The command wires these to services, so screens stay free
 * of file access and tests can pass fakes. Any of them may throw a UserError; the TUI shows its
 * message on the status line.
 */
import type {HintResult} from '../services/hint.js'
import type {ListResult} from '../services/list.js'
import type {StartResult} from '../services/start.js'

export interface CourseActions {
  list(): ListResult
  /** The learner text of a unit, as markdown. */
  text(unit: string): string
  /** The reference write-up, as markdown; throws when it is still locked. */
  solution(unit: string): string
  start(unit: string): StartResult
  hint(unit: string): HintResult
  /** The hints already revealed, for the hints view. */
  shownHints(unit: string): string[]
  /** The workspace the TUI works in (shown in help). */
  readonly workspace: string
}
