/**
 * The work-stealer's decision log: what crosses the sandbox boundary instead of a schedule.
 *
 * Inside the sandbox the driver runs the simulated machine with the learner's deque and policy and
 * records, in the order they were made, the policy's decisions (`recordDecisions`). The grader
 * then runs the course's own machine, with the course's own deque, on those decisions
 * (`replayDecisions`): the schedule it judges is one it computed itself.
 *
 * What the replay guarantees: the schedule is a run of the course's machine, with a correct deque,
 * in which every decision answered the situation the machine was really in when it asked (the
 * thief, its failed attempts and every deque's size, checked against each decision's fingerprint).
 * Every steal is paid for, every task runs once, owners pop their newest task; a schedule no
 * work-stealing run reaches (an offline plan, free steals, a deque that hands out tasks in a better
 * order) cannot be claimed.
 *
 * What it does not guarantee: that the exported `stealPolicy` made those decisions. The log comes
 * from the sandbox, where learner code runs, so it is itself a claim. A submission that fakes the
 * log of some policy Q consistently sends exactly what an honest submission exporting Q sends,
 * byte for byte, and no check outside the sandbox can tell the two apart; it earns what Q earns,
 * which it could have earned by exporting Q. Nor does it guarantee that a decision used only what
 * the policy was shown (a policy could learn the costs through its own deque): the log says what
 * was decided, not why.
 */
import {ringDeque, runMachine, type MachineRun, type StealPolicy} from './machine.js'

/** One run of the machine, as a case input gives it. */
export interface Run {
  readonly costs: number[]
  readonly workers: number
  readonly seed: number
}

/**
 * The decisions of one run, as flat number lists: the log crosses the boundary as JSON, and a
 * policy that keeps failing is consulted 10⁵ times in a run, so one number per field and no
 * object per decision (about 9 bytes a consultation).
 */
export interface DecisionLog {
  /**
   * Per consultation of `chooseVictim`, two numbers: the thief, and `situationFingerprint` of the
   * rest of what it was asked (its `failedAttempts` and the deque sizes it was shown).
   */
  readonly asked: number[]
  /** Per consultation: the victim returned, or NO_VICTIM for undefined. */
  readonly victims: number[]
  /** Per steal (a consultation whose victim held tasks): what `stealAmount` returned. */
  readonly amounts: number[]
}

/** Numbers per consultation in `asked`. */
export const ASKED_FIELDS = 2
/** A consultation that returned undefined: the thief stays idle for now. */
export const NO_VICTIM = -1
/**
 * A value that is no decision at all (say, a victim of 1.5). The machine stops the run with an
 * error right after, so the log of that run is never replayed; it only keeps the lists numeric.
 */
export const NOT_A_DECISION = -2

/**
 * A cheap hash (FNV-1a, folded to 12 bits: at most 4 digits in JSON) of what a thief was asked
 * besides its own index: its failed attempts in a row and every deque's size. It does not have to
 * resist forgery (a forger computes it as easily as we do): it is there to notice a log recorded
 * in another situation than the one the machine reached. A run that drifted apart stays apart, so
 * the next decisions catch what one collision (1 in 4096) lets through. It is small because a
 * policy that keeps failing is consulted often: a policy that never steals, hundreds of thousands
 * of times in one run of 10⁴ tasks.
 */
export function situationFingerprint(failedAttempts: number, sizes: readonly number[]): number {
  let hash = Math.imul(0x811c9dc5 ^ failedAttempts, 0x01000193)
  for (let i = 0; i < sizes.length; i++) hash = Math.imul(hash ^ (sizes[i]! + 1), 0x01000193)
  return (hash ^ (hash >>> 12) ^ (hash >>> 24)) & 0xfff
}

/**
 * Wraps a policy so that every decision it makes is logged, in order. The policy sees a copy of
 * the sizes: a policy that sorts them in place must not change what the machine itself goes on
 * to do, or its run would part from the replay, which hands out no array to change.
 */
