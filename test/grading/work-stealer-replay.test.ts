import {describe, expect, it} from 'vitest'
import * as reference from '../../exercises/work-stealer/reference/work-stealer.js'
import {ASKED_FIELDS, NO_VICTIM, readLog, replayDecisions, type DecisionLog, type Run} from '../../graders/work-stealer/decisions.js'
import {gradersDir} from '../../src/core/catalog/paths.js'
import {judge, prepareCases, type PreparedCase} from '../../src/core/grading/cases.js'
import type {Verdict} from '../../src/core/grading/definition.js'
import {loadGrader} from '../../src/core/grading/load.js'
import {deriveSeed} from '../../src/core/grading/seed.js'
import workStealerDriver from '../../graders/work-stealer/driver.js'
import {decode, encode} from '../../src/core/sandbox/values.js'
import {lowerBound, noStealing, runMachine, stealHalfFromFullest, type Deque, type StealContext, type StealPolicy} from '../../graders/work-stealer/machine.js'
import * as base from '../fixtures/submissions/work-stealer/base.js'

/**
 * The work-stealer's machine cases judge a schedule the grader computes itself, by replaying the
 * decisions the sandbox reports on the course's own machine. Here the driver and the checks run in
 * this process (course code and stand-ins for learners' policies, never a real submission): honest
 * policies keep their verdicts and their exact schedules, and forged reports get the verdicts the
 * replay promises. COURSE_SEEDS raises the number of learners swept.
 */
const {definition, module: grader} = await loadGrader('work-stealer', gradersDir())
const driver = workStealerDriver
const LEARNERS = Number(process.env.COURSE_SEEDS ?? 0) || 8

type Module = Record<string, unknown>
interface RunReport extends Partial<DecisionLog> {
  readonly error?: string
}
interface MachineOutput {
  readonly runs: RunReport[]
}

/** A learner's case by name, as grading prepares it. */
function caseFor(learner: string, name: string): PreparedCase {
  const definitions = definition.cases.filter((c) => c.name === name)
  return prepareCases(definitions, grader, deriveSeed('replay', learner, 'work-stealer', definition.version))[0]!
}

/** The same case with its feedback as detailed as a visible case's (to read what a hidden one hides). */
const visibly = (prepared: PreparedCase): PreparedCase => ({...prepared, definition: {...prepared.definition, visibility: 'visible'}})

const runsOf = (prepared: PreparedCase) => (prepared.input as {runs: Run[]}).runs

/** What the driver sends back for a module, across the boundary's encoding both ways. */
const outputOf = (module: Module, prepared: PreparedCase) => decode(encode(driver(module, decode(encode(prepared.input))))) as MachineOutput

const withPolicy = (stealPolicy: StealPolicy): Module => ({createDeque: base.createDeque, stealPolicy})

const ringNeighbour: StealPolicy = {chooseVictim: ({thief, sizes}) => (thief + 1) % sizes.length, stealAmount: (n) => Math.ceil(n / 2)}

/** Any worker but the thief, at random, empty or not: it draws on every consultation, failed or not. */
const randomAny: StealPolicy = {
  chooseVictim({thief, sizes, random}) {
    const v = Math.floor(random() * (sizes.length - 1))
    return v >= thief ? v + 1 : v
  },
  stealAmount: (n) => Math.ceil(n / 2),
}

/** A varying number of draws per consultation, and one more in stealAmount, from a kept reference. */
function unevenDraws(): StealPolicy {
  let random: () => number = () => 0
  return {
    chooseVictim(context) {
      random = context.random
      for (let i = Math.floor(context.random() * 4); i > 0; i--) context.random()
      return base.stealPolicy.chooseVictim(context)
    },
    stealAmount: (n) => 1 + Math.floor(random() * n),
  }
}

const MACHINE_CASES = definition.cases.filter((c) => c.check === 'schedule').map((c) => c.name)

/** The run the child's machine makes with the module's own deque and policy. */
const ownRun = (module: Module, run: Run) => runMachine(run, module.createDeque as () => Deque, module.stealPolicy as StealPolicy)

