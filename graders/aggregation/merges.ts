/**
 * Merge cases, shared by the three sketches: a stream is split over several named sketches, they
 * are merged in a generated tree, and every sketch is read back and compared with the models step
 * by step, so that the feedback can name the merge property that broke (the merged tree equals
 * one sketch of everything, a merged-in sketch is unchanged, a self-merge or a duplicate does what
 * the contract says, mismatched parameters are refused).
 */
import {
  call,
  fail,
  firstDifference,
  integer,
  ok,
  pass,
  show,
  stepEntries,
  stepName,
  throws,
  type CallResult,
  type Check,
  type Creation,
  type Expected,
  type Random,
  type ScriptInput,
  type ScriptOutput,
  type Step,
  type StepResult,
} from 'course/kit'

/** A merge script's expectations: what each step must give, and the property it shows. */
export interface MergeExpected {
  readonly results: ReadonlyArray<Expected | readonly Expected[]>
  readonly labels: readonly string[]
}

/** A read of a sketch (registers, counters, a count…) and what it must give. */
export type Read = [Step, Expected | Expected[]]

/** The property each kind of step shows, for the feedback. */
export const MERGED = 'merging two sketches built with the same parameters must not throw'
export const ROOT = 'sketches merged in a tree must equal one sketch of all the data'
export const UNCHANGED = 'a sketch merged into another must be left unchanged'

/**
 * A merge script written against the models: named sketches, each filled with its part of the
 * data, merged in a generated tree, and read back; every step keeps what it must give and the
 * property it shows. The model of the sketch merged into is updated with each merge; the model of
 * the sketch merged in is not, so it stays what that sketch must still hold.
 */
export class MergeScript<M extends {merge(other: M): void}> {
  private readonly objects: Record<string, Creation> = {}
  private readonly steps: Step[] = []
  private readonly results: Array<Expected | Expected[]> = []
  private readonly labels: string[] = []
  readonly models = new Map<string, M>()

  sketch(name: string, creation: Creation, model: M): void {
    this.objects[name] = creation
    this.models.set(name, model)
  }
  private push(step: Step, want: Expected | Expected[], label: string): void {
    this.steps.push(step)
    this.results.push(want)
    this.labels.push(label)
  }
  /** Adds values to a sketch (its model already holds them). */
  add(name: string, over: ReadonlyArray<readonly unknown[]>): void {
    this.push({on: name, map: 'add', over}, ok, 'adding values to a sketch must not throw')
  }
  merge(into: string, from: string, label = MERGED): void {
    this.models.get(into)!.merge(this.models.get(from)!)
    this.push({on: into, ...call('merge', {$object: from})}, ok, label)
  }
  refuse(into: string, from: string, label: string): void {
    this.push({on: into, ...call('merge', {$object: from})}, throws('RangeError'), label)
  }
  /** Reads a sketch; `reads` gives each read of its model and what it must give now. */
  read(name: string, reads: (model: M) => Read[], label: string): void {
    for (const [step, want] of reads(this.models.get(name)!)) this.push({...step, on: name}, want, label)
  }
  /** Merges the named sketches pairwise in a random tree shape; returns the one holding everything. */
  tree(random: Random, names: readonly string[]): string {
    const live = [...names]
    while (live.length > 1) {
      const into = integer(random, 0, live.length - 1)
      const from = (into + integer(random, 1, live.length - 1)) % live.length
      this.merge(live[into]!, live[from]!)
      live.splice(from, 1)
    }
    return live[0]!
  }
  generated(): {input: ScriptInput; expected: MergeExpected} {
    return {input: {objects: this.objects, steps: this.steps}, expected: {results: this.results, labels: this.labels}}
  }
}

/** What the sharing episode shows, for the feedback. */
export const SHARED_LATER = 'a sketch merged into an empty one must not change when the receiving sketch changes later'
export const RECEIVER_LATER = 'a sketch must not change when a sketch merged into it earlier changes later'

/**
 * The sharing episode, the same for every learner: an empty sketch takes in a filled one, then
 * each of the two is changed on its own and the other one read. A merge that adopts the other
 * sketch's arrays instead of adding them (a shortcut for an empty receiver) shows only here; a
 * generated tree shows it only when the draw happens to merge into an empty sketch first.
 * `add` puts a batch into a model, as the script's `add` steps put it into the learner's sketch.
 */
