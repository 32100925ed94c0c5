/**
 * Hidden cases of the task-queue grader: generators replay random workloads of submissions,
 * failures, completions and calls to `next` against the independent models and keep what must come
 * back; checks compare step by step, or judge properties (the token bucket's bounds) directly.
 * Jitter cases hand the learner's code a seeded random function (`{$random: seed}`) and draw from
 * the same generator here: a queue keeps one such function for all its retries, so each retry's
 * readyAt shows whether exactly one number was drawn per delay, in order.
 * Hidden feedback names the method and the property, never the inputs or the expected values.
 */
import type {Check, Generator, GraderModule, Verdict} from '../../src/core/grading/definition.js'
import {scriptCheck, type Expected as Want, type ExpectedScript as WantScript} from '../../src/core/grading/script.js'
import type {ScriptInput, ScriptOutput} from '../../src/core/sandbox/drivers.js'
import {integer, pick, randomFromSeed, shuffle, type Random} from '../../src/core/random.js'
import {BucketModel, delayBefore, jitteredDelay, QueueModel, type Backoff, type Limit, type QueueOptions} from './models.js'

type Step = {call: string; args?: unknown[]} | {map: string; over: unknown[][]}

const fail = (detail?: string): Verdict => ({passed: false, detail})

/**
 * The token bucket's bounds, judged on its own grants: over every window of T ms at most
 * `capacity + refillPerSecond · T / 1000` grants, never more tokens than the capacity, and a
 * grant whenever the bucket holds a whole token. Then the exact grants, as the model gives them.
 */
const bucketBounds: Check = (context) => {
  const {input, output} = context
  const limit = (input as ScriptInput).create!.args![0] as Limit
  const out = output as ScriptOutput
  if (out.createError !== undefined) return fail('creating the bucket failed')
  const steps = (input as ScriptInput).steps as Array<{call: string; args: [number]}>
  const grants: number[] = []
  let most = 0
  for (let i = 0; i < steps.length; i++) {
    const entry = out.results[i] as {value?: unknown; error?: string}
    if (!entry || 'error' in entry) return fail(`\`${steps[i]!.call}\` threw an error`)
    if (steps[i]!.call === 'tryTake' && entry.value === true) grants.push(steps[i]!.args[0])
    if (steps[i]!.call === 'available') {
      if (typeof entry.value !== 'number') return fail('`available` must return a number')
      most = Math.max(most, entry.value)
    }
  }
  if (most > limit.capacity + 1e-9) return fail('the bucket held more tokens than its capacity')
  let worst = 0
  for (let a = 0; a < grants.length; a++) {
    for (let b = a; b < grants.length; b++) {
      const allowed = limit.capacity + (limit.refillPerSecond * (grants[b]! - grants[a]!)) / 1000
      worst = Math.max(worst, b - a + 1 - allowed)
    }
  }
  if (worst > 1e-9) return fail(`some window saw ${Math.ceil(worst)} more grant(s) than capacity + rate × T allows`)
  return scriptCheck(context)
}

// ------------------------------------------------------------------ helpers for generators

const plainBackoff = (random: Random): Backoff => {
  const baseMs = pick(random, [100, 250, 500, 1000, 2000])
  const factor = pick(random, [1, 2, 2, 3])
  return {baseMs, factor, maxMs: baseMs * pick(random, [1, 4, 8, 30, 1000])}
}

