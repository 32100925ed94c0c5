import {test} from 'node:test'
import assert from 'node:assert/strict'
import {
  createCircuitBreaker,
  createHashRing,
  createHealthTracker,
  createLeastConnections,
  createLeastResponseTime,
  createRoundRobin,
  createSmoothWeighted,
} from './load-balancer.ts'

test('round robin rotates in listed order, starting with the first server', () => {
  const rr = createRoundRobin(['a', 'b', 'c'])
  assert.deepEqual(Array.from({length: 7}, () => rr.pick()), ['a', 'b', 'c', 'a', 'b', 'c', 'a'])
  assert.throws(() => createRoundRobin([]))
})

test('least connections counts interleaved acquires and releases', () => {
  const lc = createLeastConnections(['a', 'b', 'c'])
  assert.equal(lc.acquire(), 'a') // 0,0,0 -> a
  assert.equal(lc.acquire(), 'b') // 1,0,0 -> b
  assert.equal(lc.acquire(), 'c') // 1,1,0 -> c
  lc.release('b') // 1,0,1
  assert.equal(lc.acquire(), 'b')
  assert.equal(lc.acquire(), 'a') // 1,1,1 -> tie, listed first
  assert.deepEqual(['a', 'b', 'c'].map((s) => lc.active(s)), [2, 1, 1])
  lc.release('c')
  assert.throws(() => lc.release('c')) // c has no active connection left
})

test('smooth weighted round robin interleaves {a:5, b:1, c:1}', () => {
  const wrr = createSmoothWeighted([
    {id: 'a', weight: 5},
    {id: 'b', weight: 1},
    {id: 'c', weight: 1},
  ])
  const picks = Array.from({length: 14}, () => wrr.pick())
  assert.deepEqual(picks.join(' '), 'a a b a c a a a a b a c a a')
})

test('EWMA with alpha 0.3 and the unmeasured-first rule', () => {
  const rt = createLeastResponseTime(['x', 'y'])
  assert.equal(rt.pick(), 'x')
  const estimates: number[] = []
  for (const ms of [100, 200, 150, 80]) {
    rt.record('x', ms)
    estimates.push(rt.estimate('x')!)
  }
  ;[100, 130, 136, 119.2].forEach((want, i) => assert.ok(Math.abs(estimates[i]! - want) < 1e-9, `estimate ${i}: ${estimates[i]} != ${want}`))
  assert.equal(rt.estimate('y'), undefined)
  assert.equal(rt.pick(), 'y') // never measured, so it goes first
  rt.record('y', 150)
  assert.equal(rt.pick(), 'x') // 119.2 < 150
})

test('hash ring: order-independent placement, and adding a server moves keys only to it', () => {
  const keys = Array.from({length: 2000}, (_, i) => `user-${i}`)
  const one = createHashRing({servers: ['s1', 's2', 's3', 's4'], virtualNodes: 50})
  const other = createHashRing({servers: ['s4', 's2', 's1'], virtualNodes: 50})
  other.add('s3')
  assert.deepEqual(keys.map((k) => other.lookup(k)), keys.map((k) => one.lookup(k)))
  assert.deepEqual(other.servers(), ['s1', 's2', 's3', 's4'])

  const before = keys.map((k) => one.lookup(k))
  one.add('s5')
  const moved = keys.filter((k, i) => one.lookup(k) !== before[i])
  assert.ok(moved.length > 0, 'the new server should take some keys')
  for (const k of moved) assert.equal(one.lookup(k), 's5')
  assert.throws(() => createHashRing({servers: [], virtualNodes: 10}).lookup('k'))
})

test('health: consecutive failures take a server down; probing brings it back', () => {
  const h = createHealthTracker(['a', 'b'], {failuresToDown: 3, probeAfterMs: 1000, slowMs: 200})
  h.observe('a', {ok: true, latencyMs: 350}, 0)
  assert.equal(h.state('a', 0), 'degraded')
  for (const t of [10, 20, 30]) h.observe('a', {ok: false, latencyMs: 0}, t)
  assert.equal(h.state('a', 30), 'down')
  assert.deepEqual(h.available(500), ['b'])
  assert.equal(h.state('a', 1030), 'probing')
  assert.deepEqual(h.available(1030), ['b'])
  h.observe('a', {ok: true, latencyMs: 40}, 1100)
  assert.equal(h.state('a', 1100), 'healthy')
  assert.deepEqual(h.available(1100), ['a', 'b'])
})

test('circuit breaker: closed -> open -> half-open with one trial -> closed', () => {
  const cb = createCircuitBreaker({failureThreshold: 2, cooldownMs: 5000})
  assert.equal(cb.allow(0), true)
  cb.failure(0)
  cb.success(1) // resets the count
  cb.failure(2)
  assert.equal(cb.state(2), 'closed')
  cb.failure(3)
  assert.equal(cb.state(3), 'open')
  assert.equal(cb.allow(4000), false)
  assert.equal(cb.state(5003), 'half-open')
  assert.equal(cb.allow(5003), true) // the trial
  assert.equal(cb.allow(5004), false) // only one at a time
  cb.failure(5010)
  assert.equal(cb.state(5010), 'open') // cooldown restarts at 5010
  assert.equal(cb.allow(10009), false)
  assert.equal(cb.allow(10010), true)
  cb.success(10020)
  assert.equal(cb.state(10020), 'closed')
})