describe('honest policies keep their verdicts and their schedules', () => {
  const sweep: Array<[string, Module, string[]]> = [
    ['the reference', {...reference}, []],
    ['a random victim', {...base}, []],
    // As measured when the sandbox still sent schedules: it fails these two for every learner.
    ['the ring neighbour', withPolicy(ringNeighbour), ['small-skewed', 'pareto-ascending']],
  ]
  it.each(sweep)('%s', (_name, module, failing) => {
    const failed: string[] = []
    for (let i = 0; i < LEARNERS; i++) {
      for (const name of MACHINE_CASES) {
        const prepared = caseFor(`learner-${i}`, name)
        const output = outputOf(module, prepared)
        // The replay is the run the learner's own machine made, task for task: same makespans.
        runsOf(prepared).forEach((run, r) => {
          const replayed = replayDecisions(run, readLog(output.runs[r])!)
          const own = ownRun(module, run)
          expect([replayed.worker, replayed.start]).toEqual([own.worker, own.start])
        })
        if (!judge(prepared, output, grader).passed) failed.push(name)
      }
    }
    expect(failed.sort()).toEqual(Array.from({length: LEARNERS}, () => failing).flat().sort())
  }, 300_000)

  it.each([
    ['a random victim among non-empty deques', {...base}],
    ['a random victim among all workers', withPolicy(randomAny)],
    ['a varying number of draws, one of them in stealAmount', withPolicy(unevenDraws())],
  ])('replays %s exactly: the machine draws nothing of its own', (_name, module) => {
    for (const name of ['heavy-block', 'lognormal-random', 'deterministic']) {
      const prepared = caseFor('randomness', name)
      const output = outputOf(module, prepared)
      runsOf(prepared).forEach((run, r) => {
        const own = ownRun(module, run)
        expect(own.steals).toBeGreaterThan(0)
        const replayed = replayDecisions(run, readLog(output.runs[r])!)
        expect([replayed.worker, replayed.start]).toEqual([own.worker, own.start])
      })
    }
    const repeated = caseFor('randomness', 'deterministic')
    expect(judge(repeated, outputOf(module, repeated), grader)).toEqual({passed: true})
  })

  it('replays a policy that sorts context.sizes in place: it sorts a copy', () => {
    const sorting = withPolicy({
      chooseVictim({thief, sizes}) {
        const fullest = Math.max(...sizes.filter((_, w) => w !== thief))
        ;(sizes as number[]).sort((a, b) => a - b)
        return fullest > 0 ? (thief === 0 ? 1 : 0) : undefined
      },
      stealAmount: (n) => Math.ceil(n / 2),
    })
    const prepared = caseFor('sorter', 'every-task-once')
    const output = outputOf(sorting, prepared)
    runsOf(prepared).forEach((run, r) => expect(() => replayDecisions(run, readLog(output.runs[r])!)).not.toThrow())
  })

  it('a policy that behaves differently on the repeated run fails the same-seed case', () => {
    // Module state outlives a run: the first consultation ever waits, every later one steals.
    let first = true
    const drifting = withPolicy({
      chooseVictim(context) {
        if (first) return (first = false), undefined
        return base.stealPolicy.chooseVictim(context)
      },
      stealAmount: (n) => Math.ceil(n / 2),
    })
    const prepared = caseFor('drifter', 'deterministic')
    expect(judge(prepared, outputOf(drifting, prepared), grader).detail).toMatch(/different decisions on a later run/)
  })

  it('keeps the log small: a few kilobytes for a sound policy on the biggest cases', () => {
    for (const name of ['pareto-ascending', 'many-small']) {
      const prepared = caseFor('sizes', name)
      for (const module of [{...reference}, {...base}]) expect(JSON.stringify(encode(driver(module, prepared.input))).length).toBeLessThan(16_000)
      // A ring neighbour keeps knocking on empty deques: tens of thousands of decisions per run.
      expect(JSON.stringify(encode(driver(withPolicy(ringNeighbour), prepared.input))).length).toBeLessThan(1_000_000)
    }
  })
})

