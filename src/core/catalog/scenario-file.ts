import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {isScenarioDocument, type ScenarioDocument} from '../scenario/document.js'
import type {Unit} from './model.js'

/**
 * Where a unit's scenario lives, and reading it for display. Kept apart from scenario.ts, which
 * checks a scenario in full with the unit library: showing a unit must not load that library.
 */
export const SCENARIO_FILE = 'scenario.json'

export function scenarioFile(unit: Unit): string {
  return path.join(unit.dir, SCENARIO_FILE)
}

/**
 * A scenario file as a reader needs it: JSON with the shape the text needs, nothing else checked.
 * A file that is not even that shows the text without figures; `course dev check` reports it.
 */
export function readScenarioDocument(file: string): ScenarioDocument | undefined {
  if (!existsSync(file)) return undefined
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as unknown
    return isScenarioDocument(value) ? value : undefined
  } catch {
    return undefined
  }
}
