/**
 * Runs a unit's lab as `course run <unit>` would, in this process (the lab's code from its
 * TypeScript sources; learner code still in the sandbox): the result `--json` prints, the blocks,
 * and the terminal view at 80 columns without colour. `mine` puts files in a fresh learner
 * workspace, started as `course start` starts it, and runs the lab with `--mine`.
 */
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {gradersDir} from '../../src/core/catalog/paths.js'
import {findLabs} from '../../src/core/labs/lab-spec.js'
import type {LabBlock} from '../../src/kit/lab.js'
import {runLab} from '../../src/services/lab.js'
import {startUnit} from '../../src/services/start.js'
import {formatLabView} from '../../src/ui/text/lab-view.js'
import {tempDir} from './temp.js'

export interface UnitLabRun {
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever shape the unit's lab returns
  readonly result: any
  readonly blocks: LabBlock[]
  readonly text: string
  readonly warnings: readonly string[]
}

export interface UnitLabOptions {
  /** Files of the learner's unit folder by name (they replace the starter's). */
  readonly mine?: Readonly<Record<string, string>>
  /** Start the workspace with this learner's scenario variant (`course start --learner`). */
  readonly learner?: string
}

export function labSpec(unit: string) {
  const spec = findLabs(gradersDir()).find((s) => s.unit === unit)
  if (!spec) throw new Error(`${unit} has no lab`)
  return spec
}

export async function runUnitLab(unit: string, flags: Readonly<Record<string, unknown>> = {}, options: UnitLabOptions = {}): Promise<UnitLabRun> {
  let cwd = process.cwd()
  if (options.mine) {
    cwd = tempDir({prefix: 'course-lab-'})
    startUnit({cwd, unit, ...(options.learner ? {learner: options.learner} : {})})
    const folder = path.join(cwd, 'course-work', unit)
    for (const [name, text] of Object.entries(options.mine)) writeFileSync(path.join(folder, name), text)
  }
  const run = await runLab(labSpec(unit), flags, {cwd, mine: options.mine !== undefined})
  return {result: run.result, blocks: run.blocks, text: formatLabView(run.blocks, {color: false, width: 80}), warnings: run.warnings}
}