/** Builds a script against the model: each call is recorded with what the model answers. */
class Workload {
  readonly steps: Step[] = []
  readonly results: Want[] = []
  now = 0
  constructor(
    readonly model: QueueModel,
    readonly options: Record<string, unknown>,
  ) {}
  private push(step: Step, want: Want): void {
    this.steps.push(step)
    this.results.push(want)
  }
  tick(random: Random, most: number): number {
    this.now += integer(random, 0, most)
    return this.now
  }
  submit(spec: {id: string; priority: number; dependsOn?: string[]}, now = this.now): boolean {
    const {threw} = this.model.submit(spec, now)
    this.push({call: 'submit', args: [spec, now]}, threw ? {error: true} : {ok: true})
    return !threw
  }
  /** A call the contract refuses: it must throw, and the model does not change. */
  refused(call: string, args: unknown[]): void {
    const model = this.model
    const refuses =
      call === 'submit' ? model.refuses(args[0] as object) : call === 'complete' || call === 'fail' ? !model.isRunning(args[0] as string) : false
    if (!refuses) throw new Error(`grader bug: the model accepts the refused call ${call}`)
    this.push({call, args}, {error: true})
  }
  next(now = this.now): string | undefined {
    const id = this.model.next(now)
    this.push({call: 'next', args: [now]}, {value: id ?? null})
    return id
  }
  complete(id: string, now = this.now): void {
    const {threw} = this.model.complete(id, now)
    this.push({call: 'complete', args: [id, now]}, threw ? {error: true} : {ok: true})
  }
  fail(id: string, now = this.now): void {
    const {threw} = this.model.fail(id, now)
    this.push({call: 'fail', args: [id, now]}, threw ? {error: true} : {ok: true})
  }
  state(id: string): void {
    this.push({call: 'state', args: [id]}, {value: this.model.state(id) ?? null})
  }
  inspect(id: string): void {
    this.push({call: 'inspect', args: [id]}, {value: this.model.inspect(id) ?? null})
  }
  deadLetters(): void {
    this.push({call: 'deadLetters'}, {value: this.model.deadLetters()})
  }
  generated(): {input: ScriptInput; expected: WantScript} {
    return {input: {create: {export: 'createTaskQueue', args: [this.options]}, steps: this.steps}, expected: {results: this.results}}
  }
}

function queue(options: QueueOptions): Workload {
  return new Workload(new QueueModel(options), {...options})
}

const taskId = (random: Random, n: number) => `${pick(random, ['job', 'email', 'pay', 'report', 'index', 'sync'])}-${n}`

/** Finishes a running task: completes it, or fails it with probability `failRate`. */
function finish(w: Workload, random: Random, failRate: number): void {
  const running = w.model.ids('running')
  if (running.length === 0) return
  const id = pick(random, running)
  if (random() < failRate) w.fail(id)
  else w.complete(id)
}

// ------------------------------------------------------------------ generators

const backoffRandom: Generator = (random) => {
  const steps: Step[] = []
  const results: Want[] = []
  for (let i = 0; i < 60; i++) {
    const baseMs = pick(random, [0, 1, 50, 100, 250, 1000, 1500, integer(random, 1, 5000)])
    const factor = pick(random, [1, 1.5, 2, 2, 2.5, 3, 4])
    const maxMs = baseMs + integer(random, 0, 10) * pick(random, [1, 100, 1000, 60_000])
    const backoff = random() < 0.3 ? {baseMs, factor, maxMs, jitter: 0} : {baseMs, factor, maxMs}
    const retry = integer(random, 1, 25)
    steps.push({call: 'backoffDelay', args: [retry, backoff]})
    results.push({value: delayBefore(retry, backoff)})
  }
  const policy = {baseMs: 1000, factor: 2, maxMs: 60_000}
  for (const retry of shuffle(random, [0, -1, 1.5, integer(random, 2, 9) + 0.5])) {
    steps.push({call: 'backoffDelay', args: [retry, policy]})
    results.push({error: true})
  }
  steps.push({call: 'backoffDelay', args: [integer(random, 1, 9), {...policy, jitter: integer(random, 1, 9) / 10}]})
  results.push({error: true})
  return {input: {steps}, expected: {results}}
}

function bucketWorkload(random: Random, limit: Limit, calls: number, dense: boolean): {input: ScriptInput; expected: WantScript} {
  const model = new BucketModel(limit)
  const steps: Step[] = []
  const results: Want[] = []
  let now = integer(random, 0, 5000)
  for (let i = 0; i < calls; i++) {
    now += dense ? pick(random, [0, 1, 10, 10, 10, 25, 100]) : pick(random, [0, 0, 1, 3, 10, 50, 100, 333, 1000, integer(random, 0, 20_000)])
    if (random() < 0.65) {
      steps.push({call: 'tryTake', args: [now]})
      results.push({value: model.tryTake(now)})
    } else {
      steps.push({call: 'available', args: [now]})
      results.push({value: model.available(now)})
    }
  }
  return {input: {create: {export: 'createTokenBucket', args: [limit]}, steps}, expected: {results}}
}

