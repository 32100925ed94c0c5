/**
 * Running a unit's lab: the parameters checked against its lab.json, its code loaded, run, and
 * what it returns handed back with the blocks it wants shown.
 */
import {availableParallelism} from 'node:os'
import {gradersDir} from '../core/catalog/paths.js'
import type {LabSpec} from '../core/labs/lab-spec.js'
import {labValues} from '../core/labs/lab-values.js'
import {loadLabModule} from '../core/units/unit-code.js'
import type {Lab, LabBlock} from '../kit/lab.js'

export interface LabRun {
  readonly result: unknown
  readonly blocks: LabBlock[]
}

export async function runLab(spec: LabSpec, given: Readonly<Record<string, unknown>>, progress?: (line: string) => void): Promise<LabRun> {
  const values = labValues(spec, given, availableParallelism())
  const module = await loadLabModule(gradersDir(), spec.unit)
  const lab = module.default as Lab<unknown> | undefined
  if (!lab || typeof lab.run !== 'function' || typeof lab.view !== 'function') throw new Error(`the lab of ${spec.unit} has no default export made with defineLab`)
  const result = await lab.run(values, progress ? {progress} : {})
  return {result, blocks: lab.view(result)}
}