export function recordDecisions(policy: StealPolicy): {policy: StealPolicy; log: DecisionLog} {
  const log: DecisionLog = {asked: [], victims: [], amounts: []}
  const recording: StealPolicy = {
    chooseVictim(context) {
      log.asked.push(context.thief, situationFingerprint(context.failedAttempts, context.sizes))
      // Called as a method of the learner's object: a policy may keep state on `this`.
      const victim = policy.chooseVictim({thief: context.thief, sizes: [...context.sizes], random: context.random, failedAttempts: context.failedAttempts})
      log.victims.push(victim === undefined ? NO_VICTIM : Number.isSafeInteger(victim) ? victim : NOT_A_DECISION)
      return victim
    },
    stealAmount(victimSize) {
      const amount = policy.stealAmount(victimSize)
      log.amounts.push(Number.isSafeInteger(amount) ? amount : NOT_A_DECISION)
      return amount
    },
  }
  return {policy: recording, log}
}

/** Why a log cannot be replayed. The message quotes the run's numbers: feedback shows it on visible cases only. */
export class NotFollowed extends Error {}

const isIntegerList = (value: unknown): value is number[] => Array.isArray(value) && value.every((n) => Number.isSafeInteger(n))

/** Reads a log out of a run's report; undefined when it is not one (missing, or not integer lists of matching lengths). */
export function readLog(report: unknown): DecisionLog | undefined {
  if (typeof report !== 'object' || report === null) return undefined
  const {asked, victims, amounts} = report as Record<string, unknown>
  if (!isIntegerList(asked) || !isIntegerList(victims) || !isIntegerList(amounts)) return undefined
  return asked.length === ASKED_FIELDS * victims.length ? {asked, victims, amounts} : undefined
}

/** `1 decision`, `2 decisions`. */
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`

/**
 * Runs the course's machine (the course's deque, the learner's logged decisions) and returns its
 * run, or throws NotFollowed when the log does not fit the machine: it runs out, has decisions
 * left over, was recorded in another situation than the machine's (a fingerprint differs), or
 * names a victim or an amount the rules do not allow.
 *
 * Randomness needs nothing here: the machine hands its seeded stream to the policy and never
 * draws from it itself (a test pins this), so what the policy drew changes nothing the machine
 * does except through the decisions, which the log holds.
 */
export function replayDecisions(run: Run, log: DecisionLog): MachineRun {
  const {asked, victims, amounts} = log
  let decision = 0
  let steal = 0
  const replay: StealPolicy = {
    chooseVictim({thief, sizes, failedAttempts}) {
      if (decision >= victims.length) throw new NotFollowed(`the log ends after ${count(decision, 'decision')}, and the machine asked for more`)
      const at = decision++
      const loggedThief = asked[ASKED_FIELDS * at]!
      if (loggedThief !== thief) throw new NotFollowed(`at decision ${at + 1} the policy was asked for worker ${thief}, the log says worker ${loggedThief}`)
      if (asked[ASKED_FIELDS * at + 1] !== situationFingerprint(failedAttempts, sizes)) {
        throw new NotFollowed(`at decision ${at + 1} worker ${thief} had failed ${count(failedAttempts, 'time')} in a row and was shown the deque sizes [${sizes.join(', ')}], but the log's decision was made in another situation`)
      }
      const victim = victims[at]!
      if (victim === NO_VICTIM) return undefined
      if (victim < 0 || victim >= sizes.length || victim === thief) throw new NotFollowed(`at decision ${at + 1} the log names ${victim} as the victim of worker ${thief}, which is not another worker`)
      return victim
    },
    stealAmount(victimSize) {
      if (steal >= amounts.length) throw new NotFollowed(`the log ends after ${count(steal, 'steal amount')}, and the machine asked for more`)
      const amount = amounts[steal++]!
      if (amount < 1 || amount > victimSize) throw new NotFollowed(`at steal ${steal} the log takes ${amount} tasks from a deque of ${victimSize}`)
      return amount
    },
  }
  const result = runMachine({costs: run.costs, workers: run.workers, seed: run.seed}, ringDeque, replay)
  // With the course's deque and decisions checked above, the only rule left to break is settling.
  if (result.error) throw new NotFollowed(`on these decisions the machine does not finish: ${result.error}`)
  if (decision < victims.length) throw new NotFollowed(`the log has ${count(victims.length - decision, 'decision')} more than the machine asked for`)
  if (steal < amounts.length) throw new NotFollowed(`the log has ${count(amounts.length - steal, 'steal amount')} more than the machine asked for`)
  return result
}
