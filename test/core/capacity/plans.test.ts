import {describe, expect, it} from 'vitest'
import {runPlan} from '../../../src/core/capacity/plans/run.js'
import {loadCourse} from '../../../src/core/catalog/load.js'
import {exercisesDir} from '../../../src/core/catalog/paths.js'
import {loadPlan} from '../../../src/core/catalog/plan.js'

const course = loadCourse(exercisesDir())
const planOf = (unit: string) => loadPlan(course, unit)
const row = (result: ReturnType<typeof runPlan>, name: string) => result.rows.find((r) => r.name === name)!.values.map((v) => v.value)

describe('resource plans', () => {
  it('shows the common table and the corrected video plan side by side, parting at Little\'s law', () => {
    const result = runPlan(planOf('video-pipeline'))
    expect(result.parts_at).toBe('jobs')
    const [commonRate, rate] = row(result, 'rate')
    expect(commonRate).toBeCloseTo(416.7, 1)
    expect(rate).toBeCloseTo(416.7, 1)
    expect(row(result, 'jobs')[0]).toBeCloseTo(208.3, 1)
    expect(row(result, 'jobs')[1]).toBeCloseTo(138.9, 1)
    expect(row(result, 'cores')[1]).toBeCloseTo(666.7, 1)
    expect(row(result, 'instances')).toEqual([63, 42])
    expect(row(result, 'cost')[0]).toBeCloseTo(31273.2, 1)
    expect(row(result, 'cost')[1]).toBeCloseTo(20848.8, 1)
  })

  it('recomputes every step when an input changes', () => {
    const result = runPlan(planOf('video-pipeline'), {peak_factor: '2'})
    expect(row(result, 'instances')).toEqual([125, 84])
  })

  it('sizes the crawler: 11.57 pages/s, 20 workers at 58 %, a 171.4 MiB Bloom filter', () => {
    const result = runPlan(planOf('web-crawler'))
    expect(row(result, 'rate')[1]).toBeCloseTo(11.57, 2)
    expect(row(result, 'workers')).toEqual([12, 20])
    expect(row(result, 'busy')[0]).toBeCloseTo(0.96, 2)
    expect(row(result, 'busy')[1]).toBeCloseTo(0.58, 2)
    expect(row(result, 'bloom_bits')[1]).toBeCloseTo(1_437_758_757, -1)
    expect(row(result, 'bloom_memory')[1]).toBeCloseTo(171.4, 1)
    expect(row(result, 'bloom_hashes')[1]).toBeCloseTo(9.97, 2)
  })

  it('names unknown inputs and bad values by the input, not by a flag', () => {
    expect(() => runPlan(planOf('video-pipeline'), {proccessing_time: '20 min'})).toThrow(/did you mean `processing_time`/)
    expect(() => runPlan(planOf('video-pipeline'), {processing_time: 'banana'})).toThrow('processing time per video: `banana` does not start with a number')
    expect(() => runPlan(planOf('video-pipeline'), {processing_time: '5 USD'})).toThrow(/^processing time per video: `5 USD` is not a duration$/)
    expect(() => planOf('video')).toThrow(/did you mean `video-pipeline`/)
  })
})
