import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadCourse} from '../../src/core/catalog/load.js'
import {gradersDir} from '../../src/core/catalog/paths.js'
import {judge, prepareCases} from '../../src/core/grading/cases.js'
import {partOf, type GraderDefinition} from '../../src/core/grading/definition.js'
import {GRADER_FILE, hasGrader, loadGrader} from '../../src/core/grading/load.js'
import {deriveSeed} from '../../src/core/grading/seed.js'
import {readJsonFile} from '../../src/core/schema/json-file.js'
import {copySubmission} from '../../src/core/grading/intake.js'
import {bundleSubmission} from '../../src/core/sandbox/bundle.js'
import {SCRIPT_DRIVER, scriptDriver, type Driver} from '../../src/core/sandbox/drivers.js'
import {decode, encode} from '../../src/core/sandbox/values.js'

/**
 * Hidden cases differ per learner, so a reference that passes for the fixtures' learners may still
 * fail for someone else's draw: a threshold set too close to what a correct solution scores fails
 * a share of a class for nothing. Here each code unit's reference is graded for many learner ids.
 * The reference is the course's own code, so it runs in this process (learners' code never does):
 * through the same driver, the same encoding across the boundary, the same checks.
 * COURSE_SEEDS raises the count for a calibration run (the cases are cheap, the machines not).
 */
const SEEDS = Number(process.env.COURSE_SEEDS ?? 0)
const DEFAULT_SEEDS: Record<string, number> = {'work-stealer': 24, aggregation: 20}

/** Units whose grader has a code part (a design unit may have one too). */
const units = loadCourse().units.filter((unit) => hasGrader(unit.id) && (readJsonFile(path.join(gradersDir(), unit.id, GRADER_FILE)) as GraderDefinition).code)

describe('each reference earns full marks whoever the learner is', () => {
  for (const unit of units) {
    it(unit.id, async () => {
      const {definition, module: grader} = await loadGrader(unit.id, gradersDir(), unit.files.schema ? path.join(unit.dir, unit.files.schema) : undefined)
      if (!definition.code) throw new Error(`${unit.id} has no code part`)
      const bundled = await bundleSubmission(copySubmission(path.join(unit.dir, 'reference')).files, definition.code.entry)
      if (!('code' in bundled)) throw new Error(`the reference of ${unit.id} does not bundle: ${JSON.stringify(bundled.problems)}`)
      const reference = (await import(`data:text/javascript;base64,${Buffer.from(bundled.code).toString('base64')}`)) as Record<string, unknown>
      // A unit's own driver is course code too: imported here from its source.
      const own = definition.code.driver ?? SCRIPT_DRIVER
      const driver = own === SCRIPT_DRIVER ? scriptDriver : ((await import(path.join(gradersDir(), unit.id, own))) as {default: Driver}).default
      const codeCases = definition.cases.filter((c) => partOf(definition, c) === 'code')
      const failures: string[] = []
      const count = SEEDS || DEFAULT_SEEDS[unit.id] || 60
      for (let i = 0; i < count; i++) {
        const learner = `learner-${i}`
        for (const prepared of prepareCases(codeCases, grader, deriveSeed('seed sweep', learner, unit.id, definition.version))) {
          const output = decode(encode(await driver(reference, decode(encode(prepared.input)))))
          const verdict = judge(prepared, output, grader)
          if (!verdict.passed) failures.push(`${learner} ${prepared.definition.name}: ${verdict.detail ?? 'failed'}`)
        }
      }
      expect(failures).toEqual([])
    }, Math.max(600_000, SEEDS * 10_000))
  }
})
