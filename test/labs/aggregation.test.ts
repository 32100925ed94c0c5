import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import * as reference from '../../exercises/aggregation/reference/aggregation.js'
import measure, {measureSketch, type SketchInput} from '../../graders/aggregation/lab/driver.js'
import {sweepCountMin, type CountMinInput} from '../../graders/aggregation/lab/count-min-sweep.js'
import {sweepHyperLogLog} from '../../graders/aggregation/lab/hll-sweep.js'
import {sweepQuantiles} from '../../graders/aggregation/lab/quantile-sweep.js'
import {hllReport} from '../../graders/aggregation/lab/reports.js'
import {aggregationView} from '../../graders/aggregation/lab/view.js'
import {displayWidth} from '../../src/core/text/display-width.js'
import {runUnitLab} from '../helpers/lab.js'

type Module = Record<string, unknown>
const module = reference as unknown as Module

const smallCountMin: CountMinInput = {
  sketch: 'count-min',
  seed: 3,
  views: 30_000,
  catalogue: 3_000,
  heavy: 10,
  settings: [
    {epsilon: 0.01, delta: 0.01},
    {epsilon: 0.003, delta: 0.01},
    {epsilon: 0.001, delta: 0.01},
  ],
}

/** A HyperLogLog with a classic slip: the rank is the number of leading zeros, not one more. */
function rankOffByOne(precision: number) {
  const registers = new Uint8Array(2 ** precision)
  const honest = reference.createHyperLogLog(precision)
  return {
    precision,
    add(value: string) {
      const d = reference.digest(value)
      const hi = reference.readUint32(d, 0)
      const rest = (hi << precision) >>> 0
      const j = hi >>> (32 - precision)
      const rank = rest !== 0 ? Math.clz32(rest) : 32 - precision + Math.clz32(reference.readUint32(d, 4))
      if (rank > registers[j]!) registers[j] = rank
    },
    // The reference's estimator over these registers: only the rank is wrong.
    count() {
      honest.merge({precision, registers: () => registers} as unknown as reference.HyperLogLog)
      return honest.count()
    },
  }
}

