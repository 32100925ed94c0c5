/**
 * Scripted episodes and the check that names the rule each one tests. A hidden case is a list of
 * steps, one `map` step per episode: some built without the random stream, so that every learner
 * meets the same boundary (a tie, a threshold reached exactly, a map-only job), and one or more of
 * random breadth. Each step carries the sentence of the rule it exercises; a learner whose answers
 * differ from the model's in a step is told that sentence, never the inputs or the answers.
 */
import {asScript, calls, firstDifference, pass, stepEntries, verdict, type Check} from 'course/kit'

export interface Episode {
  /** The exported function every call of the episode goes to. */
  readonly fn: string
  /** The rule, in words a learner can act on (no inputs: hidden feedback shows it as is). */
  readonly rule: string
  /** One argument list per call. */
  readonly over: ReadonlyArray<readonly unknown[]>
  /** What the model returns for each call. */
  readonly want: readonly unknown[]
  /**
   * A function this one is built on (map on tokenize, partition on fnv1a32): when an episode of
   * that function already went wrong, this one's failure is the same mistake and is not named again.
   */
  readonly after?: string
}

/** Calls `model` on each argument list: an episode whose answers come from the model, never typed in. */
export function episode<A extends unknown[]>(fn: string, rule: string, over: ReadonlyArray<A>, model: (...args: A) => unknown, after?: string): Episode {
  return {fn, rule, over, want: over.map((args) => model(...args)), ...(after ? {after} : {})}
}

/** The case input and expectation for the `episodes` check: one step per episode, in order. */
export function episodeCase(episodes: readonly Episode[]) {
  return {
    input: {steps: episodes.map((e) => calls(e.fn, e.over))},
    expected: {want: episodes.map((e) => e.want), rules: episodes.map((e) => e.rule), fns: episodes.map((e) => e.fn), after: episodes.map((e) => e.after ?? null)},
  }
}

/** At most this many rules are named: past three, the learner has enough to start with. */
const MAX_RULES = 3

/**
 * Each episode's calls against the model's answers, exactly. A failing verdict names the rule of
 * every episode that went wrong (scripted ones come first, in the order the generator put them),
 * and says when a call threw rather than answered wrongly.
 */
export const episodesCheck: Check = ({output, expected}) => {
  const {want, rules, fns = [], after = []} = expected as {want: unknown[][]; rules: string[]; fns?: string[]; after?: Array<string | null>}
  const results = asScript(output).results
  const problems: string[] = []
  const wrong = new Set<string>()
  for (let s = 0; s < want.length; s++) {
    const entries = stepEntries(results[s])
    let problem: string | undefined
    if (!entries || entries.length !== want[s]!.length) problem = `${rules[s]} (some calls gave no result)`
    else if (entries.some((e) => 'error' in e)) problem = `${rules[s]} (it threw an error where it must answer)`
    else if (entries.some((e, i) => firstDifference((e as {value: unknown}).value, want[s]![i], 0))) problem = rules[s]
    if (!problem) continue
    const base = after[s]
    if (fns[s]) wrong.add(fns[s]!)
    if (base && wrong.has(base)) continue
    if (!problems.includes(problem) && problems.length < MAX_RULES) problems.push(problem)
  }
  return problems.length === 0 ? pass : verdict(problems)
}
