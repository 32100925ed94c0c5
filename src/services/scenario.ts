import path from 'node:path'
import type {Unit} from '../core/catalog/model.js'
import {readScenarioDocument, SCENARIO_FILE, scenarioFile} from '../core/catalog/scenario-file.js'
import {scenarioText, type ScenarioText} from '../core/scenario/document.js'
import {drawDocument} from '../core/scenario/draw.js'
import {withScenario} from '../core/scenario/table.js'

/**
 * The scenario a reader sees: the one drawn for `learner`, else the variant written into the
 * workspace by `course start --learner`, else the unit's base scenario (undefined for a unit
 * without one). Only the figures' text is read: showing a unit never loads the unit library.
 */
export function scenarioShown(unit: Unit, learner: string | undefined, workspace: string | undefined): ScenarioText | undefined {
  const base = readScenarioDocument(scenarioFile(unit))
  if (learner !== undefined) return base ? scenarioText(drawDocument(base, learner, unit.id)) : undefined
  const own = workspace ? readScenarioDocument(path.join(workspace, unit.id, SCENARIO_FILE)) : undefined
  const shown = own ?? base
  return shown ? scenarioText(shown) : undefined
}

/** Hints name figures with the same `{{figure}}` placeholders as the text. */
export function hintsShown(unit: Unit, workspace: string | undefined): string[] {
  if (!unit.hints.some((hint) => hint.includes('{{'))) return [...unit.hints]
  const scenario = scenarioShown(unit, undefined, workspace)
  return unit.hints.map((hint) => withScenario(hint, scenario))
}