/** A copy of a report's log to tamper with. */
const copyLog = (report: RunReport): {asked: number[]; victims: number[]; amounts: number[]} => ({asked: [...report.asked!], victims: [...report.victims!], amounts: [...report.amounts!]})

/** The output with the first run's log changed. */
function tampered(output: MachineOutput, change: (log: {asked: number[]; victims: number[]; amounts: number[]}) => void): MachineOutput {
  const log = copyLog(output.runs[0]!)
  change(log)
  return {runs: [log, ...output.runs.slice(1)]}
}

/** The index of the first decision that stole. */
const firstSteal = (log: {victims: number[]}) => log.victims.findIndex((v) => v !== NO_VICTIM)

/**
 * The forger the hostile fixture `forged-log` is: its policy never steals, so it records what each
 * consultation was asked and, on the way out, swaps every answer for the one the course's stealer
 * gives to the same question. The questions were asked on a machine where nobody stole, though:
 * once a decision steals, the machine asks other questions than the log holds.
 */
function answerByAnswerForgery(prepared: PreparedCase): MachineOutput {
  const asked: StealContext[][] = []
  const recording = withPolicy({
    chooseVictim(context) {
      asked.at(-1)!.push({...context, sizes: [...context.sizes]})
      return undefined
    },
    stealAmount: () => 1,
  })
  const reports = runsOf(prepared).map((run) => {
    asked.push([])
    const report = (outputOf(recording, {...prepared, input: {mode: 'machine', runs: [run]}}).runs[0])!
    const victims = asked.at(-1)!.map((context) => stealHalfFromFullest.chooseVictim(context) ?? NO_VICTIM)
    const amounts = victims.flatMap((v, i) => (v === NO_VICTIM ? [] : [stealHalfFromFullest.stealAmount(asked.at(-1)![i]!.sizes[v]!)]))
    return {asked: report.asked, victims, amounts}
  })
  return {runs: reports}
}

/** Longest task first onto the least loaded worker: an offline plan no work-stealing run makes. */
function offlineSchedule(run: Run): {worker: number[]; start: number[]; steals: number} {
  const loads = new Array<number>(run.workers).fill(0)
  const worker = new Array<number>(run.costs.length)
  const start = new Array<number>(run.costs.length)
  const order = run.costs.map((_, id) => id).sort((a, b) => run.costs[b]! - run.costs[a]!)
  for (const id of order) {
    const w = loads.indexOf(Math.min(...loads))
    worker[id] = w
    start[id] = loads[w]!
    loads[w] = loads[w]! + run.costs[id]!
  }
  return {worker, start, steals: 0}
}