/** A seed for a `{$random: seed}` placeholder: the driver and the models both make randomFromSeed(seed) of it. */
const seedOf = (random: Random) => integer(random, 0, 2 ** 31 - 1)

/**
 * backoffDelay with jitter, each call given its own seeded random function: the capped delay
 * spread by the first number drawn. Caps bite in most calls, so spreading the uncapped delay and
 * capping afterwards shows. Then calls without jitter and without a random function (which must
 * not be needed), and jitter without one (which must throw).
 */
const jitterRandom: Generator = (random) => {
  const steps: Step[] = []
  const results: Want[] = []
  for (let i = 0; i < 40; i++) {
    const baseMs = pick(random, [1, 50, 100, 250, 1000, 1500, integer(random, 1, 5000)])
    const backoff = {
      baseMs,
      factor: pick(random, [1, 1.5, 2, 2, 3, 4]),
      maxMs: baseMs * pick(random, [1, 2, 4, 8, 30, 1000]),
      jitter: pick(random, [0.05, 0.1, 0.2, 0.25, 0.5, 0.75, 0.9, integer(random, 1, 99) / 100]),
    }
    const retry = integer(random, 1, 20)
    const seed = seedOf(random)
    steps.push({call: 'backoffDelay', args: [retry, backoff, {$random: seed}]})
    results.push({value: jitteredDelay(retry, backoff, randomFromSeed(seed))})
  }
  for (let i = 0; i < 8; i++) {
    const backoff = {...plainBackoff(random), ...(random() < 0.5 ? {jitter: 0} : {})}
    const retry = integer(random, 1, 12)
    steps.push({call: 'backoffDelay', args: [retry, backoff]})
    results.push({value: delayBefore(retry, backoff)})
  }
  for (let i = 0; i < 2; i++) {
    steps.push({call: 'backoffDelay', args: [integer(random, 1, 9), {...plainBackoff(random), jitter: integer(random, 1, 9) / 10}]})
    results.push({error: true})
  }
  const order = shuffle(random, steps.map((_, i) => i))
  return {input: {steps: order.map((i) => steps[i]!)}, expected: {results: order.map((i) => results[i]!)}}
}

/**
 * Queues with jitter and one seeded random function each: tasks fail again and again (never for
 * good) and `inspect` reads each retry's readyAt, which holds the next number of the stream only
 * if every earlier delay drew exactly one. Caps bite after two to four retries.
 */
const jitterQueueRandom: Generator = (random) => {
  const scripts: ScriptInput[] = []
  const wants: WantScript[] = []
  for (let q = 0; q < 2; q++) {
    const baseMs = pick(random, [100, 250, 500, 1000])
    const options: QueueOptions = {
      maxRetries: integer(random, 4, 8),
      backoff: {baseMs, factor: pick(random, [2, 3]), maxMs: baseMs * pick(random, [2, 4, 8]), jitter: pick(random, [0.1, 0.2, 0.3, 0.5, 0.8])},
    }
    const seed = seedOf(random)
    const w = new Workload(new QueueModel({...options, random: randomFromSeed(seed)}), {...options, random: {$random: seed}})
    const count = integer(random, 5, 10)
    for (let i = 0; i < count; i++) w.submit({id: taskId(random, i), priority: integer(random, 0, 9)})
    while (w.model.ids('waiting').length > 0 || w.model.ids('running').length > 0) {
      const id = w.next()
      if (id) {
        // Fail while a retry is left, so that no task dies: a death computes no delay.
        if (w.model.inspect(id)!.attempts <= options.maxRetries && random() < 0.75) w.fail(id)
        else w.complete(id)
        w.inspect(id)
      }
      w.tick(random, pick(random, [0, 50, 300, 1500]))
      if (w.steps.length > 500) break
    }
    w.deadLetters()
    const {input, expected} = w.generated()
    scripts.push(input)
    wants.push(expected)
  }
  return {input: {scripts}, expected: {scripts: wants}}
}

