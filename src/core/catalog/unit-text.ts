import type {ScenarioText} from '../scenario/document.js'
import {scenarioText} from '../scenario/document.js'
import {withScenario} from '../scenario/table.js'
import {readUnitMarkdown} from './load.js'
import type {Unit} from './model.js'
import {readScenarioDocument, scenarioFile} from './scenario-file.js'

/**
 * A unit's text as a reader sees it: its scenario table and `{{figure}}` placeholders filled in,
 * from the scenario given (a learner's variant) or else the unit's base scenario.
 */
export function unitMarkdown(unit: Unit, which: 'text' | 'solution', scenario?: ScenarioText): string {
  const base = scenario ? undefined : readScenarioDocument(scenarioFile(unit))
  return withScenario(readUnitMarkdown(unit, which), scenario ?? (base ? scenarioText(base) : undefined))
}
