import type {SubmissionResult} from '../core/grading/result.js'
import {renderLive} from './live.js'
import {GradeProgress, type GradeProgressProps} from './screens/grade-progress.js'

export interface LiveGrade {
  plan(total: number, resumed: number): void
  start(label: string): void
  done(result: SubmissionResult): void
  close(): Promise<void>
}

/** The live progress of `course grade` on a terminal; the service's events feed it. */
export function renderLiveGrade(options: {width: number; color: boolean}): LiveGrade {
  const view = renderLive<GradeProgressProps>({...options, total: 0, resumed: 0, done: [], running: []}, GradeProgress)
  return {
    plan: (total, resumed) => view.update({total, resumed}),
    start: (label) => view.update({running: [...view.state.running, label]}),
    done: (result) => view.update({done: [...view.state.done, result], running: view.state.running.filter((r) => r !== `${result.learner}/${result.unit}`)}),
    close: () => view.close(),
  }
}