const bucketRandom: Generator = (random) => {
  const scripts = [
    bucketWorkload(random, {capacity: integer(random, 1, 5), refillPerSecond: pick(random, [1, 2, 3, 7, 10])}, 150, false),
    bucketWorkload(random, {capacity: integer(random, 1, 3), refillPerSecond: 10}, 150, true),
    bucketWorkload(random, {capacity: integer(random, 2, 50), refillPerSecond: integer(random, 1, 100)}, 150, random() < 0.5),
  ]
  const invalid = [{capacity: 0, refillPerSecond: 1}, {capacity: 2.5, refillPerSecond: 1}, {capacity: 3, refillPerSecond: 0}, {capacity: 3, refillPerSecond: -2}]
  const bad = pick(random, invalid)
  return {
    input: {scripts: [...scripts.map((s) => s.input), {create: {export: 'createTokenBucket', args: [bad]}, steps: []}]},
    expected: {scripts: [...scripts.map((s) => s.expected), {createError: true}]},
  }
}

const bucketBoundsGenerator: Generator = (random) => {
  const limit = {capacity: integer(random, 1, 8), refillPerSecond: pick(random, [1, 3, 5, 10, 20])}
  return bucketWorkload(random, limit, 400, true)
}

/** Priorities and FIFO by readyAt, no dependencies: submissions, retries and completions at random times. */
function orderWorkload(random: Random, options: QueueOptions, tasks: number, failRate: number): Workload {
  const w = queue(options)
  let submitted = 0
  const submitMore = () => {
    const burst = integer(random, 1, 4)
    for (let i = 0; i < burst && submitted < tasks; i++) w.submit({id: taskId(random, submitted++), priority: integer(random, 0, 9)})
  }
  while (submitted < tasks || w.model.ids('waiting').length > 0 || w.model.ids('running').length > 0) {
    const roll = random()
    if (roll < 0.3 && submitted < tasks) submitMore()
    else if (roll < 0.65) w.next()
    else if (roll < 0.9) finish(w, random, failRate)
    else if (random() < 0.5) w.inspect(pick(random, w.model.all().length ? w.model.all() : ['nobody']))
    else w.state(pick(random, w.model.all().length ? w.model.all() : ['nobody']))
    w.tick(random, pick(random, [0, 0, 50, 300, 1500]))
    if (w.steps.length > 600) break
  }
  w.deadLetters()
  return w
}

const orderRandom: Generator = (random) => {
  const options: QueueOptions = {maxRetries: integer(random, 1, 4), backoff: plainBackoff(random)}
  return orderWorkload(random, options, 60, 0.3).generated()
}

const agingRandom: Generator = (random) => {
  const options: QueueOptions = {maxRetries: integer(random, 2, 5), backoff: plainBackoff(random), agingMs: pick(random, [200, 500, 1000, 1500])}
  const w = queue(options)
  // A backlog that outpaces the workers, so that old low-priority tasks age past fresh urgent ones;
  // retries and dependencies make many tasks eligible long after their submission.
  let submitted = 0
  for (let round = 0; round < 250; round++) {
    for (let i = integer(random, 0, 2); i > 0; i--) {
      const priority = random() < 0.5 ? integer(random, 0, 2) : integer(random, 6, 9)
      const waits = submitted > 2 && random() < 0.25 ? {dependsOn: [pick(random, w.model.all())]} : {}
      w.submit({id: `t${submitted++}`, priority, ...waits})
    }
    if (random() < 0.7) w.next()
    if (random() < 0.6) finish(w, random, 0.5)
    if (random() < 0.1) w.inspect(pick(random, w.model.all()))
    w.tick(random, pick(random, [0, 100, 250, 400, 800]))
    if (round % 100 === 99) agingEpisode(w, random, options.agingMs!)
  }
  w.deadLetters()
  return w.generated()
}

/**
 * Drains the queue, then: a low-priority task waits a long time behind a dependency; once that
 * completes, it has only just become eligible and must not outrank a fresh, more urgent task.
 */
