/**
 * Building a queue's script against the model. Each call a generator makes on a `Workload` is
 * played on the model and recorded with what the model answers, so the script and its expected
 * results can never drift apart. Also the small draws every queue generator shares: ids, backoff
 * policies, finishing a running task.
 */
import {call, create, integer, ok, pick, randomFromSeed, returns, throws, type Expected, type ExpectedScript, type Random, type ScriptInput, type Step} from 'course/kit'
import {QueueModel, refusesOptions, type Backoff, type QueueOptions} from './models.js'

export class Workload {
  readonly steps: Step[] = []
  readonly results: Expected[] = []
  /** The time of the next call; generators move it on with `tick`. */
  now = 0
  constructor(
    readonly model: QueueModel,
    /** The options as the learner's factory receives them (a `{$random}` placeholder for jitter). */
    readonly options: Record<string, unknown>,
  ) {}
  private record(step: Step, want: Expected): void {
    this.steps.push(step)
    this.results.push(want)
  }
  tick(random: Random, most: number): number {
    this.now += integer(random, 0, most)
    return this.now
  }
  submit(spec: {id: string; priority: number; dependsOn?: string[]}, now = this.now): boolean {
    const {threw} = this.model.submit(spec, now)
    this.record(call('submit', spec, now), threw ? throws() : ok)
    return !threw
  }
  /** A call the contract refuses: it must throw, and the model does not change. */
  refused(name: string, args: unknown[]): void {
    const model = this.model
    const refuses =
      name === 'submit' ? model.refuses(args[0] as object) : name === 'complete' || name === 'fail' ? !model.isRunning(args[0] as string) : false
    if (!refuses) throw new Error(`grader bug: the model accepts the refused call ${name}`)
    this.record(call(name, ...args), throws())
  }
  next(now = this.now): string | undefined {
    const id = this.model.next(now)
    this.record(call('next', now), returns(id ?? null))
    return id
  }
  complete(id: string, now = this.now): void {
    const {threw} = this.model.complete(id, now)
    this.record(call('complete', id, now), threw ? throws() : ok)
  }
  fail(id: string, now = this.now): void {
    const {threw} = this.model.fail(id, now)
    this.record(call('fail', id, now), threw ? throws() : ok)
  }
  state(id: string): void {
    this.record(call('state', id), returns(this.model.state(id) ?? null))
  }
  inspect(id: string): void {
    this.record(call('inspect', id), returns(this.model.inspect(id) ?? null))
  }
  deadLetters(): void {
    this.record(call('deadLetters'), returns(this.model.deadLetters()))
  }
  /** Moves the time of the next call to `time` (scripted episodes set their times exactly). */
  at(time: number): this {
    if (time < this.now) throw new Error('grader bug: time must not go backwards')
    this.now = time
    return this
  }
  /** Waiting or running tasks remain: the workload is not finished. */
  get busy(): boolean {
    return this.model.ids('waiting').length > 0 || this.model.ids('running').length > 0
  }
  generated(): {input: ScriptInput; expected: ExpectedScript} {
    return {input: {create: create('createTaskQueue', this.options), steps: this.steps}, expected: {results: this.results}}
  }
}

/** A workload on a fresh queue with these options. */
export function queue(options: QueueOptions): Workload {
  if (refusesOptions(options)) throw new Error('grader bug: a workload on options the contract refuses')
  return new Workload(new QueueModel(options), {...options})
}

/**
 * A workload on a queue with jitter: the learner's queue gets a `{$random: seed}` placeholder, which
 * the driver turns into the same seeded generator the model draws from here.
 */
export function jitterQueue(options: Omit<QueueOptions, 'random'>, seed: number): Workload {
  return new Workload(new QueueModel({...options, random: randomFromSeed(seed)}), {...options, random: {$random: seed}})
}

/** One script and what it must give, with the name of the situation it stages (for feedback). */
export interface Episode {
  readonly input: ScriptInput
  readonly expected: ExpectedScript
}

/** The workload's script, labelled with what it stages; the `episodes` check names the label when it fails. */
export function labelled(w: Workload, about: string): Episode {
  const {input, expected} = w.generated()
  return {input, expected: {...expected, about}}
}

/**
 * A queue the contract refuses to create: the factory must throw. A `random` function in the
 * options reaches the learner as a seeded one (functions do not cross into the sandbox); it is
 * never called, since creation must fail.
 */
export function refusedQueue(options: QueueOptions, about: string): Episode {
  if (!refusesOptions(options)) throw new Error(`grader bug: the model accepts the options of "${about}"`)
  const sent = options.random ? {...options, random: {$random: 1}} : options
  return {input: {create: create('createTaskQueue', sent), steps: []}, expected: {createError: true, about}}
}

/** Several scripts as one case's input and expectation. */
export function together(...episodes: Episode[]): {input: {scripts: ScriptInput[]}; expected: {scripts: Episode['expected'][]}} {
  return {input: {scripts: episodes.map((e) => e.input)}, expected: {scripts: episodes.map((e) => e.expected)}}
}

export const taskId = (random: Random, n: number) => `${pick(random, ['job', 'email', 'pay', 'report', 'index', 'sync'])}-${n}`

/**
 * A backoff policy without jitter, capped after a few retries or never in practice. The edges the
 * contract allows (factor 1, a cap equal to the base, a base of 0) are left to the refusals case,
 * which stages them for every learner: drawn here, a queue that wrongly refuses them would fail
 * whichever other cases happened to draw them.
 */
export function plainBackoff(random: Random): Backoff {
  const baseMs = pick(random, [100, 250, 500, 1000, 2000])
  const factor = pick(random, [1.5, 2, 2, 3])
  return {baseMs, factor, maxMs: baseMs * pick(random, [4, 8, 30, 1000])}
}

/** Finishes a running task: completes it, or fails it with probability `failRate`. */
export function finish(w: Workload, random: Random, failRate: number): void {
  const running = w.model.ids('running')
  if (running.length === 0) return
  const id = pick(random, running)
  if (random() < failRate) w.fail(id)
  else w.complete(id)
}
