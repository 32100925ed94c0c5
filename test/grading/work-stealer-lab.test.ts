import {describe, expect, it} from 'vitest'
import {runStrategies} from '../../graders/work-stealer/lab/threads.js'

/**
 * Real worker threads, busy loops of known length. Timing on a shared machine is noisy, so these
 * tests check what must hold on any machine (every task counted, the bound never beaten, fields
 * consistent); the figures themselves belong to the benchmark.
 */
describe('the worker_threads runner', () => {
  it('runs every strategy over the same tasks and never beats the lower bound', async () => {
    const durations = Array.from({length: 60}, (_, i) => 0.2 + (i % 10) * 0.1)
    const progress: number[] = []
    const results = await runStrategies({durations, workers: 2, onProgress: (_s, finished) => progress.push(finished)})
    expect(results.map((r) => r.strategy)).toEqual(['static', 'shared-queue', 'work-stealing'])
    for (const r of results) {
      const busy = r.workers.reduce((sum, w) => sum + w.busy, 0)
      // Every task was run: the busy time covers at least the requested durations.
      expect(busy).toBeGreaterThanOrEqual(durations.reduce((a, b) => a + b, 0) * 0.98)
      expect(r.ratio).toBeGreaterThanOrEqual(0.999)
      expect(r.makespan).toBeCloseTo(Math.max(...r.workers.map((w) => w.finish)), 9)
      expect(r.idle).toBeGreaterThanOrEqual(0)
      expect(r.overheadPerTask).toBeGreaterThanOrEqual(0)
    }
    expect(results.find((r) => r.strategy === 'static')!.steals).toBe(0)
    expect(progress.at(-1)).toBe(durations.length)
  })

  it('has a thief take work when one block holds all of it', async () => {
    // Sorted ascending over 2 workers: the second block holds almost all the work.
    const durations = Array.from({length: 40}, (_, i) => (i < 20 ? 0.05 : 2))
    const [stat, stealing] = await runStrategies({durations, workers: 2, strategies: ['static', 'work-stealing']})
    expect(stealing!.steals).toBeGreaterThan(0)
    // Static gives one worker 40 ms of the 41 ms: ≈ 1.95 × the bound. Stealing must do clearly better.
    expect(stat!.ratio).toBeGreaterThan(1.6)
    expect(stealing!.ratio).toBeLessThan(stat!.ratio)
  })
})
