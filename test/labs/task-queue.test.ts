import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import * as reference from '../../exercises/task-queue/reference/task-queue.js'
import {runDashboard} from '../../graders/task-queue/lab/dashboard.js'
import driver from '../../graders/task-queue/lab/driver.js'
import lab, {type TaskQueueRun} from '../../graders/task-queue/lab/index.js'
import type {DashboardInput, DashboardOutput} from '../../graders/task-queue/lab/report.js'
import {scenario, type ScenarioValues} from '../../graders/task-queue/lab/scenario.js'
import {Throttle} from '../../graders/task-queue/lab/throttle.js'
import {arrivals, attemptOf} from '../../graders/task-queue/lab/workload.js'
import {displayWidth} from '../../src/core/text/display-width.js'
import type {CodeOutcome} from '../../src/kit/lab.js'
import {formatLabView} from '../../src/ui/text/lab-view.js'
import {runUnitLab} from '../helpers/lab.js'

type Module = Record<string, unknown>
const module = reference as unknown as Module

const DEFAULTS: ScenarioValues = {seed: 1, workers: 29, failurePercent: 5, maxRetries: 3, windowS: 120, rateLimit: 55, burst: 100}
/** A shorter window keeps the many runs of this file quick; the shape of the day is the same. */
const quick = (changes: Partial<ScenarioValues> = {}): DashboardInput => scenario({...DEFAULTS, windowS: 60, ...changes})
const run = (m: Module, input: DashboardInput) => runDashboard(m, input)

/** The reference with one function replaced: what a learner's plausible mistake looks like to the lab. */
const withQueue = (wrap: (queue: ReturnType<typeof reference.createTaskQueue>) => object): Module => ({
  ...module,
  createTaskQueue: (options: Parameters<typeof reference.createTaskQueue>[0]) => wrap(reference.createTaskQueue(options)),
})

const todo = (name: string) => () => {
  throw new Error(`TODO: ${name}`)
}
const starter: Module = {backoffDelay: todo('backoffDelay'), createTokenBucket: todo('createTokenBucket'), createTaskQueue: todo('createTaskQueue')}

/** Runs the driver in this process, as the sandbox would. */
const inProcess =
  (m: Module) =>
  async (inputs: readonly unknown[]): Promise<CodeOutcome[]> =>
    inputs.map((input) => ({ok: true, output: JSON.parse(JSON.stringify(driver(m, input)))}))

const labValues = {seed: 1, workers: 29, 'failure-rate': 5, 'max-retries': 3, 'rate-limit': 55, burst: 100, duration: 120}

function expectFitsTheTerminal(text: string): void {
  const lines = text.split('\n')
  expect(lines.length).toBeLessThanOrEqual(24)
  for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(80)
}

function expectConserved(output: DashboardOutput): void {
  for (const kind of [...output.kinds, output.all]) expect(kind.submitted, kind.name).toBe(kind.done + kind.dead + kind.unfinished)
  expect(output.all.submitted).toBe(output.kinds.reduce((sum, k) => sum + k.submitted, 0))
}

describe('the shop’s traffic', () => {
  it('is the same for every queue: arrivals and each attempt’s outcome depend only on the seed', () => {
    const input = quick()
    const first = arrivals(input)
    expect(arrivals(input)).toEqual(first)
    const a = first[10]!
    expect(attemptOf(input, a, 2)).toEqual(attemptOf(input, a, 2))
    expect(arrivals(quick({seed: 2}))).not.toEqual(first)
  })

  it('arrives at about 40 a second, three times that during the bursts', () => {
    const input = scenario(DEFAULTS)
    const all = arrivals(input)
    const [burst] = input.bursts
    const inBurst = all.filter((a) => a.atMs >= burst!.fromMs && a.atMs < burst!.fromMs + burst!.lengthMs).length / (burst!.lengthMs / 1000)
    const calm = all.filter((a) => a.atMs < burst!.fromMs).length / (burst!.fromMs / 1000)
    expect(calm).toBeGreaterThan(34)
    expect(calm).toBeLessThan(46)
    expect(inBurst / calm).toBeGreaterThan(2.4)
    expect(inBurst / calm).toBeLessThan(3.6)
  })
})

