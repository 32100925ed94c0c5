import {loadCourse} from '../core/catalog/load.js'
import type {Course} from '../core/catalog/model.js'
import {exercisesDir} from '../core/catalog/paths.js'

/** What every service may be told about where it runs; tests point these at temporary folders. */
export interface ServiceContext {
  /** The directory the command was run from. */
  readonly cwd: string
  /** The `exercises/` folder to read; defaults to the installed course. */
  readonly contentDir?: string
}

/** Options of services that work on a learner workspace. */
export interface WorkspaceOptions extends ServiceContext {
  /** `--dir`: the workspace; found from cwd upwards when absent. */
  readonly dir?: string
}

export function course(context: ServiceContext): Course {
  return loadCourse(context.contentDir ?? exercisesDir())
}
