import {spawnSync} from 'node:child_process'
import {describe, expect, it} from 'vitest'
import {tieringFlags} from '../../../src/core/sandbox/tiering.js'

describe('tiering flags for the sandboxed child', () => {
  it('are given to the V8 that has them and to no other', () => {
    expect(tieringFlags('11.3.244.8-node.33')).toEqual(['--interrupt-budget=2000000'])
    expect(tieringFlags('12.4.254.21-node.33')).toEqual([])
    expect(tieringFlags('13.6.233.17-node.53')).toEqual([])
  })

  it('are accepted by the Node running the tests', () => {
    const run = spawnSync(process.execPath, [...tieringFlags(), '-e', 'process.stdout.write("ok")'], {encoding: 'utf8'})
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe('ok')
  })
})