function agingEpisode(w: Workload, random: Random, agingMs: number): void {
  for (let guard = 0; guard < 200 && (w.model.ids('waiting').length > 0 || w.model.ids('running').length > 0); guard++) {
    if (!w.next()) finish(w, random, 0)
    w.tick(random, agingMs)
  }
  const n = w.model.all().length
  const [gate, late, fresh] = [`gate-${n}`, `late-${n}`, `fresh-${n}`]
  const lowPriority = integer(random, 7, 9)
  const urgent = integer(random, 1, 5)
  w.submit({id: gate, priority: 0})
  w.submit({id: late, priority: lowPriority, dependsOn: [gate]})
  w.next()
  w.tick(random, (lowPriority - urgent + 1 + integer(random, 0, 3)) * agingMs)
  w.complete(gate)
  w.submit({id: fresh, priority: urgent})
  w.next()
  w.inspect(late)
  w.tick(random, agingMs)
}

/**
 * Bursts of work separated by idle spells in which `next` finds nothing eligible: a bucket that is
 * charged for those calls hands out fewer tasks in the next burst. Completions only.
 */
const rateLimitedOrder: Generator = (random) => {
  const options: QueueOptions = {
    maxRetries: 1,
    backoff: plainBackoff(random),
    rateLimit: {capacity: integer(random, 2, 4), refillPerSecond: pick(random, [1, 2, 4, 10])},
  }
  const w = queue(options)
  let submitted = 0
  for (let cycle = 0; cycle < 12; cycle++) {
    for (let i = integer(random, 3, 10); i > 0; i--) w.submit({id: `task-${submitted++}`, priority: integer(random, 0, 9)})
    for (let i = integer(random, 3, 8); i > 0; i--) {
      w.next()
      if (random() < 0.5) finish(w, random, 0)
      w.tick(random, pick(random, [0, 0, 10, 100, 250]))
    }
    // Drain: finish what runs and hand out what is left, as tokens allow.
    for (let guard = 0; guard < 40 && (w.model.ids('waiting').length > 0 || w.model.ids('running').length > 0); guard++) {
      if (!w.next()) finish(w, random, 0)
      w.tick(random, pick(random, [50, 250, 600]))
    }
    // Idle while the bucket refills: nothing is eligible, so these calls must not cost a token,
    // and the next burst starts right after them.
    w.tick(random, 4000)
    for (let i = integer(random, 1, 4); i > 0; i--) w.next()
  }
  w.deadLetters()
  return w.generated()
}

/**
 * A random DAG submitted in random order (so dependencies often name ids not submitted yet), with
 * repeated ids in `dependsOn` and a few ids that never arrive; completions only.
 */
const dependenciesRandom: Generator = (random) => {
  const options: QueueOptions = {maxRetries: 3, backoff: plainBackoff(random)}
  const w = queue(options)
  const count = integer(random, 25, 40)
  const names = Array.from({length: count}, (_, i) => `n${i}`)
  const specs = names.map((id, rank) => {
    const deps: string[] = []
    const k = rank === 0 ? 0 : pick(random, [0, 1, 1, 2, 2, 3])
    for (let j = 0; j < k; j++) deps.push(names[integer(random, 0, rank - 1)]!)
    if (deps.length > 0 && random() < 0.2) deps.push(deps[0]!)
    if (random() < 0.05) deps.push(`ghost-${rank}`)
    return {id, priority: integer(random, 0, 9), ...(deps.length > 0 || random() < 0.3 ? {dependsOn: deps} : {})}
  })
  const order = shuffle(random, specs)
  let i = 0
  while (i < order.length || w.model.ids('waiting').length > 0 || w.model.ids('running').length > 0) {
    const roll = random()
    if (roll < 0.35 && i < order.length) {
      const spec = order[i++]!
      w.submit(spec)
      w.state(spec.id)
    } else if (roll < 0.65) w.next()
    else if (roll < 0.9) {
      const running = w.model.ids('running')
      if (running.length > 0) {
        const before = new Set(w.model.ids('waiting'))
        w.complete(pick(random, running))
        // Whoever it unblocked must now be queued, from this very moment.
        for (const id of w.model.ids('waiting').filter((x) => !before.has(x))) w.inspect(id)
      }
    } else {
      w.inspect(pick(random, names))
    }
    w.tick(random, pick(random, [0, 5, 40, 200]))
    if (w.steps.length > 700) break
  }
  for (const id of w.model.ids('blocked')) w.state(id)
  return w.generated()
}

/**
 * Refusals: duplicates, bad priorities and ids, malformed dependsOn, self-dependencies and cycles
 * closed through forward references, `complete`/`fail` on tasks that are not running; each must
 * throw and leave the queue (its clock included) as it was. Then invalid options at creation.
 */
