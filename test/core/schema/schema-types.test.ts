import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {DIFFICULTIES, UNIT_KINDS} from '../../../src/core/catalog/model.js'
import {ROOT} from '../../helpers/cli.js'

/**
 * The types of unit.json and grader.json are generated from their schemas: regenerating must give
 * the files checked in, and the lists the code keeps at run time must be the schema's.
 */
describe('types generated from the schemas', () => {
  it('are up to date with the schemas', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'src/build/schema-types.mjs'), '--check'], {cwd: ROOT, encoding: 'utf8'})
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
  })

  it('list the same unit kinds and difficulties as the schema', () => {
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'exercises/schemas/unit.schema.json'), 'utf8')) as {properties: Record<string, {enum: string[]}>}
    expect(UNIT_KINDS).toEqual(schema.properties.kind!.enum)
    expect(DIFFICULTIES).toEqual(schema.properties.difficulty!.enum)
  })
})
