import {test} from 'node:test'
import assert from 'node:assert/strict'
import {createDeque, stealPolicy, type Task} from './work-stealer.ts'

const task = (id: number, cost = 1): Task => ({id, cost})
const ids = (tasks: readonly Task[]) => tasks.map((t) => t.id)

test('the owner pops the newest task first', () => {
  const d = createDeque()
  for (const id of [1, 2, 3]) d.pushBottom(task(id))
  assert.equal(d.size(), 3)
  assert.equal(d.popBottom()?.id, 3)
  assert.equal(d.popBottom()?.id, 2)
  assert.equal(d.size(), 1)
  assert.equal(d.popBottom()?.id, 1)
  assert.equal(d.popBottom(), undefined)
})

test('a thief takes the oldest tasks, oldest first, and never more than there are', () => {
  const d = createDeque()
  for (const id of [1, 2, 3, 4, 5]) d.pushBottom(task(id))
  assert.deepEqual(ids(d.stealTop(2)), [1, 2])
  assert.deepEqual(d.stealTop(0), [])
  assert.deepEqual(d.stealTop(-3), [])
  assert.equal(d.popBottom()?.id, 5)
  d.pushBottom(task(6))
  assert.deepEqual(ids(d.stealTop(10)), [3, 4, 6])
  assert.equal(d.size(), 0)
  assert.deepEqual(d.stealTop(1), [])
})

test('10,000 tasks through mixed operations: none lost, none duplicated', () => {
  const d = createDeque()
  const seen: number[] = []
  let next = 0
  for (let round = 0; round < 2000; round++) {
    for (let k = 0; k < 5; k++) d.pushBottom(task(next++))
    if (round % 3 === 0) seen.push(...ids(d.stealTop(3)))
    const popped = d.popBottom()
    if (popped) seen.push(popped.id)
  }
  while (d.size() > 0) seen.push(...ids(d.stealTop(7)))
  assert.equal(seen.length, next)
  assert.equal(new Set(seen).size, next)
})

test('the policy robs another worker, and takes between one task and all of them', () => {
  let r = 0
  const random = () => (r = (r + 0.37) % 1) // a stand-in for the seeded generator
  const victim = stealPolicy.chooseVictim({thief: 2, sizes: [0, 4, 0, 9], random, failedAttempts: 0})
  assert.ok(victim !== undefined, 'the policy never steals (TODO: choose a victim)')
  assert.ok(Number.isInteger(victim) && victim >= 0 && victim < 4 && victim !== 2, `worker ${victim} cannot be robbed by worker 2`)
  const choices = Array.from({length: 20}, () => stealPolicy.chooseVictim({thief: 0, sizes: [0, 0, 5], random, failedAttempts: 0}))
  assert.ok(choices.includes(2), 'worker 2 holds all the work but is never chosen')
  for (let n = 1; n <= 20; n++) {
    const amount = stealPolicy.stealAmount(n)
    assert.ok(Number.isInteger(amount) && amount >= 1 && amount <= n, `stealAmount(${n}) = ${amount} (TODO: decide how much to take)`)
  }
})

/**
 * A small version of the simulated machine, with free steals: worker w gets the w-th block of
 * tasks; the worker with the earliest clock acts next (ties: lowest index); an idle worker asks
 * the policy (only while some deque still holds work), and after a successful steal starts one
 * stolen task at once; a worker that finds nothing waits until another worker's next event.
 */
function simulate(costs: readonly number[], workers: number): {makespan: number; ran: number[]} {
  const deques = Array.from({length: workers}, () => createDeque())
  costs.forEach((cost, id) => deques[Math.floor((id * workers) / costs.length)]!.pushBottom({id, cost}))
  const clock = new Array<number>(workers).fill(0)
  const failed = new Array<number>(workers).fill(0)
  const ran: number[] = []
  let makespan = 0
  let seed = 7
  const random = () => ((seed = (seed * 48271) % 2147483647) - 1) / 2147483646 // Park-Miller, seeded
  const run = (w: number, t: Task) => {
    ran.push(t.id)
    clock[w]! += t.cost
    makespan = Math.max(makespan, clock[w]!)
  }
  for (;;) {
    let w = 0
    for (let i = 1; i < workers; i++) if (clock[i]! < clock[w]!) w = i
    if (clock[w] === Infinity) return {makespan, ran}
    const own = deques[w]!.popBottom()
    if (own) {
      run(w, own)
      continue
    }
    const sizes = deques.map((d) => d.size())
    const victim = sizes.some((s) => s > 0) ? stealPolicy.chooseVictim({thief: w, sizes, random, failedAttempts: failed[w]!}) : undefined
    const stolen = victim === undefined || victim === w ? [] : deques[victim]!.stealTop(stealPolicy.stealAmount(sizes[victim]!))
    if (stolen.length > 0) {
      failed[w] = 0
      for (const t of stolen) deques[w]!.pushBottom(t)
      run(w, deques[w]!.popBottom()!)
      continue
    }
    failed[w]! += 1
    const later = clock.filter((c) => c > clock[w]! && c !== Infinity)
    clock[w] = later.length > 0 ? Math.min(...later) : Infinity
  }
}

test('on a small skewed workload, stealing beats static blocks and runs every task once', () => {
  // 12 tasks sorted by cost, 3 workers: static blocks give the last worker 4+5+6+7 = 22.
  const costs = [1, 1, 1, 1, 2, 2, 3, 3, 4, 5, 6, 7]
  const {makespan, ran} = simulate(costs, 3)
  assert.deepEqual([...ran].sort((a, b) => a - b), costs.map((_, i) => i))
  const lowerBound = Math.max(costs.reduce((a, b) => a + b, 0) / 3, Math.max(...costs)) // 12
  assert.ok(makespan < 22, `makespan ${makespan}: no better than static blocks (22)`)
  assert.ok(makespan <= 1.25 * lowerBound, `makespan ${makespan} > 1.25 x ${lowerBound}`)
})
