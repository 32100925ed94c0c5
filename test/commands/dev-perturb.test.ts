import {describe, expect, it} from 'vitest'
import {perturbationsOf} from '../../src/services/perturb/kinds.js'
import {runCli} from '../helpers/cli.js'

describe('the perturbations of one field', () => {
  it('scales a figure, swaps its unit for another of the same kind, and deletes it', () => {
    const kinds = perturbationsOf('20 s').map((p) => `${p.kind}:${String(p.to)}`)
    expect(kinds).toEqual(['double:40 s', 'half:10 s', 'tenfold:200 s', 'tenth:2 s', 'unit:20 ms', 'delete:undefined'])
    expect(perturbationsOf('500 req/s').find((p) => p.kind === 'unit')?.to).toBe('500 req/min')
    expect(perturbationsOf('1 %').find((p) => p.kind === 'unit')?.to).toBe('1')
    expect(perturbationsOf(0.3).find((p) => p.kind === 'double')?.to).toBe(0.6)
    expect(perturbationsOf(true).map((p) => p.kind)).toEqual(['flip', 'delete'])
  })

  it('leaves prose alone, and only deletes a choice', () => {
    expect(perturbationsOf('Each idle worker holds an open connection at the queue.')).toEqual([])
    expect(perturbationsOf('long_polling').map((p) => p.kind)).toEqual(['delete'])
  })
})

describe('course dev perturb', () => {
  it('grades the reference changed one field at a time and accounts for every change', () => {
    const run = runCli(['dev', 'perturb', 'thundering-herd', '--json'])
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as {reference: {score: number; max_score: number}; total: number; caught: number; kinds: Record<string, {total: number; caught: number}>; missed: unknown[]}
    expect(report.reference.score).toBe(report.reference.max_score)
    const kinds = Object.values(report.kinds)
    expect(kinds.reduce((n, k) => n + k.total, 0)).toBe(report.total)
    expect(kinds.reduce((n, k) => n + k.caught, 0)).toBe(report.caught)
    expect(report.missed).toHaveLength(report.total - report.caught)
    // Deleting a field the grader reads must always cost marks.
    expect(report.kinds.delete!.caught).toBe(report.kinds.delete!.total)
  })

  it('refuses a unit without a design document, clearly', () => {
    const run = runCli(['dev', 'perturb', 'load-balancer', '--json'])
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout).error.code).toBe('no-document')
    const usage = runCli(['dev', 'perturb'])
    expect(usage.code).toBe(2)
  })
})
