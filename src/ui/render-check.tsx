import type {CaseDefinition} from '../core/grading/definition.js'
import type {CaseResult} from '../core/grading/result.js'
import type {CheckResult} from '../services/check.js'
import {renderLive} from './live.js'
import {CheckView, type CheckViewProps} from './screens/check-view.js'

export interface LiveCheck {
  readonly onCaseStart: (definition: CaseDefinition) => void
  readonly onCase: (result: CaseResult) => void
  /** Shows the final summary and resolves once it is on screen. */
  finish(checked: CheckResult): Promise<void>
  /** Takes the view down after a failure, so the error can be printed. */
  abort(): Promise<void>
}

/** Starts the live view of a check; the service's callbacks feed it. */
export function renderLiveCheck(options: {unit: string; folder: string; color: boolean; width: number}): LiveCheck {
  const view = renderLive<CheckViewProps>({...options, finished: [], newlyPassed: false}, CheckView)
  return {
    onCaseStart: (definition) => view.update({running: definition.title}),
    onCase: (result) => view.update({finished: [...view.state.finished, result], running: undefined}),
    async finish(checked) {
      view.update({
        result: checked.result,
        newlyPassed: checked.newlyPassed,
        ...(checked.buildSource ? {buildSource: checked.buildSource} : {}),
        typeWarnings: checked.typeWarnings,
        missingTooling: checked.missingTooling,
        hints: checked.hints,
      })
      await view.close()
    },
    abort: () => view.close(),
  }
}
