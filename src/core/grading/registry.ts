import {loadChecksModule} from '../units/unit-code.js'
import type {GraderModule} from './definition.js'

/**
 * The code part of a unit's grader (`graders/<unit>/checks.ts`), loaded only when its unit is
 * graded. The module's default export is the grader (`defineGrader({...})`); named exports
 * `generators`, `checks` and `documentChecks` are read too. Units whose cases are all data need
 * no checks.ts.
 */
export async function graderModule(gradersDir: string, unit: string): Promise<GraderModule> {
  const loaded = await loadChecksModule(gradersDir, unit)
  const module = (loaded.default ?? loaded) as GraderModule
  return {
    ...(module.generators ? {generators: module.generators} : {}),
    ...(module.checks ? {checks: module.checks} : {}),
    ...(module.documentChecks ? {documentChecks: module.documentChecks} : {}),
  }
}
