/**
 * The validation and purity case: invalid numbers of mappers or reducers throw, and every function
 * gives the same answer when called again with the same arguments. The case asks the driver to
 * watch the arguments (`"arguments": "unchanged"` in grader.json): the driver rebuilds them for each
 * call, so a function that writes into them could otherwise never be seen doing it.
 */
import {asScript, call, calls, firstDifference, integer, pass, pick, shuffle, stepEntries, stepName, verdict, type Check, type Generator, type ScriptInput, type Step} from 'course/kit'
import {pairs, type Pair} from './models.js'
import {jobTable, taskTable} from './master.js'
import {hashString, jobDocuments, richText, VOCABULARY} from './text.js'

/** What a step must do: throw, or return the same on each of its calls. */
type Wanted = {error: true} | {same: true}

/**
 * Arguments shaped to tempt a change: pairs with repeated words (a combiner may add into the first
 * pair), a task table in no order of estimate (a speculate may sort it in place), reduce values out
 * of order (a reducer may sort or pop them).
 */
const REPEATED_PAIRS: Pair[] = [['the', 1], ['cat', 2], ['the', 3], ['sat', 1], ['cat', 1], ['the', 1]]
const UNSORTED_TASKS = [
  {id: 'm3', progress: 0.25, elapsedMs: 30000},
  {id: 'm1', progress: 1, elapsedMs: 40000, speculated: true},
  {id: 'm4', progress: 0, elapsedMs: 45000},
  {id: 'm2', progress: 0.5, elapsedMs: 21000},
  {id: 'm5', progress: 1, elapsedMs: 38000},
  {id: 'm6', progress: 0.125, elapsedMs: 25000, speculated: true},
]

export const validationPurity: Generator = (random) => {
  const docs = jobDocuments(random, integer(random, 4, 8), 12)
  const steps: Step[] = []
  const wanted: Wanted[] = []
  for (const mappers of shuffle(random, [0, -1, 2.5, NaN, Infinity])) {
    steps.push(call('runJob', docs, {mappers, reducers: 2, combiner: false}))
    wanted.push({error: true})
  }
  for (const reducers of shuffle(random, [0, 1.5, -3, NaN, Infinity])) {
    steps.push(call('runJob', docs, {mappers: 2, reducers, combiner: true}))
    wanted.push({error: true})
  }
  for (const reducers of shuffle(random, [0, -2, 2.5, NaN, Infinity, -Infinity])) {
    steps.push(call('partition', pick(random, VOCABULARY), reducers))
    wanted.push({error: true})
  }
  const doc = richText(random, 12)
  const key = hashString(random)
  const options = {mappers: integer(random, 1, 4), reducers: integer(random, 1, 6), combiner: random() < 0.5}
  const table = taskTable(random)
  const pairList = pairs(doc)
  const tasks = jobTable(random)
  const repeated: Array<[string, unknown[]]> = [
    ['tokenize', [doc]],
    ['map', [doc]],
    ['combine', [pairList]],
    ['combine', [REPEATED_PAIRS]],
    ['fnv1a32', [key]],
    ['partition', [key, integer(random, 2, 9)]],
    ['reduce', ['the', [3, 1, 2, 5]]],
    ['runJob', [docs, options]],
    ['runJob', [docs, {mappers: 2, reducers: 3, combiner: true}]],
    ['speculate', [table.tasks, table.policy]],
    ['speculate', [UNSORTED_TASKS, {slowFactor: 1.5, minElapsedMs: 0, maxSpeculative: 3}]],
    ['rerunAfterFailure', [tasks.tasks, tasks.failed]],
  ]
  for (const [name, args] of repeated) {
    steps.push(calls(name, [args, args, args]))
    wanted.push({same: true})
  }
  return {input: {steps}, expected: {steps: wanted}}
}

/**
 * Validation and purity: steps marked `{error: true}` must throw; every call of a `map` step
 * marked `{same: true}` repeats the same arguments and must return what the first call returned.
 */
export const repeatable: Check = ({input, output, expected}) => {
  const steps = (input as ScriptInput).steps
  const wanted = (expected as {steps: Wanted[]}).steps
  const results = asScript(output).results
  // A Set: four invalid calls of one function that all return are one problem.
  const problems = new Set<string>()
  for (let s = 0; s < wanted.length; s++) {
    const name = stepName(steps[s])
    if ('error' in wanted[s]!) {
      const entry = results[s]
      if (!entry || !('error' in entry)) problems.add(`${name} must throw for a number of mappers or reducers that is not an integer ≥ 1`)
      continue
    }
    const entries = stepEntries(results[s])
    if (!entries || entries.some((e) => 'error' in e)) {
      problems.add(`${name} threw an error`)
      continue
    }
    const [first, ...again] = entries.map((e) => (e as {value: unknown}).value)
    if (again.some((value) => firstDifference(value, first, 0))) problems.add(`${name} gave a different result when called again with the same arguments`)
  }
  return problems.size === 0 ? pass : verdict([...problems])
}
