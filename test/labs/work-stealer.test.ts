import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import * as reference from '../../exercises/work-stealer/reference/work-stealer.js'
import {lowerBound, noStealing, ringDeque, runMachine, stealHalfFromFullest, type Deque, type StealContext} from '../../graders/work-stealer/machine.js'
import simulate, {simulateModule, type SimulatedInput} from '../../graders/work-stealer/lab/driver.js'
import {ganttOf, shownWorkers, simulatedTime, threadTime} from '../../graders/work-stealer/lab/gantt.js'
import lab, {type WorkStealerRun} from '../../graders/work-stealer/lab/index.js'
import {summariseRun} from '../../graders/work-stealer/lab/schedule.js'
import {runSimulated, type SimulatedStrategyResult} from '../../graders/work-stealer/lab/simulated.js'
import {generateWorkload} from '../../src/kit/driver.js'
import type {CodeOutcome, LabBlock} from '../../src/kit/lab.js'
import {displayWidth} from '../../src/core/text/display-width.js'
import {formatLabView} from '../../src/ui/text/lab-view.js'
import {runUnitLab} from '../helpers/lab.js'

type Module = Record<string, unknown>
const module = reference as unknown as Module

/** The unit's worked example: twelve tasks on three workers, lower bound 12. */
const EXAMPLE = [1, 1, 1, 1, 2, 2, 3, 3, 4, 5, 6, 7]
const sortedPareto: SimulatedInput = {tasks: 2_000, distribution: 'pareto', order: 'asc', seed: 4, workers: 8, stealCost: 0.01}
/** The list the driver draws: the kit's workload generator, seeded the same way. */
const costsOf = (input: SimulatedInput) => generateWorkload(input)

/** Runs the driver in this process, as the sandbox would, for tests that need no child. */
const inProcess =
  (m: Module) =>
  async (inputs: readonly unknown[]): Promise<CodeOutcome[]> =>
    inputs.map((input) => ({ok: true, output: simulate(m, input)}))

function expectFitsTheTerminal(text: string): void {
  const lines = text.split('\n')
  expect(lines.length).toBeLessThanOrEqual(24)
  for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(80)
}

const gantt = (blocks: LabBlock[]) => blocks.find((b): b is Extract<LabBlock, {kind: 'gantt'}> => b.kind === 'gantt')

describe('a simulated run, summarised for the chart', () => {
  it('replays the worked example: makespan 13, every unit of work on some lane', () => {
    const run = runMachine({costs: EXAMPLE, workers: 3, seed: 1, stealCost: 0}, ringDeque, stealHalfFromFullest)
    const summary = summariseRun(run, EXAMPLE, 3)
    expect(summary.makespan).toBe(13)
    expect(summary.steals).toBe(1)
    // w0 runs its block until 4, steals t8 and t9 and runs on to 13 without a gap.
    expect(summary.lanes).toEqual([
      {busy: 13, spans: [[0, 13]]},
      {busy: 10, spans: [[0, 10]]},
      {busy: 13, spans: [[0, 13]]},
    ])
  })

  it('keeps a gap where a worker really waited', () => {
    // Two workers, one task each, the second four times longer: w0 finishes at 1 and has nothing to take.
    const summary = summariseRun(runMachine({costs: [1, 4], workers: 2, seed: 1}, ringDeque, noStealing), [1, 4], 2)
    expect(summary.lanes.map((lane) => lane.spans)).toEqual([[[0, 1]], [[0, 4]]])
    expect(simulatedTime(0, summary.lanes[0]!).finish).toBe(1)
  })

  it('redraws a lane cut by many waits in at most 40 spans, keeping every unit of work', () => {
    // Tiny tasks, and a thief that robs one task at a time after five failures in a row: the
    // worker that runs dry waits between nearly every task it runs.
    const hesitant = {
      chooseVictim: (context: StealContext) => (context.failedAttempts < 5 ? undefined : stealHalfFromFullest.chooseVictim(context)),
      stealAmount: () => 1,
    }
    const costs = costsOf({...sortedPareto, workers: 2}).map((cost) => cost * 0.01)
    const run = runMachine({costs, workers: 2, seed: 1}, ringDeque, hesitant)
    // Every steal here follows five failed attempts: a wait far wider than a cell of the chart.
    expect(run.steals).toBeGreaterThan(40)
    const summary = summariseRun(run, costs, 2)
    for (const lane of summary.lanes) expect(lane.spans.length).toBeLessThanOrEqual(40)
    expect(summary.lanes.reduce((sum, lane) => sum + lane.busy, 0)).toBeCloseTo(costs.reduce((a, b) => a + b, 0), 3)
    // The thief's lane still shows it idle for most of the run, not one solid bar.
    const [thief] = summary.lanes
    const drawn = thief!.spans.reduce((sum, [start, end]) => sum + end - start, 0)
    expect(drawn).toBeLessThan(0.5 * summary.makespan)
    expect(Math.abs(drawn - thief!.busy)).toBeLessThan(0.25 * thief!.busy)
  })
})