describe('the aggregation lab, measured on the reference', () => {
  it('gives the same measurements for the same seed, and others for another', () => {
    const input: SketchInput = {sketch: 'hll', seed: 5, precisions: [6, 8], runs: 2, distinct: 2_000}
    const first = measure(module, input)
    expect(measure(module, input)).toEqual(first)
    expect(measure(module, {...input, seed: 6})).not.toEqual(first)
    expect(measureSketch(module, smallCountMin)).toEqual(measureSketch(module, smallCountMin))
  })

  it('shows the HyperLogLog error shrinking with precision, close to 1.04/√m', () => {
    // 5,000 ids keep p = 10 (m = 1,024) in the raw estimator's range; 20 runs steady the RMS.
    const rows = sweepHyperLogLog(module, {sketch: 'hll', seed: 2, precisions: [6, 8, 10], runs: 20, distinct: 5_000})
    const rms = rows.map((row) => ('rmsError' in row ? row.rmsError : Number.NaN))
    expect(rms[0]).toBeGreaterThan(rms[1]!)
    expect(rms[1]).toBeGreaterThan(rms[2]!)
    for (const [i, row] of rows.entries()) {
      expect(row.standardError).toBeCloseTo(1.04 / Math.sqrt(2 ** row.precision), 12)
      expect(rms[i]! / row.standardError).toBeGreaterThan(0.6)
      expect(rms[i]! / row.standardError).toBeLessThan(1.5)
    }
    expect(rows.map((row) => row.bytes)).toEqual([48, 192, 768])
  })

  it('shows a sketch with the rank off by one far outside its standard error', () => {
    const input = {sketch: 'hll', seed: 2, precisions: [8, 10], runs: 3, distinct: 5_000} as const
    const broken = sweepHyperLogLog({createHyperLogLog: rankOffByOne}, input)
    const honest = sweepHyperLogLog(module, input)
    for (const [i, row] of broken.entries()) {
      if (!('rmsError' in row) || !('rmsError' in honest[i]!)) throw new Error('both sketches should have been measured')
      expect(row.rmsError).toBeGreaterThan(0.3)
      expect(row.rmsError).toBeGreaterThan(5 * honest[i]!.rmsError)
    }
  })

  it('finds count-min never below the truth, and past ε·N for no more than δ of the keys', () => {
    const {pages, rows} = sweepCountMin(module, smallCountMin)
    expect(pages).toBeGreaterThan(500)
    const measured = rows.map((row) => {
      if ('error' in row) throw new Error(row.error)
      return row
    })
    for (const row of measured) {
      expect(row.below).toBe(0)
      expect(row.pastBound).toBeLessThanOrEqual(row.delta)
      expect(row.bound).toBeCloseTo(row.epsilon * smallCountMin.views, 9)
    }
    expect(measured.map((row) => [row.width, row.depth])).toEqual([
      [272, 5],
      [907, 5],
      [2719, 5],
    ])
    // Wider tables collide less: the tail's over-count falls as the memory grows.
    expect(measured[0]!.lightMeanOver).toBeGreaterThan(measured[1]!.lightMeanOver)
    expect(measured[1]!.lightMeanOver).toBeGreaterThan(measured[2]!.lightMeanOver)
  })

  it('shows a count-min that answers with its largest counter instead of its smallest', () => {
    const createCountMin = (options: reference.CountMinOptions) => {
      const sketch = reference.createCountMin(options)
      const {width, depth} = sketch.dimensions()
      return {
        ...sketch,
        estimate(key: string) {
          const d = reference.digest(key)
          const [h1, h2] = [reference.readUint32(d, 8), reference.readUint32(d, 12)]
          const counters = sketch.counters()
          return Math.max(...Array.from({length: depth}, (_, i) => counters[i]![(h1 + i * h2) % width]!))
        },
      }
    }
    const input = {...smallCountMin, settings: [{epsilon: 0.01, delta: 0.01}]}
    const [broken] = sweepCountMin({createCountMin}, input).rows
    const [honest] = sweepCountMin(module, input).rows
    if (!broken || 'error' in broken || !honest || 'error' in honest) throw new Error('both sketches should have been measured')
    expect(broken.lightMeanOver).toBeGreaterThan(2 * honest.lightMeanOver)
  })

  it('keeps every quantile within α, and shows a sketch answering its buckets’ upper edges outside it', () => {
    const input = {sketch: 'quantiles', seed: 4, values: 20_000, accuracies: [0.05, 0.01], quantiles: [0.5, 0.99, 0.999]} as const
    const {exact, rows} = sweepQuantiles(module, input)
    expect(exact.map((e) => e.q)).toEqual([0.5, 0.99, 0.999])
    for (const row of rows) {
      if ('error' in row) throw new Error(row.error)
      for (const answer of row.answers) expect(Math.abs(answer.error)).toBeLessThanOrEqual(row.relativeAccuracy * (1 + 1e-9))
    }
    const createQuantileSketch = (options: reference.QuantileSketchOptions) => {
      const sketch = reference.createQuantileSketch(options)
      const gamma = (1 + options.relativeAccuracy) / (1 - options.relativeAccuracy)
      return {...sketch, add: sketch.add, quantile: (q: number) => (sketch.quantile(q) * (gamma + 1)) / 2}
    }
    const broken = sweepQuantiles({createQuantileSketch}, input).rows
    const outside = broken.flatMap((row) => ('answers' in row ? row.answers.filter((a) => Math.abs(a.error) > row.relativeAccuracy) : []))
    expect(outside.length).toBeGreaterThan(0)
  })

  it('turns a missing export, a throw and a non-number into sentences', () => {
    expect(() => measure({}, {sketch: 'hll', seed: 1, precisions: [6], runs: 1, distinct: 10})).toThrow(/does not export a function createHyperLogLog/)
    const throwing = sweepHyperLogLog({createHyperLogLog: () => {
      throw new RangeError('no')
    }}, {sketch: 'hll', seed: 1, precisions: [6], runs: 1, distinct: 10})
    expect(throwing[0]).toMatchObject({error: 'createHyperLogLog(6) threw: RangeError: no'})
    const nonsense = sweepHyperLogLog({createHyperLogLog: () => ({add() {}, count: () => 'many'})}, {sketch: 'hll', seed: 1, precisions: [6], runs: 1, distinct: 10})
    expect(nonsense[0]).toMatchObject({error: 'count() returned "many", not a finite number'})
  })

  it('keeps only finite measurements from the sandbox, and shows a failed sketch in one line', () => {
    const input = {sketch: 'hll', seed: 1, precisions: [6, 8], runs: 1, distinct: 10} as const
    const report = hllReport(input, {ok: true, output: {rows: [{rmsError: 0.1, worstError: -0.2}, {rmsError: 'x'}]}})
    if ('error' in report) throw new Error(report.error)
    expect(report.rows[0]).toMatchObject({precision: 6, bytes: 48, rmsError: 0.1, worstError: -0.2})
    expect(report.rows[1]).toMatchObject({precision: 8, error: 'run reported no rmsError'})
    expect(hllReport(input, {ok: true, output: 42})).toMatchObject({sketch: 'hll', error: expect.stringMatching(/shape/)})
    const blocks = aggregationView({source: 'mine', seed: 1, sketches: [{sketch: 'count-min', error: 'it ran for more than 30 s and was stopped'}]})
    expect(blocks).toContainEqual({kind: 'text', text: 'Count-min, your code: it ran for more than 30 s and was stopped'})
    // A setting that failed among others that did not: a dash in the table, the reason below it.
    const partly = aggregationView({source: 'mine', seed: 1, sketches: [report]})
    expect(partly.find((b) => b.kind === 'table')).toMatchObject({rows: [{cells: expect.arrayContaining(['10 %'])}, {cells: expect.arrayContaining(['—'])}]})
    expect(partly.at(-2)).toEqual({kind: 'text', text: 'your run reported no rmsError'})
  })
})