const refusalsRandom: Generator = (random) => {
  const options: QueueOptions = {maxRetries: 2, backoff: {baseMs: 1000, factor: 2, maxMs: 60_000}}
  const w = queue(options)
  // A chain a0 ← a1 ← … named before it exists, so a cycle can close on any later submission.
  const chain = Array.from({length: integer(random, 3, 6)}, (_, i) => `c${i}`)
  for (let i = 1; i < chain.length; i++) w.submit({id: chain[i]!, priority: integer(random, 0, 9), dependsOn: [chain[i - 1]!]})
  w.submit({id: 'solo', priority: 4})
  w.submit({id: 'other', priority: 6})
  const attempts: Array<() => void> = [
    // Cycles: one closed by a direct link, one through the whole chain of forward references.
    () => w.refused('submit', [{id: chain[0]!, priority: 3, dependsOn: [chain[1]!]}, w.now + 5000]),
    () => w.refused('submit', [{id: chain[0]!, priority: 3, dependsOn: ['solo', chain[chain.length - 1]!]}, w.now + 5000]),
    () => w.refused('submit', [{id: 'self', priority: 3, dependsOn: ['x', 'self']}, w.now + 5000]),
    () => w.refused('submit', [{id: 'solo', priority: 2}, w.now + 5000]),
    () => w.refused('submit', [{id: 'p-low', priority: -1}, w.now + 5000]),
    () => w.refused('submit', [{id: 'p-high', priority: 10}, w.now + 5000]),
    () => w.refused('submit', [{id: 'p-frac', priority: integer(random, 0, 8) + 0.5}, w.now + 5000]),
    () => w.refused('submit', [{id: 'p-text', priority: String(integer(random, 0, 9))}, w.now + 5000]),
    () => w.refused('submit', [{id: '', priority: 1}, w.now + 5000]),
    () => w.refused('submit', [{id: 42, priority: 1}, w.now + 5000]),
    () => w.refused('submit', [{id: 'deps-text', priority: 1, dependsOn: 'solo'}, w.now + 5000]),
    () => w.refused('submit', [{id: 'deps-number', priority: 1, dependsOn: ['solo', 7]}, w.now + 5000]),
    () => w.refused('complete', ['other', w.now + 5000]),
    () => w.refused('fail', ['nobody', w.now + 5000]),
    () => w.refused('complete', [chain[1]!, w.now + 5000]),
  ]
  // Make one task retrying first: a refused call with a later `now` must not move the clock on.
  const first = w.next()
  if (first) w.fail(first)
  w.state(first ?? 'solo')
  for (const attempt of shuffle(random, attempts)) {
    attempt()
    if (first) w.state(first)
  }
  for (const id of ['self', 'p-low', 'p-high', 'p-frac', 'p-text', 'deps-text', 'deps-number', chain[0]!]) w.state(id)
  // As if the refused calls never happened: the ids are free, and the order is unchanged.
  w.tick(random, 100)
  w.submit({id: 'p-low', priority: integer(random, 0, 9)})
  w.submit({id: chain[0]!, priority: integer(random, 0, 9)})
  for (let i = 0; i < 4; i++) w.next()
  const running = w.model.ids('running')
  if (running.length > 0) {
    const id = pick(random, running)
    w.complete(id)
    w.refused('complete', [id, w.now])
    w.refused('fail', [id, w.now])
  }
  w.now += 60_000
  while (w.model.ids('waiting').length > 0 || w.model.ids('running').length > 0) {
    if (!w.next()) finish(w, random, 0)
    w.tick(random, 1000)
    if (w.steps.length > 200) break
  }
  for (const id of w.model.all()) w.inspect(id)
  const queueScript = w.generated()
  const backoff = {baseMs: 100, factor: 2, maxMs: 1000}
  const invalid = shuffle(random, [
    {maxRetries: -1, backoff},
    {maxRetries: 1.5, backoff},
    {maxRetries: 2, backoff: {...backoff, baseMs: -1}},
    {maxRetries: 2, backoff: {...backoff, factor: 0.5}},
    {maxRetries: 2, backoff: {...backoff, maxMs: 50}},
    {maxRetries: 2, backoff: {...backoff, jitter: 1}},
    {maxRetries: 2, backoff: {...backoff, jitter: -0.1}},
    {maxRetries: 2, backoff: {...backoff, jitter: 0.2}},
    {maxRetries: 2, backoff, agingMs: 0},
    {maxRetries: 2, backoff, rateLimit: {capacity: 0, refillPerSecond: 1}},
    {maxRetries: 2, backoff, rateLimit: {capacity: 2, refillPerSecond: 0}},
  ]).slice(0, 6)
  return {
    input: {scripts: [queueScript.input, ...invalid.map((o) => ({create: {export: 'createTaskQueue', args: [o]}, steps: []}))]},
    expected: {scripts: [queueScript.expected, ...invalid.map(() => ({createError: true}))]},
  }
}