describe('the lab driver, run on the reference', () => {
  it('matches the course’s own stealer on the same machine, and gives the same run twice', () => {
    const mine = simulateModule(module, sortedPareto)
    expect(mine).toEqual(simulateModule(module, sortedPareto))
    if ('error' in mine) throw new Error(mine.error)
    const course = runMachine({costs: costsOf(sortedPareto), workers: 8, seed: 4}, ringDeque, stealHalfFromFullest)
    expect(mine.makespan).toBe(course.makespan)
    expect(mine.steals).toBe(course.steals)
    expect(mine.lanes.reduce((sum, lane) => sum + lane.busy, 0)).toBeCloseTo(costsOf(sortedPareto).reduce((a, b) => a + b, 0), 1)
  })

  it('shows a policy that never steals as slow as static blocks, far from the bound', () => {
    const lazy = simulateModule({...module, stealPolicy: noStealing}, sortedPareto)
    const honest = simulateModule(module, sortedPareto)
    if ('error' in lazy || 'error' in honest) throw new Error('both runs should finish')
    const bound = lowerBound(costsOf(sortedPareto), 8)
    expect(lazy.makespan / bound).toBeGreaterThan(2.5)
    expect(honest.makespan / bound).toBeLessThan(1.1)
  })

  it('stops a deque that hands out the wrong task, and names what each failure was', () => {
    const fifo = (): Deque => {
      const deque = ringDeque()
      // Pops the oldest task: a queue, not a stack.
      return {...deque, popBottom: () => deque.stealTop(1)[0]}
    }
    expect(simulateModule({...module, createDeque: fifo}, sortedPareto)).toMatchObject({error: expect.stringMatching(/^stopped: popBottom returned task \d+, but the newest task its deque holds is task \d+$/)})
    const throwing = () => {
      throw new Error('TODO: createDeque')
    }
    expect(simulateModule({...module, createDeque: throwing}, sortedPareto)).toEqual({error: 'threw: TODO: createDeque'})
    expect(simulateModule({stealPolicy: reference.stealPolicy}, sortedPareto)).toEqual({error: 'is missing: the module does not export createDeque'})
  })
})

describe('the --mine result and view', () => {
  it('sets the learner’s run between static blocks and the course’s stealer, in simulated milliseconds', async () => {
    const run = await runSimulated(sortedPareto, 0.5, inProcess(module))
    expect(run.simulated.map((s) => s.strategy)).toEqual(['static', 'yours', 'course'])
    const [stat, yours, course] = run.simulated as SimulatedStrategyResult[]
    expect(yours!.makespan_ms).toBe(course!.makespan_ms)
    expect(stat!.ratio).toBeGreaterThan(2.5)
    expect(run.lower_bound_ms).toBeCloseTo(0.5 * lowerBound(costsOf(sortedPareto), 8), 0)
    expect(yours!.makespan_ms / run.lower_bound_ms).toBeCloseTo(yours!.ratio, 2)
    expect(yours!.workers).toHaveLength(8)
    expect(JSON.stringify(run).length).toBeLessThan(200_000)
    const text = formatLabView(lab.view(run), {color: false, width: 80})
    expectFitsTheTerminal(text)
    expect(text).toMatch(/your work stealer +[\d,.]+ ms/)
  })

  it('turns a failed or garbled learner run into a sentence, and still shows the course’s runs', async () => {
    const failed = await runSimulated({...sortedPareto, workers: 2}, 0.5, async () => [{ok: false, error: 'it ran for more than 30 s and was stopped'}])
    expect(failed.simulated[1]).toEqual({strategy: 'yours', error: 'could not run: it ran for more than 30 s and was stopped'})
    const text = formatLabView(lab.view(failed), {color: false, width: 80})
    expect(text).toContain('Your work stealer could not run: it ran for more than 30 s and was stopped')
    expect(gantt(lab.view(failed))!.lanes.map((l) => l.label)).toEqual(['static w0', 'static w1', 'course w0', 'course w1'])
    const garbled = await runSimulated({...sortedPareto, workers: 2}, 0.5, async () => [{ok: true, output: {makespan: 1, steals: 0, failedSteals: 0, lanes: 'none'}}])
    expect(garbled.simulated[1]).toMatchObject({error: 'came back in a shape the lab cannot read'})
  })
})