export function sharingEpisode<M extends {merge(other: M): void}>(
  make: () => [Creation, M],
  add: (model: M, over: ReadonlyArray<readonly unknown[]>) => void,
  batches: readonly [ReadonlyArray<readonly unknown[]>, ReadonlyArray<readonly unknown[]>, ReadonlyArray<readonly unknown[]>],
  reads: (model: M) => Read[],
): {input: ScriptInput; expected: MergeExpected} {
  const script = new MergeScript<M>()
  for (const name of ['empty', 'filled']) script.sketch(name, ...make())
  const fill = (name: string, over: ReadonlyArray<readonly unknown[]>) => {
    add(script.models.get(name)!, over)
    script.add(name, over)
  }
  const [first, second, third] = batches
  fill('filled', first)
  script.merge('empty', 'filled')
  fill('empty', second)
  script.read('filled', reads, SHARED_LATER)
  fill('filled', third)
  script.read('empty', reads, RECEIVER_LATER)
  return script.generated()
}

/** Splits items over `parts` lists at random; some items go to two lists; the first list stays empty when asked. */
export function split<T>(random: Random, items: readonly T[], parts: number, overlap: number, emptyFirst: boolean): T[][] {
  const lists = Array.from({length: parts}, () => [] as T[])
  const first = emptyFirst ? 1 : 0
  for (const item of items) {
    lists[integer(random, first, parts - 1)]!.push(item)
    if (random() < overlap) lists[integer(random, first, parts - 1)]!.push(item)
  }
  return lists
}

/** Throws when the tree of merges did not give the model of the whole data: a grader bug, not the learner's. */
export function sameModel(merged: unknown, whole: unknown): void {
  if (JSON.stringify(merged) !== JSON.stringify(whole)) throw new Error('grader bug: the merged models differ from the model of the whole data')
}

/**
 * What is wrong with one step's result, judged as the script check judges it (numbers within the
 * tolerance), or undefined. Hidden cases get the kind of problem only, never a value.
 */
function stepProblem(step: Step, got: StepResult | undefined, want: Expected | readonly Expected[], tolerance: number, visible: boolean): string | undefined {
  const many = 'map' in step || 'repeat' in step
  const calls = many ? stepEntries(got) : got === undefined ? undefined : [got as CallResult]
  if (!calls) return 'gave no result'
  const wants: readonly Expected[] = Array.isArray(want) ? want : calls.map(() => want as Expected)
  if (wants.length !== calls.length) return 'gave the wrong number of results'
  for (let i = 0; i < calls.length; i++) {
    const [w, c] = [wants[i]!, calls[i]!]
    if ('error' in w) {
      if (!('error' in c)) return visible ? `must throw a ${String(w.error)}; it returned ${show(c.value)}` : `must throw a ${String(w.error)}, and it did not`
      if (typeof w.error === 'string' && !c.error.startsWith(w.error)) return visible ? `must throw a ${w.error}; it threw: ${c.error}` : `must throw a ${w.error}, and it threw another error`
      continue
    }
    if ('error' in c) return visible ? `threw: ${c.error}` : 'threw an error'
    if ('nan' in w && !Number.isNaN(c.value)) return visible ? `must return NaN; it returned ${show(c.value)}` : 'gave a wrong result'
    if ('value' in w) {
      const difference = firstDifference(c.value, w.value, tolerance)
      if (difference) return visible ? `expected ${show(difference.expected)}${difference.path ? ` at ${difference.path}` : ''}, got ${show(difference.actual)}` : 'gave a wrong result'
    }
  }
  return undefined
}

/** Merge scripts, judged step by step: the first wrong step is reported with the property it shows. */
export const merges: Check = ({input, output, expected, tolerance, visible}) => {
  const inputs = (input as {scripts: ScriptInput[]}).scripts
  const wants = (expected as {scripts: MergeExpected[]}).scripts
  const outputs = (output as {scripts?: ScriptOutput[]}).scripts
  if (!Array.isArray(outputs)) return fail('no result came back')
  for (let i = 0; i < wants.length; i++) {
    const out = outputs[i]
    if (!out || !Array.isArray(out.results)) return fail('no result came back')
    if (out.createError !== undefined) return fail(`creating the sketches failed${visible ? `: ${out.createError}` : ''}`)
    const steps = inputs[i]!.steps
    for (let s = 0; s < steps.length; s++) {
      const step = steps[s]!
      const problem = stepProblem(step, out.results[s], wants[i]!.results[s]!, tolerance, visible)
      if (problem === undefined) continue
      const label = wants[i]!.labels[s]!
      if (!visible) return fail(`${label}: ${stepName(step)} ${problem}`)
      const where = `${wants.length > 1 ? `script ${i + 1}, ` : ''}step ${s + 1}, ${stepName(step)}${step.on === undefined ? '' : ` on ${step.on}`}`
      return fail(`${where}: ${label}: ${problem}`)
    }
  }
  return pass
}
