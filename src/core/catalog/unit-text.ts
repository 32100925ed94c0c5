import path from 'node:path'
import type {Scenario} from '../scenario/scenario.js'
import {withScenario} from '../scenario/table.js'
import {readUnitMarkdown} from './load.js'
import type {Unit} from './model.js'
import {loadScenario} from './scenario.js'

/**
 * A unit's text as a reader sees it: its scenario table and `{{figure}}` placeholders filled in,
 * from the scenario given (a learner's variant) or else the unit's base scenario. Kept apart from
 * the catalog loader, which every command runs: the scenario reads quantities with mathjs.
 */
export function unitMarkdown(unit: Unit, which: 'text' | 'solution', scenario?: Scenario): string {
  return withScenario(readUnitMarkdown(unit, which), scenario ?? loadScenario(unit, path.dirname(unit.dir)))
}
