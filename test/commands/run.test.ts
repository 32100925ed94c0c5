import {describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'

describe('course run work-stealer', () => {
  it('returns every figure with --json', () => {
    const run = runCli(['run', 'work-stealer', '--workers', '2', '--tasks', '80', '--grain', '0.05 ms', '--seed', '3', '--json'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(result).toMatchObject({workers: 2, tasks: 80, distribution: 'pareto', order: 'asc', seed: 3})
    expect(result.grain_ms).toBeCloseTo(0.05, 9)
    expect(result.strategies.map((s: {strategy: string}) => s.strategy)).toEqual(['static', 'shared-queue', 'work-stealing'])
    for (const s of result.strategies) {
      for (const field of ['makespan', 'lowerBound', 'ratio', 'steals', 'idle', 'overheadPerTask']) expect(typeof s[field]).toBe('number')
      expect(s.workers).toHaveLength(2)
    }
    const ratio = (name: string) => result.strategies.find((s: {strategy: string}) => s.strategy === name).ratio
    expect(result.speedup_over_static).toBeCloseTo(ratio('static') / ratio('work-stealing'), 9)
  })

  it('prints a table and a chart against the lower bound', () => {
    const run = runCli(['run', 'work-stealer', '-p', '2', '-n', '60', '--grain', '0.05 ms', '--distribution', 'uniform', '--order', 'random'])
    expect(run.code).toBe(0)
    for (const text of ['static blocks', 'shared queue', 'work stealing', '× bound', 'lower bound', 'better than static blocks']) expect(run.stdout).toContain(text)
  })

  it('refuses a bad grain or distribution with exit 2 and no stack trace', () => {
    for (const args of [['--grain', '5 s'], ['--grain', 'soon'], ['--distribution', 'zipf'], ['--workers', '0']]) {
      const run = runCli(['run', 'work-stealer', ...args])
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stderr).not.toMatch(/\n\s+at /)
    }
  })
})
