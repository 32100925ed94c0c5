import {describe, expect, it} from 'vitest'
import {randomFromSeed} from '../../src/core/random.js'
import {blockBounds, checkedDeques, lowerBound, machineErrorInWords, noStealing, ringDeque, runMachine, stealHalfFromFullest, type Deque} from '../../graders/work-stealer/machine.js'
import {generateWorkload} from '../../src/core/sim/workloads.js'

const ascendingPareto = generateWorkload({tasks: 4000, distribution: 'pareto', order: 'asc', seed: 5})

describe('the simulated work-stealing machine', () => {
  it('deals blocks that differ by at most one task and cover the list', () => {
    for (const [n, p] of [[10, 3], [7, 7], [3, 5], [1000, 8]] as const) {
      const blocks = Array.from({length: p}, (_, w) => blockBounds(n, p, w))
      expect(blocks[0]![0]).toBe(0)
      expect(blocks.at(-1)![1]).toBe(n)
      blocks.slice(1).forEach(([from], w) => expect(from).toBe(blocks[w]![1]))
      const sizes = blocks.map(([a, b]) => b - a)
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
    }
  })

  it('without stealing runs static blocks: the makespan is the heaviest block', () => {
    const run = runMachine({costs: ascendingPareto, workers: 4, seed: 1}, ringDeque, noStealing)
    const heaviest = Math.max(...[0, 1, 2, 3].map((w) => {
      const [from, to] = blockBounds(ascendingPareto.length, 4, w)
      return ascendingPareto.slice(from, to).reduce((a, b) => a + b, 0)
    }))
    expect(run.makespan).toBeCloseTo(heaviest, 6)
    expect(run.steals).toBe(0)
  })

  it('with half-of-the-fullest stealing runs every task once and nears the bound', () => {
    const run = runMachine({costs: ascendingPareto, workers: 8, seed: 1}, ringDeque, stealHalfFromFullest)
    expect(run.error).toBeUndefined()
    expect(run.worker.every((w) => w >= 0 && w < 8)).toBe(true)
    const bound = lowerBound(ascendingPareto, 8)
    expect(run.makespan / bound).toBeLessThan(1.1)
    const stat = runMachine({costs: ascendingPareto, workers: 8, seed: 1}, ringDeque, noStealing)
    expect(stat.makespan / run.makespan).toBeGreaterThan(2)
  })

  it('gives the same schedule for the same seed', () => {
    const costs = generateWorkload({tasks: 800, distribution: 'lognormal', order: 'random', seed: 9})
    const randomVictim = {
      chooseVictim: ({thief, sizes, random}: {thief: number; sizes: readonly number[]; random: () => number}) => {
        const v = Math.floor(random() * (sizes.length - 1))
        return v >= thief ? v + 1 : v
      },
      stealAmount: (n: number) => Math.ceil(n / 2),
    }
    const a = runMachine({costs, workers: 6, seed: 3}, ringDeque, randomVictim)
    const b = runMachine({costs, workers: 6, seed: 3}, ringDeque, randomVictim)
    expect(a).toEqual(b)
    expect(runMachine({costs, workers: 6, seed: 4}, ringDeque, randomVictim).worker).not.toEqual(a.worker)
  })

  it('draws nothing from the seeded stream itself: the policy gets the stream from its start', () => {
    // The grader replays a learner's logged decisions without running the policy, so without its
    // draws; that is exact only because the machine never draws between them. A varying number of
    // draws per consultation, some in stealAmount, would shift if the machine drew any of its own.
    const costs = generateWorkload({tasks: 1200, distribution: 'pareto', order: 'asc', seed: 2})
    const drawn: number[] = []
    let random: () => number = () => 0
    const drawing = {
      chooseVictim(context: {thief: number; sizes: readonly number[]; random: () => number}) {
        random = context.random
        const draws = 1 + (drawn.length % 3)
        for (let i = 0; i < draws; i++) drawn.push(context.random())
        return stealHalfFromFullest.chooseVictim(context as Parameters<typeof stealHalfFromFullest.chooseVictim>[0])
      },
      stealAmount(size: number) {
        drawn.push(random())
        return Math.ceil(size / 2)
      },
    }
    const run = runMachine({costs, workers: 6, seed: 11}, ringDeque, drawing)
    expect(run.error).toBeUndefined()
    expect(run.steals).toBeGreaterThan(3)
    const stream = randomFromSeed(11)
    expect(drawn).toEqual(drawn.map(() => stream()))
  })

  it('catches a deque that loses or duplicates tasks, and a policy that breaks the rules', () => {
    const costs = generateWorkload({tasks: 200, distribution: 'uniform', order: 'random', seed: 1})
    const leaky = (): Deque => {
      const inner = ringDeque()
      return {...inner, stealTop: (k) => inner.stealTop(k).slice(1)}
    }
    const lost = runMachine({costs, workers: 4, seed: 1}, leaky, stealHalfFromFullest)
    expect(lost.error).toMatch(/stealTop\(\d+\) returned 0 tasks|popBottom returned nothing/)
    // Hands thieves copies: the victim later pops a task the machine already moved.
    const copying = (): Deque => {
      const inner = ringDeque()
      return {
        ...inner,
        stealTop: (k) => {
          const taken = inner.stealTop(k)
          for (const task of [...taken].reverse()) inner.pushBottom(task)
          return taken
        },
      }
    }
    expect(runMachine({costs, workers: 4, seed: 1}, copying, stealHalfFromFullest).error).toMatch(/does not hold/)
    const selfish = {chooseVictim: ({thief}: {thief: number}) => thief, stealAmount: () => 1}
    expect(runMachine({costs, workers: 4, seed: 1}, ringDeque, selfish).error).toMatch(/chooseVictim returned/)
    const greedy = {chooseVictim: stealHalfFromFullest.chooseVictim, stealAmount: (n: number) => n + 1}
    expect(runMachine({costs, workers: 4, seed: 1}, ringDeque, greedy).error).toMatch(/stealAmount/)
  })

  it('words every broken rule for a hidden case without echoing the run\'s message', () => {
    const costs = generateWorkload({tasks: 200, distribution: 'uniform', order: 'random', seed: 1})
    const leaky = (): Deque => {
      const inner = ringDeque()
      return {...inner, stealTop: (k) => inner.stealTop(k).slice(1)}
    }
    const backwards = (): Deque => {
      const inner = ringDeque()
      return {...inner, stealTop: (k) => inner.stealTop(k).reverse()}
    }
    const selfish = {chooseVictim: ({thief}: {thief: number}) => thief, stealAmount: () => 1}
    const greedy = {chooseVictim: stealHalfFromFullest.chooseVictim, stealAmount: (n: number) => n + 1}
    const errors = [
      runMachine({costs, workers: 4, seed: 1}, leaky, stealHalfFromFullest).error,
      runMachine({costs, workers: 4, seed: 1}, checkedDeques(backwards), stealHalfFromFullest).error,
      runMachine({costs, workers: 4, seed: 1}, ringDeque, selfish).error,
      runMachine({costs, workers: 4, seed: 1}, ringDeque, greedy).error,
      '12 tasks never ran (the run did not settle)',
      'task 7 would run twice',
    ]
    for (const error of errors) {
      expect(error).toBeTypeOf('string')
      const words = machineErrorInWords(error!)
      expect(words, error).not.toBe('the machine stopped early')
      expect(words).not.toMatch(/\d/)
    }
    // A learner's process can send any text as a run's error; none of it comes back.
    expect(machineErrorInWords('chooseVictim returned SECRET; expected another worker\'s index or undefined')).not.toMatch(/SECRET/)
    expect(machineErrorInWords('costs were 3,1,4,1,5')).toBe('the machine stopped early')
    expect(machineErrorInWords('the policy or the deque threw: costs 3,1,4')).toBe('the policy or the deque threw an error')
  })
})