describe('forged reports', () => {
  const skewed = caseFor('forger', 'small-skewed')
  const hidden = caseFor('forger', 'pareto-ascending')
  const never = withPolicy(noStealing)
  const stealer = withPolicy(stealHalfFromFullest)

  it('a never-stealing policy fails the visible case on its own log', () => {
    expect(judge(skewed, outputOf(never, skewed), grader).detail).toMatch(/^median makespan is 1\.833 ×/)
  })

  it('the course stealer’s own log, sent for a policy that never steals, earns what that stealer earns', () => {
    // The limit of the replay, on purpose: the log is a claim made inside the sandbox. This one
    // follows the machine at every decision (it is the log an honest submission exporting the
    // course's stealer sends, byte for byte), so no check outside the sandbox can tell it from
    // one; it gets that submission's verdict. What the replay rules out is a schedule that no
    // consistent log reaches, and a forger that gets one right has implemented a stealing policy.
    for (const prepared of [skewed, hidden]) {
      const forged = outputOf(stealer, prepared)
      expect(outputOf(never, prepared)).not.toEqual(forged)
      expect(judge(prepared, forged, grader)).toEqual({passed: true})
    }
  })

  it('the stealer’s answers to the questions a never-stealing run was asked do not follow the machine', () => {
    // On the small case the first forged steal settles everything: the machine asks nothing more.
    expect(judge(skewed, answerByAnswerForgery(skewed), grader).detail).toMatch(/^the reported decisions do not follow the machine: the log has \d+ decisions more than the machine asked for\./)
    const verdict = judge(hidden, answerByAnswerForgery(hidden), grader)
    expect(verdict.passed).toBe(false)
    expect(verdict.detail).toMatch(/^the reported decisions do not follow the machine: replayed with a correct deque/)
    expect(verdict.detail).not.toMatch(/\d/)
  })

  it('a schedule in the old format is ignored: without decisions the case fails', () => {
    const forged = {runs: runsOf(skewed).map(offlineSchedule)}
    // The plan is perfect (12 = the lower bound): it is what the sandbox used to be able to claim.
    expect(Math.max(...forged.runs[0]!.start.map((s, id) => s + runsOf(skewed)[0]!.costs[id]!))).toBe(lowerBound(runsOf(skewed)[0]!.costs, 3))
    expect(judge(skewed, forged, grader)).toEqual({passed: false, detail: 'the machine reported no decisions for run 1'})
    expect(judge(hidden, {runs: runsOf(hidden).map(offlineSchedule)}, grader)).toEqual({passed: false, detail: 'the machine reported no decisions for a run'})
    // Sent beside an honest log, the schedule changes nothing: the log alone is judged.
    const honest = outputOf(never, skewed)
    const both = {runs: honest.runs.map((report, r) => ({...report, ...offlineSchedule(runsOf(skewed)[r]!)}))}
    expect(judge(skewed, both, grader)).toEqual(judge(skewed, honest, grader))
  })

  // Tampered logs, each on the reference's honest output for a case with many decisions: the
  // visible detail names the decision; the hidden one names nothing.
  const honestHidden = outputOf({...reference}, hidden)
  const tamperings: Array<[string, (log: {asked: number[]; victims: number[]; amounts: number[]}) => void, RegExp]> = [
    ['a truncated log', (log) => {
      log.victims.pop()
      log.asked.splice(-ASKED_FIELDS)
    }, /the log ends after \d+ decisions, and the machine asked for more/],
    ['a log cut before its last steal amount', (log) => log.amounts.pop(), /the log ends after \d+ steal amounts, and the machine asked for more/],
    ['an over-long log', (log) => {
      log.victims.push(NO_VICTIM)
      log.asked.push(0, 0)
    }, /the log has 1 decision more than the machine asked for/],
    ['an extra steal amount', (log) => log.amounts.push(1), /the log has 1 steal amount more than the machine asked for/],
    ['a victim out of range', (log) => {
      log.victims[firstSteal(log)] = 8
    }, /at decision \d+ the log names 8 as the victim of worker \d, which is not another worker/],
    ['the thief as its own victim', (log) => {
      log.victims[firstSteal(log)] = log.asked[ASKED_FIELDS * firstSteal(log)]!
    }, /at decision \d+ the log names (\d) as the victim of worker \1, which is not another worker/],
    ['an amount larger than the victim holds', (log) => {
      log.amounts[0] = 1_000_000
    }, /at steal 1 the log takes 1000000 tasks from a deque of \d+/],
    ['another thief', (log) => {
      log.asked[ASKED_FIELDS * firstSteal(log)] = (log.asked[ASKED_FIELDS * firstSteal(log)]! + 1) % 8
    }, /at decision \d+ the policy was asked for worker (\d), the log says worker (?!\1)\d/],
    ['another situation', (log) => {
      log.asked[ASKED_FIELDS * firstSteal(log) + 1] = (log.asked[ASKED_FIELDS * firstSteal(log) + 1]! + 1) % 4096
    }, /at decision \d+ worker \d had failed \d+ times? in a row and was shown the deque sizes \[[\d, ]+\], but the log's decision was made in another situation/],
  ]

  it.each(tamperings)('%s does not follow the machine', (_name, change, detail) => {
    const forged = tampered(honestHidden, change)
    const seen = judge(visibly(hidden), forged, grader)
    expect(seen.passed).toBe(false)
    expect(seen.detail).toMatch(/^the reported decisions do not follow the machine \(run 1 of 3\): /)
    expect(seen.detail).toMatch(detail)
    const verdict: Verdict = judge(hidden, forged, grader)
    expect(verdict.passed).toBe(false)
    expect(verdict.detail).toMatch(/^the reported decisions do not follow the machine: /)
    expect(verdict.detail).not.toMatch(/\d/)
  })

  it('a log that is not lists of integers, or whose lists do not match, is no log', () => {
    for (const broken of [{asked: [0], victims: [NO_VICTIM], amounts: []}, {asked: [0, 1.5], victims: [NO_VICTIM], amounts: []}, {asked: 'forged', victims: [], amounts: []}, null, 7]) {
      expect(judge(skewed, {runs: [broken]}, grader)).toEqual({passed: false, detail: 'the machine reported no decisions for run 1'})
    }
    expect(judge(skewed, {runs: []}, grader)).toEqual({passed: false, detail: 'the machine reported fewer runs than it was given'})
    expect(judge(skewed, {}, grader).passed).toBe(false)
  })

  it('an error the sandbox reports still ends the case with it', () => {
    const threw = withPolicy({chooseVictim: () => { throw new Error('no idea') }, stealAmount: () => 1})
    expect(judge(skewed, outputOf(threw, skewed), grader).detail).toBe('the policy or the deque threw: no idea')
    expect(judge(hidden, outputOf(threw, hidden), grader).detail).toBe('the policy or the deque threw an error')
    const greedy = withPolicy({chooseVictim: stealHalfFromFullest.chooseVictim, stealAmount: (n) => n + 1})
    expect(judge(skewed, outputOf(greedy, skewed), grader).detail).toMatch(/^stealAmount\(3\) returned 4/)
  })
})

describe('a deque that passes the visible case but orders tasks wrongly', () => {
  // A plausible slip: a fast path for big steals that fills the result from the far end, so when
  // more than 8 tasks are taken they come back newest first. The visible deque case steals at most
  // a few; the generated one catches it. In the machine every task would still run once, but the
  // driver shadows each of the learner's deques with a correct one, so the first big steal stops
  // the run with the order it got and the order it should have got (hidden: without the numbers).
  const reversingBigSteals = (): Deque => {
    const inner = base.createDeque()
    return {
      ...inner,
      stealTop(count) {
        const taken = inner.stealTop(count)
        return taken.length > 8 ? taken.reverse() : taken
      },
    }
  }
  const module = {createDeque: reversingBigSteals, stealPolicy: reference.stealPolicy}

  it('passes deque-ends and small-skewed, fails deque-random and the machine cases with big steals', () => {
    const learner = 'reverser'
    const ends = caseFor(learner, 'deque-ends')
    expect(judge(ends, decode(encode(driver(module, ends.input))), grader).passed).toBe(true)
    const random = caseFor(learner, 'deque-random')
    expect(judge(random, decode(encode(driver(module, random.input))), grader).passed).toBe(false)
    const skewed = caseFor(learner, 'small-skewed')
    expect(judge(skewed, outputOf(module, skewed), grader)).toEqual({passed: true})
    const edges = caseFor(learner, 'every-task-once')
    const verdict = judge(edges, outputOf(module, edges), grader)
    expect(verdict.passed).toBe(false)
    // Hidden: the broken rule in fixed words, none of the ids the run reported.
    expect(verdict.detail).toBe('stealTop did not return the oldest tasks its deque holds, oldest first')
    // Visible: at most eight ids of each list, then how many there were.
    expect(judge(visibly(edges), outputOf(module, edges), grader).detail).toMatch(/^stealTop\(\d+\) returned tasks \[(\d+), [\d, ]+, … \(\d+ tasks\)\], but the oldest tasks its deque holds, oldest first, are \[(?!\1)\d+, /)
  })
})