/** Frequent failures: attempts, readyAt and retrying/queued after every call; exactly maxRetries + 1 attempts. */
const retriesRandom: Generator = (random) => {
  const options: QueueOptions = {maxRetries: integer(random, 0, 4), backoff: plainBackoff(random)}
  const w = queue(options)
  const count = integer(random, 6, 12)
  for (let i = 0; i < count; i++) w.submit({id: taskId(random, i), priority: integer(random, 0, 9)})
  while (w.model.ids('waiting').length > 0 || w.model.ids('running').length > 0) {
    const id = w.next()
    if (id) {
      w.inspect(id)
      if (random() < 0.7) w.fail(id)
      else w.complete(id)
      w.inspect(id)
      w.state(id)
    }
    w.tick(random, pick(random, [0, 10, 100, 500, 1000, 4000]))
    if (random() < 0.3) w.inspect(pick(random, w.model.all()))
    if (w.steps.length > 700) break
  }
  w.deadLetters()
  return w.generated()
}

/** Dependency trees whose roots fail for good: cascades over several levels, and submissions onto dead tasks. */
const deadLettersRandom: Generator = (random) => {
  const options: QueueOptions = {maxRetries: integer(random, 0, 1), backoff: {baseMs: 100, factor: 2, maxMs: 1000}}
  const w = queue(options)
  const count = integer(random, 20, 30)
  const names = Array.from({length: count}, (_, i) => `d${i}`)
  const specs = names.map((id, rank) => {
    const deps: string[] = []
    const k = rank === 0 ? 0 : pick(random, [0, 1, 1, 1, 2])
    for (let j = 0; j < k; j++) deps.push(names[integer(random, Math.max(0, rank - 6), rank - 1)]!)
    return {id, priority: integer(random, 0, 9), ...(deps.length > 0 ? {dependsOn: deps} : {})}
  })
  const order = shuffle(random, specs)
  const early = order.slice(0, Math.ceil(order.length * 0.7))
  const late = order.slice(early.length)
  for (const spec of early) w.submit(spec)
  while (w.model.ids('waiting').length > 0 || w.model.ids('running').length > 0) {
    const id = w.next()
    if (id) {
      if (random() < 0.45) w.fail(id)
      else w.complete(id)
    }
    w.tick(random, pick(random, [0, 50, 200, 1500]))
    if (random() < 0.15) w.deadLetters()
    if (late.length > 0 && random() < 0.15) w.submit(late.shift()!)
    if (w.steps.length > 500) break
  }
  // Late submissions: some onto tasks that are already dead, some that other tasks were waiting for.
  for (const spec of late) w.submit(spec)
  for (const id of names) w.inspect(id)
  w.deadLetters()
  return w.generated()
}

const grader: GraderModule = {
  generators: {
    'backoff-random': backoffRandom,
    'token-bucket-random': bucketRandom,
    'token-bucket-bounds': bucketBoundsGenerator,
    'order-random': orderRandom,
    'aging-random': agingRandom,
    'rate-limited-order': rateLimitedOrder,
    'dependencies-random': dependenciesRandom,
    'refusals-random': refusalsRandom,
    'retries-random': retriesRandom,
    'dead-letters-random': deadLettersRandom,
    'jitter-random': jitterRandom,
    'jitter-queue-random': jitterQueueRandom,
  },
  checks: {
    'bucket-bounds': bucketBounds,
  },
}

export const {generators, checks} = grader