describe('the chart of real threads', () => {
  const run: WorkStealerRun = {
    workers: 2,
    tasks: 60,
    distribution: 'uniform',
    order: 'random',
    grain_ms: 0.05,
    seed: 3,
    total_work_ms: 3,
    longest_task_ms: 0.07,
    strategies: [
      {strategy: 'static', makespan: 2, lowerBound: 1.5, ratio: 2 / 1.5, steals: 0, idle: 0.5, overheadPerTask: 1, workers: [{finish: 2, busy: 1.9}, {finish: 1.5, busy: 1.1}]},
      {strategy: 'shared-queue', makespan: 1.6, lowerBound: 1.5, ratio: 1.6 / 1.5, steals: 0, idle: 0.1, overheadPerTask: 1, workers: [{finish: 1.6, busy: 1.5}, {finish: 1.5, busy: 1.5}]},
      {strategy: 'work-stealing', makespan: 1.55, lowerBound: 1.5, ratio: 1.55 / 1.5, steals: 2, idle: 0.05, overheadPerTask: 2, workers: [{finish: 1.55, busy: 1.5}, {finish: 1.5, busy: 1.5}]},
    ],
    speedup_over_static: 2 / 1.55,
  }

  it('gives each (strategy, worker) a lane: busy first, then the rest, then idle until the slowest', () => {
    const chart = gantt(lab.view(run))!
    expect(chart.end).toBe(2)
    expect(chart.lanes.map((l) => l.label)).toEqual(['static w0', 'static w1', 'queue w0', 'queue w1', 'stealing w0', 'stealing w1'])
    expect(chart.lanes[1]!.spans.map((s) => [s.start, s.end, s.tone])).toEqual([
      [0, 1.1, 'good'],
      [1.1, 1.5, 'warn'],
      [1.5, 2, 'dim'],
    ])
    // A worker that finished last has no idle tail.
    expect(chart.lanes[0]!.spans.at(-1)).toMatchObject({end: 2, tone: 'warn'})
    const text = formatLabView(lab.view(run), {color: false, width: 80})
    for (const words of ['static blocks', 'shared queue', 'work stealing', '× bound', 'lower bound', 'better than static blocks']) expect(text).toContain(words)
    expectFitsTheTerminal(text)
  })

  it('shows only the first and the last worker to finish when there are many', () => {
    const workers = [5, 9, 2, 7].map((finish, index) => threadTime(index, {finish, busy: finish - 1}))
    expect(shownWorkers(workers).map((w) => w.index)).toEqual([2, 1])
    const chart = ganttOf([{name: 'static', makespan: 9, workers}], {workers: 4, unit: 'ms', what: 'busy time drawn first', legend: []})
    expect(chart.lanes.map((l) => l.label)).toEqual(['static w2', 'static w1'])
    expect(chart.title).toContain('first and last to finish of 4')
  })
})

describe('course run work-stealer', () => {
  const source = readFileSync(new URL('../../exercises/work-stealer/reference/work-stealer.ts', import.meta.url), 'utf8')
  const flags = {workers: '2', tasks: '60', grain: '0.05 ms', seed: '3'}

  it('races the strategies on real threads and draws each worker, within 80 × 24', async () => {
    const run = await runUnitLab('work-stealer', flags)
    expect(run.result).toMatchObject({workers: 2, tasks: 60, distribution: 'pareto', order: 'asc', seed: 3})
    expect(run.result.strategies.map((s: {strategy: string}) => s.strategy)).toEqual(['static', 'shared-queue', 'work-stealing'])
    expect(gantt(run.blocks)!.lanes).toHaveLength(6)
    expect(run.text).toContain("Each worker's time (ms)")
    expectFitsTheTerminal(run.text)
  })

  it('runs a learner’s stealer on the simulated machine, and shows one that never steals', async () => {
    const mine = await runUnitLab('work-stealer', flags, {mine: {'work-stealer.ts': source}})
    const ratios = mine.result.simulated.map((s: {ratio: number}) => s.ratio)
    expect(ratios[1]).toBe(ratios[2])
    expectFitsTheTerminal(mine.text)
    const lazy = source.replace('chooseVictim({thief, sizes}) {', 'chooseVictim({thief, sizes}) {\n    if (thief >= 0) return undefined')
    expect(lazy).not.toBe(source)
    const wrong = await runUnitLab('work-stealer', flags, {mine: {'work-stealer.ts': lazy}})
    const [stat, yours] = wrong.result.simulated
    expect(yours.ratio).toBe(stat.ratio)
    expect(yours.ratio).toBeGreaterThan(ratios[1] * 1.2)
    // The table says it too: the learner's row reads like static blocks', not like the course's.
    const row = (name: string) => wrong.text.split('\n').find((line) => line.startsWith(name))?.split(/ {2,}/)
    expect(row('your work stealer')?.slice(1, 4)).toEqual(row('static blocks')?.slice(1, 4))
    expect(row('your work stealer')?.[3]).not.toBe(row("the course's stealer")?.[3])
  })

  it('says in one line what a throwing submission did', async () => {
    const starter = await runUnitLab('work-stealer', flags, {mine: {}})
    expect(starter.text).toContain('Your work stealer threw: TODO: createDeque')
    expectFitsTheTerminal(starter.text)
  })
})