describe('the dashboard, with the reference’s queue', () => {
  it('gives the same result for the same seed, and another for another seed', () => {
    const input = quick()
    const first = run(module, input)
    expect(run(module, input)).toEqual(first)
    expect(run(module, quick({seed: 2})).all).not.toEqual(first.all)
  })

  it('accounts for every task: submitted = done + dead, with nothing left over', () => {
    const output = run(module, scenario(DEFAULTS))
    expectConserved(output)
    expect(output.all.unfinished).toBe(0)
    expect(output.stoppedAtMs).toBeNull()
    expect(output.notes).toEqual([])
    expect(output.anomalies).toEqual({early: 0, idleWhileReady: 0, refusedToken: 0})
  })

  it('retries a doomed task exactly maxRetries times before dead-lettering it', () => {
    // No brief failures: only the tasks that fail every time fail, each on every attempt.
    for (const maxRetries of [0, 1, 3]) {
      const output = run(module, quick({failurePercent: 0, maxRetries}))
      expect(output.all.dead).toBeGreaterThan(0)
      expect(output.all.retries).toBe(output.all.dead * maxRetries)
    }
  })

  it('waits 1 s, 2 s and 4 s before the three retries, as the README’s table says', () => {
    expect(run(module, quick()).waitsMs).toEqual([1000, 2000, 4000])
  })

  it('lets payments start within their 1 s target while batch work waits far longer', () => {
    const output = run(module, scenario(DEFAULTS))
    const [payment, email, index, batch] = output.kinds
    expect(payment!.p99StartMs!).toBeLessThan(payment!.targetMs)
    expect(email!.p99StartMs!).toBeLessThan(email!.targetMs)
    expect(index!.p99StartMs!).toBeLessThan(index!.targetMs)
    expect(batch!.p99StartMs!).toBeGreaterThan(5 * payment!.p99StartMs!)
  })

  it('holds starts back with the bucket during the bursts, and not at all with a generous one', () => {
    const limited = run(module, scenario(DEFAULTS))
    expect(limited.bucket.heldTasks).toBeGreaterThan(100)
    expect(limited.bucket.throttledMs).toBeGreaterThan(5000)
    expect(limited.bucket.longestHoldMs).toBeLessThanOrEqual(limited.bucket.throttledMs)
    // The bucket never holds more than its capacity, and runs dry during the first burst.
    expect(Math.max(...limited.series.tokens)).toBeLessThanOrEqual(100)
    expect(Math.min(...limited.series.tokens)).toBeLessThan(1)
    const generous = run(module, scenario({...DEFAULTS, rateLimit: 100_000}))
    expect(generous.bucket).toEqual({heldTasks: 0, throttledMs: 0, longestHoldMs: 0})
    expect(generous.all.p99StartMs!).toBeLessThan(limited.all.p99StartMs!)
  })

  it('keeps in flight within the pool, and shows the backlog of the bursts draining', () => {
    const output = run(module, scenario(DEFAULTS))
    expect(Math.max(...output.series.inFlight)).toBe(29)
    const waiting = output.series.waiting
    expect(Math.max(...waiting)).toBeGreaterThan(100)
    expect(waiting.at(-1)!).toBeLessThan(Math.max(...waiting) / 4)
    expect(output.series.deadLetters.at(-1)).toBeLessThanOrEqual(output.all.dead)
  })
})

describe('a learner’s functions in the dashboard', () => {
  it('puts the course’s stand-ins in place of functions that throw, and they behave as the reference', () => {
    const input = quick()
    const output = run(starter, input)
    expect(output.used).toEqual({queue: 'course', bucket: 'course', backoff: 'course'})
    expect(output.notes.map((n) => [n.call, n.outcome, n.problem])).toEqual([
      ['backoffDelay', 'replaced', 'threw “TODO: backoffDelay”'],
      ['createTokenBucket', 'replaced', 'threw “TODO: createTokenBucket”'],
      ['createTaskQueue', 'replaced', 'threw “TODO: createTaskQueue”'],
    ])
    const own = run(module, input)
    expect({...output, used: own.used, notes: own.notes}).toEqual(own)
  })

  it('uses a learner’s backoff and bucket even before their queue works', () => {
    const output = run({...module, createTaskQueue: todo('createTaskQueue')}, quick())
    expect(output.used).toEqual({queue: 'course', bucket: 'module', backoff: 'module'})
  })

  it('shows a queue that ignores priorities: payments wait behind everything else', () => {
    // Strict first-in-first-out: every task submitted as priority 5.
    const fifo = withQueue((q) => ({...q, submit: (task: {id: string; priority: number}, now: number) => q.submit({...task, priority: 5}, now)}))
    const right = run(module, scenario(DEFAULTS)).kinds[0]!
    const wrong = run(fifo, scenario(DEFAULTS)).kinds[0]!
    expect(wrong.p99StartMs!).toBeGreaterThan(2 * right.p99StartMs!)
    expect(wrong.p99StartMs!).toBeGreaterThan(right.targetMs)
  })

  it('stops at a call that throws mid-run and says when', () => {
    const broken = withQueue((q) => ({
      ...q,
      next: (now: number) => {
        if (now > 20_000) throw new Error('next broke')
        return q.next(now)
      },
    }))
    const output = run(broken, quick())
    expect(output.stoppedAtMs).toBeGreaterThan(20_000)
    expect(output.notes).toEqual([{call: 'next', problem: 'threw “next broke”', outcome: 'stopped', atMs: output.stoppedAtMs}])
    // The gauges end at the stop instead of carrying the last level on to the end of the window.
    expect(output.series.waiting.length).toBe(Math.floor(output.stoppedAtMs! / output.stepMs))
    expectConserved(output)
    expect(output.all.unfinished).toBeGreaterThan(0)
  })

  it('stops when the queue hands out a task it was never given', () => {
    const output = run(
      withQueue((q) => ({...q, next: () => 'ghost'})),
      quick(),
    )
    expect(output.notes[0]).toMatchObject({call: 'next', problem: 'handed out ghost, which was not waiting', outcome: 'stopped'})
  })

  it('counts a queue that hands out retries before their time', () => {
    // inspect reports a ready time far ahead, but next ignores it: the two answers disagree.
    const output = run(
      withQueue((q) => ({...q, inspect: (id: string) => ({...q.inspect(id), readyAt: 10_000_000})})),
      quick(),
    )
    expect(output.anomalies.early).toBeGreaterThan(0)
  })
})