/** Every line within 80 columns, and at most 24 of them. */
function expectFitsTheTerminal(text: string): void {
  const lines = text.split('\n')
  expect(lines.length).toBeLessThanOrEqual(24)
  for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(80)
}

describe('course run aggregation', () => {
  const source = readFileSync(new URL('../../exercises/aggregation/reference/aggregation.ts', import.meta.url), 'utf8')

  it('measures the reference’s three sketches and fits an 80 × 24 terminal', async () => {
    const started = performance.now()
    const run = await runUnitLab('aggregation')
    // Generous for a busy machine: the reference's own work is about a second.
    expect(performance.now() - started).toBeLessThan(8_000)
    expect(run.result.source).toBe('reference')
    expect(run.result.sketches.map((s: {sketch: string}) => s.sketch)).toEqual(['hll', 'count-min', 'quantiles'])
    expect(JSON.stringify(run.result).length).toBeLessThan(200_000)
    for (const text of ['HyperLogLog', '1.04/√m', 'Count-min', 'ε·N', 'Quantile sketch', 'within α', '12 KiB', '106 KiB']) expect(run.text).toContain(text)
    expect(run.text).not.toMatch(/—|could not|threw/)
    expectFitsTheTerminal(run.text)
  })

  it('shows a learner’s wrong HyperLogLog with a far larger error', async () => {
    const wrong = source.replace('rank = Math.clz32(rest) + 1', 'rank = Math.clz32(rest)')
    expect(wrong).not.toBe(source)
    const mine = await runUnitLab('aggregation', {sketch: 'hll'}, {mine: {'aggregation.ts': wrong}})
    expect(mine.result.source).toBe('mine')
    const [hll] = mine.result.sketches
    for (const row of hll.rows) expect(row.rmsError).toBeGreaterThan(0.3)
    expect(mine.text).toContain('your sketches')
    expect(mine.text).toMatch(/\n6 +64 +48 B +13 % +[3-9]\d %/)
    expectFitsTheTerminal(mine.text)
  })

  it('says in one line what a throwing or unloadable submission did, without crashing', async () => {
    const starter = await runUnitLab('aggregation', {}, {mine: {}})
    expect(starter.text).toContain('your createHyperLogLog(6) threw: TODO: implement createHyperLogLog')
    expect(starter.text).toContain('your createCountMin(ε 0.01, δ 0.01) threw: TODO: implement createCountMin')
    expectFitsTheTerminal(starter.text)
    const unloadable = await runUnitLab('aggregation', {sketch: 'quantiles'}, {mine: {'aggregation.ts': `throw new Error('not today')\n${source}`}})
    expect(unloadable.text).toMatch(/Quantile sketch, your code: .*not today/)
  })
})