describe('the throttle’s spans', () => {
  it('measures how long a task was held back, merging spans that meet', () => {
    // Asked as the dashboard asks: when the task starts, so every closed span lies in the past.
    const t = new Throttle()
    t.begin(100)
    t.end(200)
    t.begin(200) // a task started at 200 and the next waits again: one span
    t.end(300)
    expect(t.heldFor(150, 300)).toBe(150)
    t.begin(500)
    expect(t.heldFor(150, 550)).toBe(150 + 50)
    t.end(600)
    expect(t.heldFor(300, 700)).toBe(100)
    expect(t.heldFor(0, 700)).toBe(300)
    expect(t.heldFor(650, 700)).toBe(0)
    expect(t.total(1000)).toBe(300)
    t.begin(800)
    expect(t.heldFor(700, 900)).toBe(100)
    expect(t.total(900)).toBe(400)
  })
})

describe('the lab’s view', () => {
  it('fits the terminal, with the default run and with a starter that throws everywhere', async () => {
    for (const m of [module, starter]) {
      const result = await lab.run(labValues, {source: m === module ? 'reference' : 'mine', quantity: () => undefined, runCode: inProcess(m)})
      expectFitsTheTerminal(formatLabView(lab.view(result), {color: false, width: 80}))
    }
  })

  it('says why there is nothing to show when the run itself failed', () => {
    const failed: TaskQueueRun = {
      source: 'mine',
      seed: 1,
      workers: 29,
      window_s: 120,
      rate_per_s: 40,
      burst_factor: 3,
      bursts_s: [[20, 25]],
      failure_percent: 5,
      poison_per_mille: 2,
      max_retries: 3,
      backoff: {base_ms: 1000, factor: 2, max_ms: 300_000, jitter: 0.2},
      bucket: {capacity: 100, refill_per_s: 55},
      dashboard: null,
      error: 'it ran for more than 30 s and was stopped',
    }
    expect(formatLabView(lab.view(failed), {color: false, width: 80})).toContain('The run did not finish: it ran for more than 30 s')
  })
})

const referenceSource = readFileSync(new URL('../../exercises/task-queue/reference/task-queue.ts', import.meta.url), 'utf8')

function patched(from: string, to: string): string {
  expect(referenceSource).toContain(from)
  return referenceSource.replace(from, to)
}

describe('course run task-queue', () => {
  it('runs the reference in the sandbox and fits an 80 × 24 terminal', async () => {
    const started = performance.now()
    const lab = await runUnitLab('task-queue')
    expect(performance.now() - started).toBeLessThan(10_000)
    expect(lab.result.source).toBe('reference')
    expect(lab.result.dashboard.all.submitted).toBe(lab.result.dashboard.all.done + lab.result.dashboard.all.dead)
    expect(lab.text).toContain('Task queue (reference): 29 workers')
    expect(lab.text).toContain('Backoff 1 s, 2 s, 4 s')
    expectFitsTheTerminal(lab.text)
  })

  it('shows a learner’s backoff that never grows', async () => {
    const flat = patched('backoff.baseMs * backoff.factor ** (retry - 1)', 'backoff.baseMs')
    const lab = await runUnitLab('task-queue', {}, {mine: {'task-queue.ts': flat}})
    expect(lab.result.source).toBe('mine')
    expect(lab.text).toContain('Task queue (your code)')
    expect(lab.text).toContain('Backoff 1 s, 1 s, 1 s')
    expectFitsTheTerminal(lab.text)
  })

  it('gives the untouched starter a clear line per function, not a crash', async () => {
    const lab = await runUnitLab('task-queue', {}, {mine: {}})
    expect(lab.text).toContain('Stand-in queue: your createTaskQueue threw “TODO')
    expect(lab.text).toContain('Stand-in token bucket: your createTokenBucket threw “TODO')
    expectFitsTheTerminal(lab.text)
  })

  it('stops where a learner’s queue throws, and says so', async () => {
    const breaks = patched('    next(now) {\n      tick(now)', "    next(now) {\n      if (now > 30000) throw new Error('next broke')\n      tick(now)")
    const lab = await runUnitLab('task-queue', {}, {mine: {'task-queue.ts': breaks}})
    expect(lab.text).toMatch(/Stopped at 30(\.\d+)? s: your next threw “next broke”\./)
    expectFitsTheTerminal(lab.text)
  })
})
